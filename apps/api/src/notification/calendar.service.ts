import { addDays } from '@efa/domain';
import { Inject, Injectable } from '@nestjs/common';
import ical, { type ICalCalendar } from 'ical-generator';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import { NOTIFICATION_CONFIG, type NotificationConfig } from './notification.config.js';
import { hashToken } from './notification.service.js';

/** One all-day or timed entry of a user's calendar feed. */
export interface CalendarEntry {
  /** Stable across requests (the feed's UID is `<uid>@<host>`). */
  uid: string;
  summary: string;
  description?: string;
  /** YYYY-MM-DD for an all-day entry, else a moment. */
  date?: string;
  start?: Date;
  end?: Date;
  location?: string;
  /** Console path. */
  path: string;
}

/** A source of calendar entries for a user (planned go-lives and milestones here; meetings once they exist). */
export interface CalendarSource {
  name: string;
  entries(em: EntityManager, userId: string, language: 'de' | 'en'): Promise<CalendarEntry[]>;
}

/** The onboardings a user watches directly or through their authority, service or state (SQL condition on o, a). */
const WATCHED = `EXISTS (SELECT 1 FROM watch w WHERE w.user_id = $1 AND (
  (w.target_type = 'ONBOARDING' AND w.target_id = o.id) OR (w.target_type = 'AUTHORITY' AND w.target_id = o.authority_id)
  OR (w.target_type = 'SERVICE' AND w.target_id = o.service_id) OR (w.target_type = 'STATE' AND w.target_id = a.state_id)))`;

export const plannedGoLives: CalendarSource = {
  name: 'planned go-lives',
  async entries(em, userId, language) {
    const rows = await em.query(
      `SELECT o.id, o.planned_go_live, a.name AS authority, sv.name AS service
         FROM onboarding o JOIN authority a ON a.id = o.authority_id JOIN service sv ON sv.id = o.service_id
        WHERE o.planned_go_live IS NOT NULL AND o.live_at IS NULL AND o.status <> 'CANCELLED' AND ${WATCHED}
        ORDER BY o.planned_go_live, o.id LIMIT 5000`,
      [userId],
    );
    return rows.map((r: Record<string, string>) => ({
      uid: `golive-${r.id}`,
      summary: language === 'de' ? `Geplanter Go-Live: ${r.authority} · ${r.service}` : `Planned go-live: ${r.authority} · ${r.service}`,
      date: r.planned_go_live,
      path: `/#/Onboarding/${r.id}/show`,
    }));
  },
};

export const milestoneDueDates: CalendarSource = {
  name: 'milestone due dates',
  async entries(em, userId, language) {
    const rows = await em.query(
      `SELECT m.id, m.name_de, m.name_en, m.due_date, o.id AS onboarding_id, a.name AS authority, sv.name AS service
         FROM milestone m JOIN onboarding o ON o.id = m.onboarding_id JOIN authority a ON a.id = o.authority_id JOIN service sv ON sv.id = o.service_id
        WHERE m.due_date IS NOT NULL AND m.status = 'OPEN' AND o.status <> 'CANCELLED' AND ${WATCHED}
        ORDER BY m.due_date, m.id LIMIT 5000`,
      [userId],
    );
    return rows.map((r: Record<string, string>) => ({
      uid: `milestone-${r.id}`,
      summary: language === 'de' ? `Meilenstein fällig: ${r.name_de} (${r.authority} · ${r.service})` : `Milestone due: ${r.name_en} (${r.authority} · ${r.service})`,
      date: r.due_date,
      path: `/#/Onboarding/${r.onboarding_id}/show`,
    }));
  },
};

/**
 * Meetings linked to what the user watches (a watched service, state or authority among its
 * participants, or an item of it about a watched onboarding) and meetings where the user owns an
 * action item; from 180 days back.
 */
export const meetings: CalendarSource = {
  name: 'meetings',
  async entries(em, userId) {
    const rows = await em.query(
      `SELECT m.id, m.title, m.kind, m.starts_at, m.ends_at, m.location, m.online_url FROM meeting m
        WHERE m.starts_at > now() - interval '180 days' AND (
              EXISTS (SELECT 1 FROM meeting_service ms JOIN watch w ON w.user_id = $1 AND w.target_type = 'SERVICE' AND w.target_id = ms.service_id WHERE ms.meeting_id = m.id)
           OR EXISTS (SELECT 1 FROM meeting_state ms JOIN watch w ON w.user_id = $1 AND w.target_type = 'STATE' AND w.target_id = ms.state_id WHERE ms.meeting_id = m.id)
           OR EXISTS (SELECT 1 FROM meeting_authority ma JOIN watch w ON w.user_id = $1 AND w.target_type = 'AUTHORITY' AND w.target_id = ma.authority_id WHERE ma.meeting_id = m.id)
           OR EXISTS (SELECT 1 FROM meeting_item i JOIN onboarding o ON o.id = i.onboarding_id JOIN authority a ON a.id = o.authority_id WHERE i.meeting_id = m.id AND ${WATCHED})
           OR EXISTS (SELECT 1 FROM meeting_item i WHERE i.meeting_id = m.id AND i.owner_user_id = $1))
        ORDER BY m.starts_at, m.id LIMIT 5000`,
      [userId],
    );
    return rows.map((r: Record<string, never>) => ({
      uid: `meeting-${r.id}`,
      summary: r.title,
      description: [r.location, r.online_url].filter(Boolean).join('\n') || undefined,
      start: new Date(r.starts_at),
      end: new Date(r.ends_at),
      location: r.location ?? undefined,
      path: `/#/Meeting/${r.id}/show`,
    }));
  },
};

/** The per-user iCalendar feed behind a revocable token (GET /calendar/<token>.ics). */
@Injectable()
export class CalendarService {
  private readonly sources: CalendarSource[] = [plannedGoLives, milestoneDueDates, meetings];

  constructor(
    private readonly dataSource: DataSource,
    @Inject(NOTIFICATION_CONFIG) private readonly config: NotificationConfig,
  ) {}

  addSource(source: CalendarSource): void {
    if (!this.sources.some((s) => s.name === source.name)) this.sources.push(source);
  }

  /** The feed of the token's user, or null when no active user has this token (revoked, regenerated, unknown). */
  async feed(token: string): Promise<string | null> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
    const [user] = await this.dataSource.query(
      `SELECT u.id, u.display_name, s.language FROM notification_setting s JOIN app_user u ON u.id = s.user_id AND u.active WHERE s.calendar_token_hash = $1`,
      [hashToken(token)],
    );
    if (!user) return null;
    const language = user.language === 'en' ? 'en' : 'de';
    const host = new URL(this.config.publicUrl).hostname || 'localhost';
    const calendar: ICalCalendar = ical({
      name: language === 'de' ? `EfA Rollout – ${user.display_name}` : `EfA Rollout – ${user.display_name}`,
      prodId: { company: 'EfA Rollout', product: 'calendar-feed', language: language.toUpperCase() },
      ttl: 3600,
    });
    for (const source of this.sources) {
      for (const entry of await source.entries(this.dataSource.manager, user.id, language)) {
        const url = `${this.config.publicUrl}${entry.path}`;
        const common = { id: `${entry.uid}@${host}`, summary: entry.summary, description: entry.description ? `${entry.description}\n${url}` : url, url };
        if (entry.date) calendar.createEvent({ ...common, allDay: true, start: new Date(`${entry.date}T00:00:00Z`), end: new Date(`${addDays(entry.date, 1)}T00:00:00Z`) });
        else calendar.createEvent({ ...common, start: entry.start!, end: entry.end ?? entry.start!, location: entry.location ?? null });
      }
    }
    return calendar.toString();
  }
}

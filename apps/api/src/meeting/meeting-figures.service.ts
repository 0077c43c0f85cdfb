import { Injectable } from '@nestjs/common';
import { BUSINESS_TIME_ZONE, DomainError, addMonths, buildAgenda, issueAt, localDate, obstacleScopeOf, type Principal } from '@efa/domain';
import { DataSource } from 'typeorm';
import { UUID_PATTERN } from '../common/crud.service.js';
import type { AgendaSuggestionArgs, OverdueActionItemsArgs } from './meeting.args.js';
import { MeetingService } from './meeting.service.js';
import type { AgendaSuggestion, OverdueActionItem, OverdueActionItems } from './meeting.types.js';

const TZ = BUSINESS_TIME_ZONE;

/**
 * Each action item with what it is linked to, resolved through the links: its onboarding (direct or
 * the obstacle's), authority (direct, or the onboarding's), state (the authority's or the
 * contract's) and service (the onboarding's or the contract's). $1 = the moment (asOf).
 * Overdue at $1 (as libs/domain isOverdue): an action item created by then, due before $1's date in
 * Europe/Berlin, not closed (DONE/CANCELLED) on or before that date.
 */
const OVERDUE_ITEMS = `
  overdue AS (
    SELECT i.id, i.meeting_id, i.text, i.status, i.due_date, i.owner_user_id, i.owner_organisation,
           coalesce(i.onboarding_id, b.onboarding_id) AS onboarding_id,
           coalesce(i.authority_id, o.authority_id) AS authority_id,
           coalesce(o.service_id, rc.service_id) AS service_id,
           rc.state_id AS contract_state_id
    FROM meeting_item i
    LEFT JOIN blocker b ON b.id = i.blocker_id
    LEFT JOIN onboarding o ON o.id = coalesce(i.onboarding_id, b.onboarding_id)
    LEFT JOIN reuse_contract rc ON rc.id = i.reuse_contract_id
    WHERE i.kind = 'ACTION_ITEM' AND i.due_date < ($1::timestamptz AT TIME ZONE '${TZ}')::date
      AND i.created_at <= $1::timestamptz
      AND (i.closed_at IS NULL OR i.closed_at > ($1::timestamptz AT TIME ZONE '${TZ}')::date)
  ),
  scoped AS (
    SELECT ov.*, a.name AS authority_name, coalesce(a.state_id, ov.contract_state_id) AS state_id
    FROM overdue ov LEFT JOIN authority a ON a.id = ov.authority_id
  )`;

interface OverdueRow {
  id: string;
  meeting_id: string;
  meeting_title: string;
  text: string;
  status: string;
  due_date: string;
  owner: string;
  onboarding_id: string | null;
  authority_id: string | null;
  authority_name: string | null;
  code: string | null;
  days: number;
  total: number;
}

const toItem = (r: OverdueRow): OverdueActionItem => ({
  itemId: r.id,
  meetingId: r.meeting_id,
  meetingTitle: r.meeting_title,
  text: r.text,
  owner: r.owner,
  status: r.status,
  dueDate: r.due_date,
  daysOverdue: r.days,
  onboardingId: r.onboarding_id,
  authorityId: r.authority_id,
  authorityName: r.authority_name,
  stateCode: r.code,
});

function checkId(field: string, value: string | null | undefined): string | null {
  if (!value) return null;
  if (!UUID_PATTERN.test(value)) throw DomainError.validation([issueAt(field, 'NOT_AN_ID', { value })]);
  return value;
}

/** The meeting figures: overdue action items (lists, onboarding and authority pages, dashboard) and the agenda suggestion. */
@Injectable()
export class MeetingFiguresService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly meetings: MeetingService,
  ) {}

  /**
   * Action items overdue at asOf, longest overdue first, narrowed to those linked to an authority,
   * onboarding, state or service. `includeUnlinked`: with a service or state, also the items linked
   * to nothing of any service or state (general tasks of the steering group), as the dashboard shows them.
   */
  async overdueActionItems(args: OverdueActionItemsArgs, includeUnlinked = false): Promise<OverdueActionItems> {
    const limit = args.limit ?? 100;
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw DomainError.validation([issueAt('limit', 'NOT_WHOLE_NUMBER_BETWEEN', { min: 1, max: 1000, value: String(limit) })]);
    const asOf = args.asOf ?? new Date();
    if (Number.isNaN(asOf.getTime())) throw DomainError.validation([issueAt('asOf', 'NOT_A_DATE_TIME')]);
    const params = [asOf, checkId('authorityId', args.authorityId), checkId('onboardingId', args.onboardingId), checkId('stateId', args.stateId), checkId('serviceId', args.serviceId), limit, includeUnlinked];
    const rows: OverdueRow[] = await this.dataSource.query(
      `WITH ${OVERDUE_ITEMS},
       hits AS (
         SELECT s.*, (count(*) OVER ())::int AS total FROM scoped s
         WHERE ($2::uuid IS NULL OR s.authority_id = $2)
           AND ($3::uuid IS NULL OR s.onboarding_id = $3)
           AND ($4::uuid IS NULL OR s.state_id = $4 OR ($7 AND s.state_id IS NULL))
           AND ($5::uuid IS NULL OR s.service_id = $5 OR ($7 AND s.service_id IS NULL))
         ORDER BY s.due_date, s.id LIMIT $6
       )
       SELECT h.id, h.meeting_id, m.title AS meeting_title, h.text, h.status, to_char(h.due_date, 'YYYY-MM-DD') AS due_date,
              coalesce(u.display_name, h.owner_organisation, '') AS owner, h.onboarding_id, h.authority_id, h.authority_name, st.code,
              (($1::timestamptz AT TIME ZONE '${TZ}')::date - h.due_date)::int AS days, h.total
       FROM hits h JOIN meeting m ON m.id = h.meeting_id LEFT JOIN app_user u ON u.id = h.owner_user_id LEFT JOIN state st ON st.id = h.state_id
       ORDER BY h.due_date, h.id`,
      params,
    );
    return { total: rows[0]?.total ?? 0, items: rows.map(toItem) };
  }

  /**
   * The agenda of a meeting (or of a planned one: kind and start) from what changed since the
   * previous meeting of the same kind (else one month before): onboardings newly live, newly
   * blocked (an open blocking obstacle now, none then), contracts signed, and action items overdue.
   * Narrowed to the meeting's services and states when it names any.
   */
  async agendaSuggestion(args: AgendaSuggestionArgs, viewer: Principal | null): Promise<AgendaSuggestion> {
    const language = args.language ?? 'de';
    if (language !== 'de' && language !== 'en') throw DomainError.validation([issueAt('language', 'NOT_ONE_OF', { values: 'de, en', input: language })]);
    let kind = args.kind ?? null;
    let startsAt = args.startsAt ?? null;
    let meetingId: string | null = null;
    let serviceIds: string[] = [];
    let stateIds: string[] = [];
    let timeZone = TZ;
    if (args.meetingId) {
      const m = await this.meetings.findOne(args.meetingId);
      const links = await this.meetings.linksOf(this.dataSource.manager, m.id);
      meetingId = m.id;
      kind ??= m.kind;
      startsAt ??= m.startsAt;
      serviceIds = links.serviceIds;
      stateIds = links.stateIds;
      timeZone = m.timeZone;
    }
    for (const [field, ids] of [['serviceIds', args.serviceIds], ['stateIds', args.stateIds]] as const) {
      const bad = (ids ?? []).filter((id) => !UUID_PATTERN.test(id));
      if (bad.length) throw DomainError.validation([issueAt(field, 'NOT_AN_ID', { value: bad.join(', ') })]);
    }
    if (args.serviceIds) serviceIds = args.serviceIds;
    if (args.stateIds) stateIds = args.stateIds;
    if (!kind) throw DomainError.validation([issueAt('kind', 'REQUIRED')]);
    const start = startsAt ?? new Date();
    if (Number.isNaN(start.getTime())) throw DomainError.validation([issueAt('startsAt', 'NOT_A_DATE_TIME')]);
    const now = new Date();
    const until = start < now ? start : now;
    const [previous]: Array<{ id: string; title: string; starts_at: Date }> = await this.dataSource.query(
      `SELECT id, title, starts_at FROM meeting WHERE kind = $1 AND starts_at < $2 AND ($3::uuid IS NULL OR id <> $3) ORDER BY starts_at DESC, id DESC LIMIT 1`,
      [kind, start, meetingId],
    );
    const since = previous ? new Date(previous.starts_at) : new Date(`${addMonths(localDate(until), -1)}T00:00:00Z`);
    const services = serviceIds.length ? serviceIds : null;
    const states = stateIds.length ? stateIds : null;
    const sinceDate = `($2::timestamptz AT TIME ZONE '${TZ}')::date`;
    const untilDate = `($3::timestamptz AT TIME ZONE '${TZ}')::date`;

    const newlyLive: Array<{ onboarding_id: string; authority_name: string; code: string; service_name: string; live_since: Date }> = await this.dataSource.query(
      `WITH live_stage AS (SELECT DISTINCT ON (service_id) service_id, key FROM service_stage ORDER BY service_id, position DESC),
       moved AS (SELECT DISTINCT t.onboarding_id FROM onboarding_transition t WHERE t.occurred_at > $2 AND t.occurred_at <= $3),
       st AS (
         SELECT o.id, o.authority_id, o.service_id, ls.key AS live_key,
                (SELECT t.to_stage = ls.key AND t.to_status <> 'CANCELLED' FROM onboarding_transition t
                 WHERE t.onboarding_id = o.id AND t.occurred_at <= $3 ORDER BY t.occurred_at DESC, t.id DESC LIMIT 1) AS live_now,
                (SELECT t.to_stage = ls.key AND t.to_status <> 'CANCELLED' FROM onboarding_transition t
                 WHERE t.onboarding_id = o.id AND t.occurred_at <= $2 ORDER BY t.occurred_at DESC, t.id DESC LIMIT 1) AS live_before
         FROM moved JOIN onboarding o ON o.id = moved.onboarding_id JOIN live_stage ls ON ls.service_id = o.service_id
         WHERE ($4::uuid[] IS NULL OR o.service_id = ANY($4))
       )
       SELECT st.id AS onboarding_id, a.name AS authority_name, s.code, sv.name AS service_name,
              (SELECT max(t.occurred_at) FROM onboarding_transition t WHERE t.onboarding_id = st.id AND t.occurred_at <= $3 AND t.to_stage = st.live_key) AS live_since
       FROM st JOIN authority a ON a.id = st.authority_id JOIN state s ON s.id = a.state_id JOIN service sv ON sv.id = st.service_id
       WHERE st.live_now AND NOT coalesce(st.live_before, false) AND ($5::uuid[] IS NULL OR a.state_id = ANY($5)) AND $1::int = 1
       ORDER BY live_since, a.name`,
      [1, since, until, services, states],
    );
    const newlyBlocked: Array<{ onboarding_id: string; authority_name: string; code: string; service_name: string; titles: string }> = await this.dataSource.query(
      `WITH blocking AS (
         SELECT b.onboarding_id, b.title, b.opened_at, a.name AS authority_name, s.code, sv.name AS service_name,
                (b.opened_at <= ${untilDate} AND (b.resolved_at IS NULL OR b.resolved_at > ${untilDate})) AS open_now,
                (b.opened_at <= ${sinceDate} AND (b.resolved_at IS NULL OR b.resolved_at > ${sinceDate})) AS open_before
         FROM blocker b JOIN onboarding o ON o.id = b.onboarding_id JOIN authority a ON a.id = o.authority_id JOIN state s ON s.id = a.state_id JOIN service sv ON sv.id = o.service_id
         WHERE b.severity = 'BLOCKING' AND ($4::uuid[] IS NULL OR o.service_id = ANY($4)) AND ($5::uuid[] IS NULL OR a.state_id = ANY($5)) AND ($1::uuid IS NULL OR a.state_id = $1)
       )
       SELECT onboarding_id, authority_name, code, service_name, string_agg(title, '; ' ORDER BY opened_at, title) FILTER (WHERE open_now) AS titles
       FROM blocking GROUP BY onboarding_id, authority_name, code, service_name
       HAVING bool_or(open_now) AND NOT bool_or(open_before)
       ORDER BY min(opened_at) FILTER (WHERE open_now), authority_name`,
      [obstacleScopeOf(viewer), since, until, services, states],
    );
    const contractsSigned: Array<{ id: string; code: string; name: string; service_name: string; signed_at: string }> = await this.dataSource.query(
      `SELECT rc.id, s.code, s.name, sv.name AS service_name, to_char(rc.signed_at, 'YYYY-MM-DD') AS signed_at
       FROM reuse_contract rc JOIN state s ON s.id = rc.state_id JOIN service sv ON sv.id = rc.service_id
       WHERE rc.signed_at > ${sinceDate} AND rc.signed_at <= ${untilDate}
         AND ($4::uuid[] IS NULL OR rc.service_id = ANY($4)) AND ($5::uuid[] IS NULL OR rc.state_id = ANY($5)) AND $1::int = 1
       ORDER BY rc.signed_at, s.code, sv.name`,
      [1, since, until, services, states],
    );
    const overdue = await this.overdueActionItems({ asOf: until, limit: 100 });
    const facts = {
      previous: previous ? { title: previous.title, startsAt: new Date(previous.starts_at) } : null,
      since,
      newlyLive: newlyLive.map((r) => ({ onboardingId: r.onboarding_id, authorityName: r.authority_name, stateCode: r.code, serviceName: r.service_name, liveSince: new Date(r.live_since) })),
      newlyBlocked: newlyBlocked.map((r) => ({ onboardingId: r.onboarding_id, authorityName: r.authority_name, stateCode: r.code, serviceName: r.service_name, obstacles: r.titles })),
      contractsSigned: contractsSigned.map((r) => ({ contractId: r.id, stateCode: r.code, stateName: r.name, serviceName: r.service_name, signedAt: r.signed_at })),
      overdueActionItems: overdue.items,
    };
    return {
      ...facts,
      until,
      previousMeetingId: previous?.id ?? null,
      previousMeetingTitle: previous?.title ?? null,
      markdown: buildAgenda(facts, language, timeZone),
    };
  }
}

import type { EntityManager } from 'typeorm';

/**
 * Demo meetings of the Aufenthaltstitel rollout: clearly fictional steering-group sessions and a
 * kick-off (titles, minutes and owners are invented roles, no real people), with decisions and
 * action items linked to seeded onboardings and authorities. Idempotent: a meeting is inserted
 * only when none has its title, its items only together with it; edits are never overwritten.
 */
interface SeedItem {
  kind: 'DECISION' | 'ACTION_ITEM';
  text: string;
  owner?: string;
  dueDate?: string;
  status?: 'OPEN' | 'IN_PROGRESS' | 'DONE' | 'CANCELLED';
  closedAt?: string;
  link?: 'onboarding' | 'authority';
}

interface SeedMeeting {
  kind: string;
  title: string;
  startsAt: string;
  endsAt: string;
  location?: string;
  agenda?: string;
  minutes?: string;
  /** Participants: the linked onboarding's authority and its state. */
  participants?: boolean;
  items: SeedItem[];
}

const DEMO_MEETINGS: SeedMeeting[] = [
  {
    kind: 'STEERING_GROUP',
    title: 'Lenkungskreis Aufenthaltstitel – Oktober 2026',
    startsAt: '2026-10-07T08:00:00Z',
    endsAt: '2026-10-07T10:00:00Z',
    location: 'Videokonferenz',
    agenda: '1. Begrüßung und Feststellung der Tagesordnung\n2. Stand der Anbindungen\n3. Kostenverteilung ab 2027\n4. Verschiedenes\n',
    minutes:
      '## Ergebnisprotokoll (Demo)\n\n- Der Stand der Anbindungen wurde vorgestellt.\n- **Beschluss:** Die Kostenverteilung ab 2027 wird auf Grundlage des Königsteiner Schlüssels vorbereitet.\n',
    items: [
      { kind: 'DECISION', text: 'Die Kostenverteilung ab 2027 wird auf Grundlage des Königsteiner Schlüssels vorbereitet.' },
      { kind: 'ACTION_ITEM', text: 'Entwurf der Kostenverteilung 2027 an die Länder versenden', owner: 'Geschäftsstelle Lenkungskreis', dueDate: '2026-10-30', status: 'DONE', closedAt: '2026-10-28' },
    ],
  },
  {
    kind: 'STEERING_GROUP',
    title: 'Lenkungskreis Aufenthaltstitel – November 2026',
    startsAt: '2026-11-04T09:00:00Z',
    endsAt: '2026-11-04T11:00:00Z',
    location: 'Videokonferenz',
    agenda: '1. Begrüßung und Feststellung der Tagesordnung\n2. Offene Hemmnisse der Anbindungen\n3. Überfällige Aufgaben\n4. Verschiedenes\n',
    minutes: '## Ergebnisprotokoll (Demo)\n\n- Offene Hemmnisse wurden besprochen.\n- Die Anbindung mit fehlender Fachverfahrensschnittstelle wird eng begleitet.\n',
    items: [
      { kind: 'ACTION_ITEM', text: 'Bestellung der XAusländer-Schnittstelle beim Hersteller klären', owner: 'Projektteam Anbindung', dueDate: '2026-11-20', status: 'OPEN', link: 'onboarding' },
      { kind: 'ACTION_ITEM', text: 'DVDV-Eintrag mit der Landes-DVDV-Pflegestelle abstimmen', owner: 'Landeskoordination (Rolle)', dueDate: '2026-12-15', status: 'IN_PROGRESS', link: 'authority' },
    ],
  },
  {
    kind: 'STEERING_GROUP',
    title: 'Lenkungskreis Aufenthaltstitel – Dezember 2026',
    startsAt: '2026-12-09T09:00:00Z',
    endsAt: '2026-12-09T11:00:00Z',
    location: 'Videokonferenz',
    items: [],
  },
  {
    kind: 'KICK_OFF',
    title: 'Kick-off Anbindung Aufenthaltstitel (Demo)',
    startsAt: '2026-11-18T13:00:00Z',
    endsAt: '2026-11-18T14:30:00Z',
    location: 'Videokonferenz',
    agenda: '1. Vorstellung des Onlinedienstes\n2. Ablauf der Anbindung und Meilensteine\n3. Ansprechpersonen und nächste Schritte\n',
    participants: true,
    items: [{ kind: 'ACTION_ITEM', text: 'Fachliche und technische Ansprechperson benennen', owner: 'Ausländerbehörde (Projektleitung, fiktive Rolle)', dueDate: '2026-11-25', status: 'IN_PROGRESS', link: 'onboarding' }],
  },
];

/** Inserts the demo meetings that are missing; returns how many. */
export async function seedMeetings(em: EntityManager, serviceId: string): Promise<number> {
  // Onboardings of the demo story still in the rollout, in a stable order (the story is deterministic).
  const open: Array<{ id: string; authority_id: string; state_id: string }> = await em.query(
    `SELECT o.id, o.authority_id, a.state_id FROM onboarding o JOIN authority a ON a.id = o.authority_id
     WHERE o.service_id = $1 AND o.status = 'ACTIVE' AND o.stage <> 'LIVE' ORDER BY a.ars LIMIT 3`,
    [serviceId],
  );
  let inserted = 0;
  for (const [index, m] of DEMO_MEETINGS.entries()) {
    const target = open[index % Math.max(open.length, 1)];
    const rows: Array<{ id: string }> = await em.query(
      `INSERT INTO meeting (kind, title, starts_at, ends_at, time_zone, location, agenda, minutes)
       SELECT $1, $2::text, $3, $4, 'Europe/Berlin', $5, $6, $7 WHERE NOT EXISTS (SELECT 1 FROM meeting WHERE title = $2::text) RETURNING id`,
      [m.kind, m.title, m.startsAt, m.endsAt, m.location ?? null, m.agenda ?? null, m.minutes ?? null],
    );
    if (!rows.length) continue;
    inserted++;
    const meetingId = rows[0].id;
    await em.query(`INSERT INTO meeting_service (meeting_id, service_id) VALUES ($1, $2)`, [meetingId, serviceId]);
    if (m.participants && target) {
      await em.query(`INSERT INTO meeting_state (meeting_id, state_id) VALUES ($1, $2)`, [meetingId, target.state_id]);
      await em.query(`INSERT INTO meeting_authority (meeting_id, authority_id) VALUES ($1, $2)`, [meetingId, target.authority_id]);
    }
    for (const [position, i] of m.items.entries()) {
      await em.query(
        `INSERT INTO meeting_item (meeting_id, kind, text, owner_organisation, due_date, status, closed_at, onboarding_id, authority_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::timestamptz + make_interval(secs => $11))`,
        [
          meetingId,
          i.kind,
          i.text,
          i.owner ?? null,
          i.dueDate ?? null,
          i.status ?? null,
          i.closedAt ?? null,
          i.link === 'onboarding' ? (target?.id ?? null) : null,
          i.link === 'authority' ? (target?.authority_id ?? null) : null,
          m.endsAt,
          position,
        ],
      );
    }
  }
  return inserted;
}

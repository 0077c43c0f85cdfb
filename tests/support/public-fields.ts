import { PUBLIC_FIELDS, PUBLIC_NESTED, type PublicFieldKind } from '@efa/domain';
import type { DataSource } from 'typeorm';

/**
 * Helpers of the public allow-list test (tests/api/public-allow-list.test.ts): internal data
 * seeded with marker strings, and a check of a public JSON value against PUBLIC_FIELDS.
 */

/** Every internal text seeded by seedInternalMarkers contains this; no public answer may. */
export const MARKER = 'INTERNAL-MARKER-7f3a';
/** A cost figure seeded as cents: no public answer may contain it either. */
export const COST_MARKER = '987654321';

/**
 * Writes marker strings into every kind of internal data around one onboarding of a public service
 * (notes, contacts, owner, Jira key, status reason, onboarding notes, obstacles, milestone notes and
 * evidence, contract notes, costs, authority notes/e-mail/website, users), and answers the
 * onboarding's authority ARS and service OZG-ID.
 */
export async function seedInternalMarkers(ds: DataSource, ozgId: string): Promise<{ ars: string; onboardingId: string }> {
  const [o] = await ds.query(
    `SELECT o.id, a.ars, o.service_id, a.state_id FROM onboarding o JOIN service s ON s.id = o.service_id JOIN authority a ON a.id = o.authority_id
      WHERE s.ozg_id = $1 AND o.status = 'ACTIVE' AND o.stage <> 'LIVE' ORDER BY a.ars LIMIT 1`,
    [ozgId],
  );
  const m = (what: string) => `${MARKER} ${what}`;
  await ds.query(
    `UPDATE onboarding SET notes = $2, subject_contact = $3, technical_contact = $4, owner = $5, jira_key = 'MARKER-7734',
            status = 'ON_HOLD', status_reason = $6, planned_go_live = '2027-05-01', publish_plan = false WHERE id = $1`,
    [o.id, m('note'), m('subject contact'), m('technical contact'), m('owner'), m('pause reason')],
  );
  await ds.query(`INSERT INTO onboarding_note (onboarding_id, author, written_at, text, source, external_id) VALUES ($1, $2, now(), $3, 'JIRA', 'marker-1')`, [o.id, m('author'), m('jira comment')]);
  await ds.query(`INSERT INTO blocker (onboarding_id, title, description, category, severity, owner) VALUES ($1, $2, $3, 'FINANCIAL', 'BLOCKING', $4)`, [o.id, m('obstacle'), m('obstacle text'), m('obstacle owner')]);
  await ds.query(`UPDATE milestone SET note = $2, evidence_url = $3 WHERE onboarding_id = $1`, [o.id, m('milestone note'), `https://evidence.example/${MARKER}`]);
  await ds.query(`UPDATE reuse_contract SET notes = $2 WHERE service_id = $1`, [o.service_id, m('contract note')]);
  await ds.query(
    `INSERT INTO service_cost (service_id, year, operation_cents, maintenance_cents, note) VALUES ($1, 2099, ${COST_MARKER}, 1, $2)
     ON CONFLICT (service_id, year) DO UPDATE SET operation_cents = EXCLUDED.operation_cents, note = EXCLUDED.note`,
    [o.service_id, m('cost note')],
  );
  await ds.query(`UPDATE authority SET notes = $2, email = $3, website = $4 WHERE ars = $1`, [o.ars, m('authority note'), `marker-7f3a@authority.example`, `https://${MARKER.toLowerCase()}.example`]);
  await ds.query(`UPDATE app_user SET display_name = $1 || ' ' || display_name`, [MARKER]);
  return { ars: o.ars, onboardingId: o.id };
}

/** The fields of a public JSON value that are not in the allow-list of its kind (paths), recursively. */
export function fieldsOutsideAllowList(value: unknown, kind: PublicFieldKind, at = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => fieldsOutsideAllowList(v, kind, `${at}[${i}]`));
  if (value === null || typeof value !== 'object') return [`${at} (not an object)`];
  const allowed: readonly string[] = PUBLIC_FIELDS[kind];
  const nested = PUBLIC_NESTED[kind] ?? {};
  const out: string[] = [];
  for (const [key, v] of Object.entries(value)) {
    if (!allowed.includes(key)) out.push(`${at}.${key}`);
    else if (nested[key]) out.push(...fieldsOutsideAllowList(v, nested[key], `${at}.${key}`));
    else if (v !== null && typeof v === 'object') out.push(`${at}.${key} (an object where a value belongs)`);
  }
  return out;
}

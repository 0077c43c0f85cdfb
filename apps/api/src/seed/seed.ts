import { createRequire } from 'node:module';
import { AuthorityKind, AuthorityLevel, STATES, arsFromDistrictKey, stateByArsPrefix } from '@efa/domain';
import { seedWavesAndGuides } from './waves-guides.js';
import type { DataSource, EntityManager } from 'typeorm';
import { installDefaultPipeline } from '../pipeline/default-pipeline.js';
import { buildDemoStory, type StoryRows } from './demo-story.js';
import { seedMeetings } from './meetings.js';
import { AUFENTHALTSTITEL_CONTRACTS, SERVICES, SPECIALIST_SYSTEMS } from './reference-data.js';

const require = createRequire(import.meta.url);

interface District {
  AGS: string | number;
  type: string;
  name: string;
  population: number;
}

/** The 401 districts and district-free cities (Destatis GV-ISys, 31.12.2018) from `landkreise-deutschland`. */
export function loadDistricts(): District[] {
  return require('landkreise-deutschland/data/districts.json') as District[];
}

/** The city-states run their foreigners' authority as a state-level office with its own public name. */
const CITY_STATE_AUTHORITIES: Record<string, { name: string; level: AuthorityLevel; kind: AuthorityKind }> = {
  '11000': { name: 'Landesamt für Einwanderung Berlin', level: AuthorityLevel.STATE, kind: AuthorityKind.STATE_AUTHORITY },
  '02000': { name: 'Amt für Migration Hamburg', level: AuthorityLevel.STATE, kind: AuthorityKind.STATE_AUTHORITY },
};

const districtKey = (d: District) => String(d.AGS).padStart(5, '0');

/** "Potsdam, Stadt" -> "Ausländerbehörde Stadt Potsdam"; Landkreis/Kreis as the official type names them. */
export function authorityNameOf(d: District): string {
  const cityState = CITY_STATE_AUTHORITIES[districtKey(d)];
  if (cityState) return cityState.name;
  const [base, suffix] = d.name.split(/,\s*/);
  switch (d.type) {
    case 'Kreisfreie Stadt':
    case 'Stadtkreis':
      if (suffix === 'Freie und Hansestadt') return `Ausländerbehörde Freie und Hansestadt ${base}`;
      if (suffix === 'Landeshauptstadt') return `Ausländerbehörde Landeshauptstadt ${base}`;
      return `Ausländerbehörde Stadt ${base}`;
    case 'Regionalverband':
      return `Ausländerbehörde Regionalverband ${base}`;
    case 'Kreis':
      return `Ausländerbehörde Kreis ${base}`;
    default:
      return `Ausländerbehörde Landkreis ${base}`;
  }
}

function levelOf(d: District): AuthorityLevel {
  const cityState = CITY_STATE_AUTHORITIES[districtKey(d)];
  if (cityState) return cityState.level;
  return d.type === 'Landkreis' || d.type === 'Kreis' ? AuthorityLevel.DISTRICT : AuthorityLevel.DISTRICT_FREE_CITY;
}

/** A stable, illustrative assignment of a specialist product to an authority (the real mapping is not public). */
function illustrativeSystemIndex(ars: string, count: number): number {
  let h = 0;
  for (const c of ars) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h % count;
}

export interface SeedReport {
  states: number;
  authorities: number;
  specialistSystems: number;
  services: number;
  contracts: number;
  pipelines: number;
  onboardings: number;
  costKeys: number;
  guideSections: number;
  waves: number;
  meetings: number;
}

async function insertRows(em: EntityManager, table: string, columns: string[], rows: unknown[][], conflict: string): Promise<number> {
  let inserted = 0;
  // Batches keep each statement well below PostgreSQL's 65535 parameters.
  const batch = Math.max(1, Math.floor(30_000 / Math.max(1, columns.length)));
  for (let start = 0; start < rows.length; start += batch) {
    const params: unknown[] = [];
    const values = rows.slice(start, start + batch).map((row) => `(${row.map((v) => (params.push(v), `$${params.length}`)).join(', ')})`);
    const result = await em.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')} ON CONFLICT ${conflict} DO NOTHING RETURNING id`, params);
    inserted += (result as unknown[]).length;
  }
  return inserted;
}

function insertObjects(em: EntityManager, table: string, rows: Array<Record<string, unknown>>): Promise<number> {
  if (rows.length === 0) return Promise.resolve(0);
  const columns = Object.keys(rows[0]);
  return insertRows(em, table, columns, rows.map((r) => columns.map((c) => r[c])), '(id)');
}

/** Writes the demo story of the Aufenthaltstitel rollout, unless the service has onboardings already. */
async function seedDemoStory(em: EntityManager, serviceId: string): Promise<number> {
  const [{ n }] = await em.query(`SELECT count(*)::int AS n FROM onboarding WHERE service_id = $1`, [serviceId]);
  if (n > 0) return 0;
  const authorities = await em.query(`SELECT a.id, a.ars, s.code AS "stateCode" FROM authority a JOIN state s ON s.id = a.state_id ORDER BY a.ars`);
  const contracts: Array<{ code: string; signed_at: string | null }> = await em.query(
    `SELECT s.code, c.signed_at FROM reuse_contract c JOIN state s ON s.id = c.state_id WHERE c.service_id = $1 AND c.status = 'SIGNED'`,
    [serviceId],
  );
  const [{ lead }] = await em.query(`SELECT s.code AS lead FROM service sv JOIN state s ON s.id = sv.lead_state_id WHERE sv.id = $1`, [serviceId]);
  const story: StoryRows = buildDemoStory({
    serviceId,
    authorities,
    signedAt: Object.fromEntries(contracts.map((c) => [c.code, c.signed_at ?? undefined])),
    leadState: lead,
  });
  await insertObjects(em, 'onboarding', story.onboardings);
  await insertObjects(em, 'milestone', story.milestones);
  await insertObjects(em, 'blocker', story.blockers);
  await insertObjects(em, 'onboarding_transition', story.transitions);
  await insertObjects(em, 'audit_event', story.audit);
  return story.onboardings.length;
}

/** Name of the seeded combined demonstration key (derived from seeded data, not an agreed key). */
export const DEMO_COMBINED_KEY_NAME = 'Demo: Königsteiner Schlüssel 2016 / Ausländerbehörden (50/50)';

/**
 * The Königsteiner Schlüssel 2016 (published; libs/domain STATES) as a cost
 * key, and one combined key for demonstration, clearly derived from seeded
 * data: 50 % Königsteiner Schlüssel 2016 and 50 % the number of foreigners'
 * authorities per state in the seed (Destatis districts, 31.12.2018). No
 * figures of third-country nationals are seeded (none with a source here);
 * record them as a component of a COMBINED key to build the real model.
 */
async function seedCostKeys(em: EntityManager): Promise<number> {
  const koenigstein = Object.fromEntries(STATES.map((s) => [s.code, s.koenigsteinShare2016]));
  const counts: Array<{ code: string; n: number }> = await em.query(
    `SELECT s.code, count(a.id)::int AS n FROM state s LEFT JOIN authority a ON a.state_id = s.id GROUP BY s.code`,
  );
  const authorities = Object.fromEntries(STATES.map((s) => [s.code, counts.find((c) => c.code.trim() === s.code)?.n ?? 0]));
  const rows = [
    [
      'Königsteiner Schlüssel',
      'KOENIGSTEINER',
      2016,
      JSON.stringify(koenigstein),
      '[]',
      'Königsteiner Schlüssel 2016 (percent), as published by the Gemeinsame Wissenschaftskonferenz (GWK).',
    ],
    [
      DEMO_COMBINED_KEY_NAME,
      'COMBINED',
      2018,
      '{}',
      JSON.stringify([
        { name: 'Königsteiner Schlüssel 2016', weight: 0.5, values: koenigstein },
        { name: 'Ausländerbehörden (Anzahl im Bestand)', weight: 0.5, values: authorities },
      ]),
      'Demonstration only, derived from the seeded data: the Königsteiner Schlüssel 2016 and the number of foreigners\' authorities per state in the seed (one per district and district-free city, Destatis 31.12.2018). Not an agreed key; for the combined model replace the first component by the share of third-country nationals.',
    ],
  ];
  return insertRows(em, 'cost_key', ['name', 'kind', 'year', 'factors', 'components', 'note'], rows, '(name, year)');
}

/**
 * Seeds the reference data. Idempotent: rows are matched by their natural
 * keys (state code, ARS, vendor+product, service name/OZG-ID, state+service)
 * and never overwritten, so re-running it changes nothing and keeps edits.
 */
export async function seedDatabase(dataSource: DataSource): Promise<SeedReport> {
  return dataSource.transaction(async (em) => {
    const states = await insertRows(
      em,
      'state',
      ['code', 'name', 'ars_prefix', 'koenigstein_share'],
      STATES.map((s) => [s.code, s.name, s.arsPrefix, s.koenigsteinShare2016]),
      '(code)',
    );
    const stateIds = new Map<string, string>((await em.query(`SELECT code, id FROM state`)).map((r: { code: string; id: string }) => [r.code, r.id]));

    const specialistSystems = await insertRows(
      em,
      'specialist_system',
      ['vendor', 'product', 'standard', 'supported_versions', 'ozg_interface'],
      SPECIALIST_SYSTEMS.map((s) => [s.vendor, s.product, s.standard, s.supportedVersions, s.ozgInterface]),
      '(vendor, product)',
    );
    const systems: Array<{ id: string }> = await em.query(`SELECT id FROM specialist_system ORDER BY vendor, product`);

    const authorityRows = loadDistricts().map((d) => {
      const ars = arsFromDistrictKey(d.AGS);
      const state = stateByArsPrefix(ars.slice(0, 2));
      if (!state) throw new Error(`district ${d.name} has an unknown state prefix ${ars}`);
      const system = systems.length ? systems[illustrativeSystemIndex(ars, systems.length)].id : null;
      return [authorityNameOf(d), CITY_STATE_AUTHORITIES[districtKey(d)]?.kind ?? AuthorityKind.FOREIGNERS_AUTHORITY, levelOf(d), stateIds.get(state.code), ars, d.population, system];
    });
    const authorities = await insertRows(em, 'authority', ['name', 'kind', 'level', 'state_id', 'ars', 'population', 'specialist_system_id'], authorityRows, '(ars)');

    let services = 0;
    for (const s of SERVICES) {
      const exists = await em.query(`SELECT 1 FROM service WHERE name = $1 OR (ozg_id IS NOT NULL AND ozg_id = $2)`, [s.name, s.ozgId]);
      if (exists.length) continue;
      services += await insertRows(
        em,
        'service',
        ['name', 'ozg_id', 'topic_field', 'lead_state_id', 'provider', 'ozg_type', 'standard', 'required_standard_version', 'description'],
        [[s.name, s.ozgId, s.topicField, stateIds.get(s.leadState), s.provider, s.ozgType, s.standard, s.requiredStandardVersion, s.description]],
        '(ozg_id)',
      );
    }
    const [{ id: aufenthaltstitelId }] = await em.query(`SELECT id FROM service WHERE ozg_id = '10255'`);
    const contracts = await insertRows(
      em,
      'reuse_contract',
      ['state_id', 'service_id', 'status', 'interest_declared_at', 'negotiation_started_at', 'signed_at', 'legal_route', 'municipal_access'],
      AUFENTHALTSTITEL_CONTRACTS.map((c) => [
        stateIds.get(c.state),
        aufenthaltstitelId,
        c.status,
        c.interestDeclaredAt ?? null,
        c.negotiationStartedAt ?? null,
        c.signedAt ?? null,
        c.legalRoute ?? null,
        c.municipalAccess ?? null,
      ]),
      '(state_id, service_id)',
    );
    let pipelines = 0;
    for (const { id } of await em.query(`SELECT id FROM service ORDER BY name`)) {
      if (await installDefaultPipeline(em, id)) pipelines++;
    }
    const onboardings = await seedDemoStory(em, aufenthaltstitelId);
    const costKeys = await seedCostKeys(em);
    const { guideSections, waves } = await seedWavesAndGuides(em, aufenthaltstitelId);
    const meetings = await seedMeetings(em, aufenthaltstitelId);
    return { states, authorities, specialistSystems, services, contracts, pipelines, onboardings, costKeys, guideSections, waves, meetings };
  });
}

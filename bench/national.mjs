// A generated database shaped like the national worst case (issue 10): the 16 states, the 401 real
// districts of the seed plus synthetic municipality-level authorities, 50 services with the default
// pipeline, onboardings with milestones, transition logs, obstacles and audit events over 2021-2026,
// contracts per state and service. Created through the real migrations and seed (openDatabase with
// SEED), then bulk-loaded with COPY, one statement per table. Deterministic: seeded random numbers
// and ids derived from the row's position, so every run generates the same data.
//
//   import { prepareDataset } from './national.mjs';
//   const { url, counts } = await prepareDataset({ serverUrl, scale: 'national', reuse: true });
//
// Requires the built API (`npm run build`; `npm run bench` builds first).
import 'reflect-metadata';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { DEFAULT_MILESTONES, DEFAULT_STAGES, STATES, TopicField, mulberry32 as random } from '@efa/domain';
import { openDatabase } from '../apps/api/dist/apps/api/src/database/bootstrap.js';
import { installDefaultPipeline } from '../apps/api/dist/apps/api/src/pipeline/default-pipeline.js';
import { loadDistricts } from '../apps/api/dist/apps/api/src/seed/seed.js';
import { CANCEL_REASONS, OBSTACLES, PAUSE_REASONS } from '../apps/api/dist/apps/api/src/seed/demo-story.js';

/** Bump when the generated data changes shape, so --reuse regenerates older databases. */
const GENERATOR_VERSION = 1;
const MARKER = 'bench.dataset';

/**
 * municipalities: synthetic municipality-level authorities; services: total (the 5 seeded + synthetic);
 * districtServices: the first n services get an onboarding for every district-level authority;
 * municipalServices: the n synthetic services after the seeded ones get one for every municipality.
 */
export const SCALES = {
  small: { municipalities: 400, services: 50, districtServices: 5, municipalServices: 5 },
  national: { municipalities: 11_000, services: 50, districtServices: 50, municipalServices: 30 },
};

/** Municipalities per state (Destatis GV-ISys, 2022, rounded); the synthetic ones are spread in proportion. */
const MUNICIPALITIES_PER_STATE = { SH: 1106, HH: 1, NI: 941, HB: 2, NW: 396, HE: 421, RP: 2301, BW: 1101, BY: 2056, SL: 52, BE: 1, BB: 413, MV: 726, SN: 418, ST: 218, TH: 605 };

const DAY = 86_400_000;
const HISTORY_START = Date.parse('2021-01-04T08:00:00Z');
/** "Today" of the generated history (fixed, so the data does not depend on the day it is generated). */
export const HISTORY_END = Date.parse('2026-11-30T17:00:00Z');
const STAGES = DEFAULT_STAGES.map((s) => s.key);
const LIVE = STAGES.length - 1;
const TEST = STAGES.indexOf('TEST');
const ACTORS = ['bench:rollout-manager', 'bench:rollout-manager', 'bench:state-coordinator'];

// ---------------------------------------------------------------------------------------------
// Deterministic ids and random numbers

/** murmur3's 32-bit finaliser: a bijection, so distinct inputs give distinct outputs. */
function fmix32(h) {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
const hex = (n, len) => (n >>> 0).toString(16).padStart(8, '0').slice(8 - len);
/** A v4-formatted UUID, unique per (kind, n, j), random-looking in front like uuid_generate_v4(). */
function idOf(kind, n, j = 0) {
  const a = fmix32(n ^ (kind * 0x9e3779b9));
  const b = fmix32(a ^ 0x5bd1e995);
  return `${hex(a, 8)}-${hex((kind << 12) | j, 4)}-4${hex(b, 3)}-${hex(0x8000 | (b >>> 16 & 0x3fff), 4)}-${hex(n >>> 16, 4)}${hex(n, 4)}${hex(fmix32(b), 4)}`;
}
const ID = { onboarding: 1, milestone: 2, transition: 3, blocker: 4, audit: 5, authority: 6, service: 7, contract: 8 };

const iso = (t) => new Date(t).toISOString();
const date = (t) => iso(t).slice(0, 10);

// ---------------------------------------------------------------------------------------------
// COPY

/** One value in COPY's text format. */
function copyValue(v) {
  if (v === null || v === undefined) return '\\N';
  const s = typeof v === 'string' ? v : Array.isArray(v) ? `{${v.join(',')}}` : String(v);
  return /[\\\t\n\r]/.test(s) ? s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : s;
}

/** A progress bar on stderr (a line per 10 % when stderr is no terminal). */
function progress(label, total) {
  const started = performance.now();
  let lastDraw = 0;
  let lastDecile = -1;
  const draw = (done, final) => {
    const share = total ? Math.min(1, done / total) : 1;
    const secs = ((performance.now() - started) / 1000).toFixed(1);
    const text = `${label.padEnd(22)} ${String(Math.round(share * 100)).padStart(3)} % ${done.toLocaleString('en-US').padStart(11)} rows ${secs.padStart(6)} s`;
    if (process.stderr.isTTY) {
      const width = 30;
      const bar = '#'.repeat(Math.round(share * width)).padEnd(width, '.');
      process.stderr.write(`\r  [${bar}] ${text}${final ? '\n' : ''}`);
    } else if (final || Math.floor(share * 10) > lastDecile) {
      lastDecile = Math.floor(share * 10);
      process.stderr.write(`  ${text}\n`);
    }
  };
  return {
    tick(done) {
      const now = performance.now();
      if (now - lastDraw > 200) {
        lastDraw = now;
        draw(done, false);
      }
    },
    done(done) {
      draw(done, true);
    },
  };
}

/**
 * Streams rows into `table` with one COPY (one transaction). `rows` is a generator of arrays in the
 * order of `columns`; `estimate` sizes the progress bar.
 */
async function copyInto(client, table, columns, rows, estimate) {
  const bar = progress(table, estimate);
  let count = 0;
  async function* chunks() {
    let buf = [];
    for (const row of rows) {
      buf.push(row.map(copyValue).join('\t'));
      count++;
      if (buf.length === 5000) {
        yield `${buf.join('\n')}\n`;
        buf = [];
        bar.tick(count);
      }
    }
    if (buf.length) yield `${buf.join('\n')}\n`;
  }
  await pipeline(Readable.from(chunks()), client.query(copyStreams.from(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)));
  bar.done(count);
  return count;
}

// ---------------------------------------------------------------------------------------------
// Reference rows: synthetic services with pipelines, synthetic authorities, contracts

/** Largest remainder: `total` split in proportion to `weights`, summing exactly. */
function apportion(total, weights) {
  const sum = Object.values(weights).reduce((a, b) => a + b, 0);
  const raw = Object.entries(weights).map(([k, w]) => [k, (total * w) / sum]);
  const out = Object.fromEntries(raw.map(([k, v]) => [k, Math.floor(v)]));
  let rest = total - Object.values(out).reduce((a, b) => a + b, 0);
  for (const [k] of raw.sort((x, y) => (y[1] % 1) - (x[1] % 1))) {
    if (rest-- <= 0) break;
    out[k]++;
  }
  return out;
}

async function addServices(dataSource, size, stateIds) {
  const existing = await dataSource.query(`SELECT count(*)::int AS n FROM service`);
  const topics = Object.values(TopicField);
  const codes = STATES.map((s) => s.code);
  const rows = [];
  for (let k = existing[0].n + 1; k <= size.services; k++) {
    const nn = String(k).padStart(2, '0');
    rows.push([idOf(ID.service, k), `EfA-Dienst ${nn} (synthetisch)`, topics[k % topics.length], stateIds.get(codes[k % codes.length]), `Anbieter ${nn} (synthetisch)`, 1 + (k % 5), 'Synthetischer Dienst für Lasttests.']);
  }
  if (rows.length) {
    const params = rows.flat();
    const values = rows.map((r, i) => `(${r.map((_, j) => `$${i * r.length + j + 1}`).join(', ')})`).join(', ');
    await dataSource.query(`INSERT INTO service (id, name, topic_field, lead_state_id, provider, ozg_type, description) VALUES ${values}`, params);
  }
  // The seed's own installer gives each new service the default stages and milestone templates.
  await dataSource.transaction(async (em) => {
    for (const { id } of await em.query(`SELECT id FROM service`)) await installDefaultPipeline(em, id);
  });
}

/** Synthetic municipality-level authorities: valid 12-digit ARS under a real district of their state. */
function* municipalities(size, districts, stateIds, systemIds) {
  const rnd = random(4711);
  const perState = apportion(size.municipalities, MUNICIPALITIES_PER_STATE);
  let n = 0;
  for (const state of STATES) {
    const all = districts.filter((d) => String(d.AGS).padStart(5, '0').startsWith(state.arsPrefix));
    const rural = all.filter((d) => d.type === 'Landkreis' || d.type === 'Kreis');
    const hosts = rural.length ? rural : all;
    const perHost = new Map();
    for (let i = 0; i < perState[state.code]; i++) {
      const d = hosts[i % hosts.length];
      const key = String(d.AGS).padStart(5, '0');
      const k = perHost.get(key) ?? 0;
      perHost.set(key, k + 1);
      // Municipal association (4 digits) and municipality (3 digits, never 000, which is the district's own ARS).
      const ars = `${key}${String(Math.floor(k / 999)).padStart(4, '0')}${String((k % 999) + 1).padStart(3, '0')}`;
      const system = rnd() < 0.1 ? null : systemIds[Math.floor(rnd() * systemIds.length)];
      const population = Math.round(300 + rnd() ** 3 * 60_000);
      n++;
      yield [idOf(ID.authority, n), `Gemeinde ${d.name.split(',')[0]} ${String(k + 1).padStart(3, '0')} (synthetisch)`, 'MUNICIPALITY', 'MUNICIPALITY', stateIds.get(state.code), ars, population, system];
    }
  }
}

/** A contract per state and service except the lead state; the seed's Aufenthaltstitel contracts stay. */
function* contracts(services, stateIds, existing) {
  const rnd = random(1021);
  const between = (from, to) => from + Math.floor(rnd() * (to - from));
  let n = 0;
  for (const s of services) {
    for (const state of STATES) {
      const stateId = stateIds.get(state.code);
      if (stateId === s.lead_state_id || existing.has(`${stateId}:${s.id}`)) continue;
      const r = rnd();
      const status = r < 0.6 ? 'SIGNED' : r < 0.7 ? 'NEGOTIATING' : r < 0.82 ? 'INTEREST_DECLARED' : r < 0.97 ? 'NONE' : 'TERMINATED';
      const interest = status === 'NONE' ? null : between(HISTORY_START, Date.parse('2023-06-30'));
      const negotiation = ['NEGOTIATING', 'SIGNED', 'TERMINATED'].includes(status) ? interest + between(30, 200) * DAY : null;
      const signed = ['SIGNED', 'TERMINATED'].includes(status) ? negotiation + between(60, 300) * DAY : null;
      const terminated = status === 'TERMINATED' ? Math.min(HISTORY_END - DAY, signed + between(200, 900) * DAY) : null;
      const route = signed ? ['FIT_STORE', 'FIT_STORE', 'GOVDIGITAL_MARKETPLACE', 'ADMINISTRATIVE_AGREEMENT', 'MUNICIPAL_AGENT_MODEL'][between(0, 5)] : null;
      const access = signed ? ['FREE_PASS_THROUGH', 'FREE_PASS_THROUGH', 'PAID_IN_HOUSE', 'MARKETPLACE', 'MUNICIPAL_AGENT_MODEL'][between(0, 5)] : null;
      n++;
      yield [idOf(ID.contract, n), stateId, s.id, status, route, access, interest && date(interest), negotiation && date(negotiation), signed && date(signed), terminated && date(terminated)];
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Onboardings and their history

/**
 * The history of onboarding `i` (authority × service), computed from its own seeded random numbers,
 * so every table's phase can compute it again without holding millions of rows in memory.
 */
function story(i, pair, liveFrom) {
  const rnd = random(fmix32(i + 0x2021));
  const between = (from, to) => from + Math.floor(rnd() * Math.max(0, to - from));
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const id = idOf(ID.onboarding, i);
  const actor = pick(ACTORS);
  const created = between(HISTORY_START, HISTORY_END - 10 * DAY);
  const transitions = [{ kind: 'CREATE', from: null, to: STAGES[0], fromStatus: null, toStatus: 'ACTIVE', at: created }];
  const entered = [created];
  let stage = 0;
  let t = created;
  const movedBack = rnd() < 0.05;
  const pausedOnce = rnd() < 0.04;
  const push = (kind, from, to, fromStatus, toStatus, at, comment = null) => transitions.push({ kind, from, to, fromStatus, toStatus, at, comment });
  while (stage < LIVE) {
    let next = t + between(20, 120) * DAY;
    if (stage + 1 === LIVE) {
      if (liveFrom === undefined) break;
      next = Math.max(next, liveFrom + between(0, 90) * DAY);
    }
    if (next > HISTORY_END || rnd() < 0.1) break;
    if (pausedOnce && stage === 2) {
      const pauseAt = t + Math.floor((next - t) * 0.3);
      push('PAUSE', STAGES[stage], STAGES[stage], 'ACTIVE', 'ON_HOLD', pauseAt, pick(PAUSE_REASONS));
      push('RESUME', STAGES[stage], STAGES[stage], 'ON_HOLD', 'ACTIVE', pauseAt + Math.floor((next - pauseAt) * 0.6));
    }
    if (movedBack && stage + 1 === TEST) {
      const gap = next - t;
      push('ADVANCE', STAGES[stage], STAGES[TEST], 'ACTIVE', 'ACTIVE', t + Math.round(gap * 0.3));
      push('MOVE_BACK', STAGES[TEST], STAGES[stage], 'ACTIVE', 'ACTIVE', t + Math.round(gap * 0.6), 'Testantrag scheiterte: Zertifikat im DVDV abgelaufen');
    }
    stage++;
    t = next;
    entered[stage] = t;
    push('ADVANCE', STAGES[stage - 1], STAGES[stage], 'ACTIVE', 'ACTIVE', t);
  }
  const live = stage === LIVE;
  let status = 'ACTIVE';
  let reason = null;
  if (!live) {
    const r = rnd();
    if (r < 0.05) [status, reason] = ['ON_HOLD', pick(PAUSE_REASONS)];
    else if (r < 0.07) [status, reason] = ['CANCELLED', pick(CANCEL_REASONS)];
    if (status !== 'ACTIVE') push(status === 'ON_HOLD' ? 'PAUSE' : 'CANCEL', STAGES[stage], STAGES[stage], 'ACTIVE', status, between(t, HISTORY_END), reason);
  }

  // Milestones: those of earlier stages done within their stage; live ones have every required step done.
  const milestones = DEFAULT_MILESTONES.map((m) => {
    const mIdx = STAGES.indexOf(m.stage);
    let done;
    let na = false;
    if (live && mIdx === LIVE) {
      if (m.required) done = t;
      else if (rnd() < 0.8) done = Math.min(HISTORY_END, t + between(3, 20) * DAY);
      else na = rnd() < 0.3;
    } else if (mIdx < stage) done = between(entered[mIdx], entered[mIdx + 1]);
    else if (mIdx === stage && !live && rnd() < 0.4) done = Math.min(HISTORY_END, between(t, t + 30 * DAY));
    const status = done !== undefined ? 'DONE' : na ? 'NOT_APPLICABLE' : 'OPEN';
    return { m, done, status, due: status === 'OPEN' && mIdx <= stage ? date(t + 60 * DAY) : null };
  });

  const blockers = [];
  if (!live && status !== 'CANCELLED' && rnd() < 0.08) blockers.push({ o: pick(OBSTACLES), opened: between(t, HISTORY_END), resolved: null });
  if (live && rnd() < 0.1) {
    const opened = t - between(60, 150) * DAY;
    blockers.push({ o: pick(OBSTACLES), opened, resolved: t - between(5, 40) * DAY });
  }
  return { i, id, pair, actor, created, transitions, stage, status, reason, live, t, milestones, blockers, planned: live || status === 'CANCELLED' ? null : date(HISTORY_END + between(30, 400) * DAY) };
}

function* onboardingRows(stories) {
  for (const s of stories()) {
    const { pair } = s;
    const last = s.transitions[s.transitions.length - 1];
    yield [s.id, pair.authority, pair.service, STAGES[s.stage], s.status, s.reason, iso(s.t), s.planned, s.live ? iso(s.t) : null, `Rollout-Team ${pair.stateCode} (synthetisch)`, iso(s.created), iso(last.at), s.transitions.length];
  }
}

function* milestoneRows(stories) {
  for (const s of stories()) {
    for (const [j, x] of s.milestones.entries()) {
      const { m } = x;
      yield [idOf(ID.milestone, s.i, j), s.id, m.key, m.name.de, m.name.en, m.stage, m.required, m.position, x.status, x.due, x.done === undefined ? null : date(x.done), x.status === 'NOT_APPLICABLE' ? 'Entfällt (synthetisch)' : null, x.status === 'OPEN' ? 1 : 2];
    }
  }
}

function* transitionRows(stories) {
  for (const s of stories()) {
    for (const [j, t] of s.transitions.entries()) yield [idOf(ID.transition, s.i, j), s.id, t.kind, t.from, t.to, t.fromStatus, t.toStatus, iso(t.at), s.actor, t.comment];
  }
}

function* blockerRows(stories) {
  for (const s of stories()) {
    for (const [j, b] of s.blockers.entries()) {
      yield [idOf(ID.blocker, s.i, j), s.id, b.o.title, b.o.category, b.o.severity, date(b.opened), b.resolved === null ? null : date(b.resolved), b.resolved === null ? null : 'Gelöst, Anbindung fortgesetzt (synthetisch)'];
    }
  }
}

/** The audit events the API would have written: every transition, milestone completion and obstacle. */
function* auditRows(stories) {
  for (const s of stories()) {
    const i = s.i;
    let j = 0;
    const event = (entity, entityId, action, at, changes, comment = null) => [idOf(ID.audit, i, j++), iso(at), s.actor, entity, entityId, action, JSON.stringify(changes), comment];
    for (const t of s.transitions) {
      if (t.kind === 'CREATE') {
        yield event('Onboarding', s.id, 'CREATE', t.at, { authorityId: { from: null, to: s.pair.authority }, serviceId: { from: null, to: s.pair.service }, stage: { from: null, to: t.to } });
        continue;
      }
      const changes = {};
      if (t.from !== t.to) changes.stage = { from: t.from, to: t.to };
      if (t.fromStatus !== t.toStatus) changes.status = { from: t.fromStatus, to: t.toStatus };
      yield event('Onboarding', s.id, t.kind, t.at, changes, t.comment);
    }
    for (const [k, x] of s.milestones.entries()) {
      if (x.done !== undefined) yield event('Milestone', idOf(ID.milestone, i, k), 'COMPLETE', x.done, { status: { from: 'OPEN', to: 'DONE' }, completedAt: { from: null, to: date(x.done) } });
    }
    for (const [k, b] of s.blockers.entries()) {
      const bid = idOf(ID.blocker, i, k);
      yield event('Blocker', bid, 'CREATE', b.opened, { title: { from: null, to: b.o.title }, severity: { from: null, to: b.o.severity } });
      if (b.resolved !== null) yield event('Blocker', bid, 'RESOLVE', b.resolved + 10 * 3_600_000, { resolvedAt: { from: null, to: date(b.resolved) } });
    }
  }
}

// ---------------------------------------------------------------------------------------------

const withDb = (url, db) => Object.assign(new URL(url), { pathname: `/${db}` }).toString();

async function onServer(serverUrl, fn) {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** The marker a complete generation leaves, or null (no database, older generator, interrupted run). */
async function markerOf(url) {
  try {
    return await onServer(url, async (c) => {
      const r = await c.query(`SELECT value FROM app_setting WHERE key = $1`, [MARKER]);
      return r.rows[0] ? JSON.parse(r.rows[0].value) : null;
    });
  } catch {
    return null;
  }
}

const COUNTED = ['state', 'authority', 'service', 'service_stage', 'milestone_template', 'specialist_system', 'reuse_contract', 'onboarding', 'milestone', 'onboarding_transition', 'blocker', 'audit_event'];

/**
 * Returns a database of the given scale: reused when `reuse` is set and a complete one of this
 * generator version exists (database efa_bench_<scale>), else dropped and generated again.
 */
export async function prepareDataset({ serverUrl, scale = 'small', reuse = false, dbName = `efa_bench_${scale}` }) {
  const size = SCALES[scale];
  if (!size) throw new Error(`unknown scale "${scale}" (${Object.keys(SCALES).join(', ')})`);
  const url = withDb(serverUrl, dbName);
  if (reuse) {
    const marker = await markerOf(url);
    if (marker?.version === GENERATOR_VERSION && marker.scale === scale) {
      process.stderr.write(`Reusing ${dbName} (generated ${marker.generatedAt} in ${marker.seconds} s).\n`);
      // Migrations added since the generation (e.g. indexes) are applied now, not in the API's measured start.
      const db = await openDatabase({ databaseUrl: url, seed: 'never', logQueries: false });
      await db.dataSource.destroy();
      if (db.migrations.length) {
        process.stderr.write(`  applied ${db.migrations.join(', ')}; vacuum analyze ...\n`);
        await onServer(url, (c) => c.query(`VACUUM (ANALYZE)`));
      }
      return { url, dbName, scale, reused: true, seconds: marker.seconds, counts: marker.counts };
    }
  }
  const started = performance.now();
  process.stderr.write(`Generating ${dbName} (scale ${scale}) ...\n`);
  await onServer(serverUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${dbName}`);
  });

  // The real migrations and the real seed (states, 401 districts, services, Aufenthaltstitel story).
  const db = await openDatabase({ databaseUrl: url, seed: 'always', logQueries: false });
  let stateIds;
  try {
    stateIds = new Map((await db.dataSource.query(`SELECT code, id FROM state`)).map((r) => [r.code, r.id]));
    await addServices(db.dataSource, size, stateIds);
  } finally {
    await db.dataSource.destroy();
  }

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`SET synchronous_commit = off`);
    await client.query(`SET maintenance_work_mem = '256MB'`);
    const q = async (sql, params) => (await client.query(sql, params)).rows;
    const systemIds = (await q(`SELECT id FROM specialist_system ORDER BY vendor, product`)).map((r) => r.id);
    await copyInto(client, 'authority', ['id', 'name', 'kind', 'level', 'state_id', 'ars', 'population', 'specialist_system_id'], municipalities(size, loadDistricts(), stateIds, systemIds), size.municipalities);

    // Services in a fixed order: the seeded five (by OZG-ID, then name), then the synthetic ones.
    const services = await q(`SELECT id, lead_state_id FROM service ORDER BY (name LIKE '%(synthetisch)'), ozg_id NULLS LAST, name`);
    const existing = new Set((await q(`SELECT state_id, service_id FROM reuse_contract`)).map((r) => `${r.state_id}:${r.service_id}`));
    await copyInto(client, 'reuse_contract', ['id', 'state_id', 'service_id', 'status', 'legal_route', 'municipal_access', 'interest_declared_at', 'negotiation_started_at', 'signed_at', 'terminated_at'], contracts(services, stateIds, existing), services.length * 15);

    // Who may go live from when: the lead state at once, others 45 days after signing (and not after termination).
    const liveFromRows = await q(
      `SELECT sv.id AS service, s.id AS state,
              CASE WHEN s.id = sv.lead_state_id THEN '2021-03-01'::date ELSE greatest('2021-03-01'::date, c.signed_at + 45) END AS live_from
       FROM service sv CROSS JOIN state s LEFT JOIN reuse_contract c ON c.service_id = sv.id AND c.state_id = s.id AND c.status = 'SIGNED'
       WHERE s.id = sv.lead_state_id OR c.id IS NOT NULL`,
    );
    const liveFrom = new Map(liveFromRows.map((r) => [`${r.state}:${r.service}`, Date.parse(`${r.live_from}T00:00:00Z`)]));

    // The pairs: districts × the district services, municipalities × the municipal services, except the seeded story's.
    const authorities = await q(`SELECT a.id, a.level, a.state_id, s.code FROM authority a JOIN state s ON s.id = a.state_id ORDER BY a.ars`);
    const taken = new Set((await q(`SELECT authority_id, service_id FROM onboarding`)).map((r) => `${r.authority_id}:${r.service_id}`));
    const districtServices = services.slice(0, size.districtServices);
    const municipalServices = services.slice(5, 5 + size.municipalServices);
    const pairs = [];
    for (const a of authorities) {
      for (const s of a.level === 'MUNICIPALITY' ? municipalServices : districtServices) {
        if (!taken.has(`${a.id}:${s.id}`)) pairs.push({ authority: a.id, service: s.id, stateCode: a.code, liveFrom: liveFrom.get(`${a.state_id}:${s.id}`) });
      }
    }
    // Rows go in in the order they were created in reality (by creation time), as the heap would hold them.
    const created = pairs.map((p, i) => [i, story(i, p, p.liveFrom).created]);
    created.sort((x, y) => x[1] - y[1]);
    const order = created.map(([i]) => i);
    const stories = function* () {
      for (const i of order) yield story(i, pairs[i], pairs[i].liveFrom);
    };
    const n = pairs.length;

    await copyInto(client, 'onboarding', ['id', 'authority_id', 'service_id', 'stage', 'status', 'status_reason', 'stage_entered_at', 'planned_go_live', 'live_at', 'owner', 'created_at', 'updated_at', 'version'], onboardingRows(stories), n);
    await copyInto(client, 'milestone', ['id', 'onboarding_id', 'key', 'name_de', 'name_en', 'stage', 'required', 'position', 'status', 'due_date', 'completed_at', 'note', 'version'], milestoneRows(stories), n * DEFAULT_MILESTONES.length);
    await copyInto(client, 'onboarding_transition', ['id', 'onboarding_id', 'kind', 'from_stage', 'to_stage', 'from_status', 'to_status', 'occurred_at', 'actor', 'comment'], transitionRows(stories), n * 4);
    await copyInto(client, 'blocker', ['id', 'onboarding_id', 'title', 'category', 'severity', 'opened_at', 'resolved_at', 'resolution'], blockerRows(stories), n * 0.08);
    await copyInto(client, 'audit_event', ['id', 'occurred_at', 'actor', 'entity_type', 'entity_id', 'action', 'changes', 'comment'], auditRows(stories), n * 9);

    process.stderr.write('  vacuum analyze ...\n');
    await client.query(`VACUUM (ANALYZE)`);
    const counts = {};
    for (const table of COUNTED) counts[table] = (await q(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
    const seconds = Math.round((performance.now() - started) / 100) / 10;
    await q(`INSERT INTO app_setting (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, [
      MARKER,
      JSON.stringify({ version: GENERATOR_VERSION, scale, generatedAt: new Date().toISOString(), seconds, counts }),
    ]);
    process.stderr.write(`Generated ${dbName} in ${seconds} s.\n`);
    return { url, dbName, scale, reused: false, seconds, counts };
  } finally {
    await client.end();
  }
}

/** The onboarding-heaviest service (a municipal one at national scale): the dashboard's worst case. */
export async function busiestService(url) {
  return onServer(url, async (c) => (await c.query(`SELECT service_id AS id, count(*)::int AS n FROM onboarding GROUP BY service_id ORDER BY n DESC, service_id LIMIT 1`)).rows[0]);
}

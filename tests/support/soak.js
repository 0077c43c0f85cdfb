// The soak: mixed concurrent readers and writers through the real HTTP API, then invariants
// checked in SQL and through the API. One implementation, used by the CI test
// (tests/faults/soak.test.ts, 30 s) and the benchmark (bench/soak.mjs, 5 minutes).
//
// Clients act as the console does: load a record, then send the mutation with the version they
// loaded. Every write carries a unique marker (`soak-<run>-<n>`) in its comment, reason, note or
// title where the mutation has one, so that afterwards each acknowledged write can be found in
// the data and in the audit log, and each refused one can be proven to have left nothing.

import { mulberry32 } from '@efa/domain';

const REQUEST_BOUND_MS = 30_000;

/** Refusals a correct API gives to these clients' writes (expected under concurrency). */
const EXPECTED_REFUSALS = new Set(['CONFLICT', 'TRANSITION_NOT_ALLOWED']);

const ONBOARDING_FIELDS = 'id version stage status notes serviceId authorityId liveAt';

/**
 * Runs the soak and checks its invariants.
 * @param {object} o
 * @param {string} o.url base URL of the API (http://host:port)
 * @param {{ADMIN: string, ROLLOUT_MANAGER: string, STATE_COORDINATOR: string, STEERING_MEMBER: string}} o.tokens session tokens per role
 * @param {(sql: string, params?: unknown[]) => Promise<any[]>} o.sql queries the API's database (for setup and the invariants)
 * @param {number} o.durationMs how long clients send requests
 * @param {number} [o.readers] concurrent reading clients (default 4)
 * @param {number} [o.writers] concurrent writing clients (default 4)
 * @param {number} [o.seed]
 * @param {(line: string) => void} [o.log]
 */
export async function runSoak({ url, tokens, sql, durationMs, readers = 4, writers = 4, seed = 20261202, log = () => {} }) {
  const rand = mulberry32(seed); // the seed's PRNG (libs/domain): a run's mix is reproducible from its seed
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const run = `${Date.now().toString(36)}${Math.floor(rand() * 1e6).toString(36)}`;
  let counter = 0;
  const marker = () => `soak-${run}-${++counter}`;

  // ---------------------------------------------------------------- the data the clients work on
  const [service] = await sql(`SELECT service_id AS id FROM onboarding GROUP BY service_id ORDER BY count(*) DESC, service_id LIMIT 1`);
  if (!service) throw new Error('soak: the database has no onboardings (seed it first)');
  const stages = (await sql(`SELECT key FROM service_stage WHERE service_id = $1 ORDER BY position`, [service.id])).map((r) => r.key);
  // a working set small enough that clients meet on the same records (conflicts are part of the test)
  const working = await sql(
    `SELECT o.id, s.code AS state FROM onboarding o JOIN authority a ON a.id = o.authority_id JOIN state s ON s.id = a.state_id
     WHERE o.service_id = $1 ORDER BY (s.code = 'BB') DESC, o.id LIMIT 60`,
    [service.id],
  );
  const onboardingIds = working.map((r) => r.id);
  const coordinatorIds = working.filter((r) => r.state === 'BB').map((r) => r.id);
  const contracts = await sql(`SELECT rc.id, s.code AS state FROM reuse_contract rc JOIN state s ON s.id = rc.state_id WHERE rc.service_id = $1`, [service.id]);
  const coordinatorContracts = contracts.filter((c) => c.state === 'BB').map((c) => c.id);
  const [{ started }] = await sql(`SELECT now() AS started`);

  // ---------------------------------------------------------------- HTTP
  const figures = {
    requests: 0,
    reads: 0,
    readErrors: 0,
    writes: { attempted: 0, acknowledged: 0, refused: 0, errors: 0 },
    byKind: {},
    refusedByCode: {},
    errors: [],
    status5xx: 0,
  };
  const acked = []; // { kind, entityType, events, marker?, markerPlace?, onboardingId?, version? }
  const refusedMarkers = [];

  async function gql(role, query, variables) {
    figures.requests++;
    try {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[role]}` },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(REQUEST_BOUND_MS),
      });
      if (res.status >= 500) figures.status5xx++;
      const body = await res.json().catch(() => ({ errors: [{ message: `not JSON (HTTP ${res.status})`, extensions: { code: 'NOT_JSON' } }] }));
      return { status: res.status, body };
    } catch (e) {
      return { status: 0, body: { errors: [{ message: String(e?.message ?? e), extensions: { code: 'NO_ANSWER' } }] } };
    }
  }

  const error = (what, answer) => {
    if (figures.errors.length < 20) figures.errors.push(`${what}: HTTP ${answer.status} ${JSON.stringify(answer.body.errors ?? answer.body).slice(0, 300)}`);
  };

  async function read(role, query, variables) {
    figures.reads++;
    const answer = await gql(role, query, variables);
    if (answer.body.errors?.length || answer.status >= 400) {
      figures.readErrors++;
      error('read', answer);
      return undefined;
    }
    return answer.body.data;
  }

  /**
   * A write: acknowledged (data), refused with an expected code, or an error. `onAck` gets the
   * data and returns the acknowledgement record(s) to check afterwards.
   */
  async function write(kind, role, query, variables, { mark, onAck, expectRefusal = false }) {
    figures.writes.attempted++;
    const k = (figures.byKind[kind] ??= { attempted: 0, acknowledged: 0, refused: 0, errors: 0 });
    k.attempted++;
    const answer = await gql(role, query, variables);
    const errors = answer.body.errors ?? [];
    if (!errors.length && answer.body.data) {
      if (expectRefusal) {
        // a stale version that was accepted: an error of the API (lost update in the making)
        figures.writes.errors++;
        k.errors++;
        error(`${kind} with a stale version was accepted`, answer);
        return undefined;
      }
      figures.writes.acknowledged++;
      k.acknowledged++;
      for (const a of [onAck(answer.body.data)].flat()) acked.push({ kind, marker: mark, ...a });
      return answer.body.data;
    }
    const code = errors[0]?.extensions?.code;
    if (EXPECTED_REFUSALS.has(code) && answer.status < 500) {
      figures.writes.refused++;
      k.refused++;
      figures.refusedByCode[code] = (figures.refusedByCode[code] ?? 0) + 1;
      if (mark) refusedMarkers.push(mark);
      return undefined;
    }
    figures.writes.errors++;
    k.errors++;
    error(kind, answer);
    return undefined;
  }

  const loadOnboarding = async (role, id) =>
    (await read(role, `query($id: ID!) { Onboarding(id: $id) { ${ONBOARDING_FIELDS} milestones { id version stage status required } blockers { id version resolvedAt severity } } }`, { id }))?.Onboarding;

  // ---------------------------------------------------------------- writers' operations
  const editedField = (role) => (role === 'STATE_COORDINATOR' ? 'technicalContact' : 'notes');
  const onboardingAck = (events) => (data) => ({ entityType: 'Onboarding', events, onboardingId: Object.values(data)[0]?.id });
  const ops = {
    async advance(role) {
      const o = await loadOnboarding(role, pick(onboardingIds));
      if (!o) return;
      const mark = marker();
      await write('advance', role, `mutation($id: ID!, $v: Int!, $c: String) { advanceOnboarding(id: $id, version: $v, comment: $c) { id version } }`, { id: o.id, v: o.version, c: mark }, { mark, onAck: onboardingAck(1) });
    },
    async moveBack(role) {
      const o = await loadOnboarding(role, pick(onboardingIds));
      if (!o) return;
      const i = stages.indexOf(o.stage);
      if (i <= 0) return;
      const mark = marker();
      await write('moveBack', role, `mutation($id: ID!, $v: Int!, $to: String!, $r: String!) { moveOnboardingBack(id: $id, version: $v, toStage: $to, reason: $r) { id version } }`, { id: o.id, v: o.version, to: stages[i - 1], r: mark }, { mark, onAck: onboardingAck(1) });
    },
    async pauseOrResume(role) {
      const o = await loadOnboarding(role, pick(onboardingIds));
      if (!o || o.status === 'CANCELLED') return;
      if (o.status === 'ON_HOLD') {
        await write('resume', role, `mutation($id: ID!, $v: Int!) { resumeOnboarding(id: $id, version: $v) { id version } }`, { id: o.id, v: o.version }, { onAck: onboardingAck(1) });
      } else {
        const mark = marker();
        await write('pause', role, `mutation($id: ID!, $v: Int!, $r: String!) { pauseOnboarding(id: $id, version: $v, reason: $r) { id version } }`, { id: o.id, v: o.version, r: mark }, { mark, onAck: onboardingAck(1) });
      }
    },
    async milestone(role) {
      const o = await loadOnboarding(role, pick(onboardingIds));
      const open = o?.milestones.filter((m) => m.status !== 'DONE' && m.status !== 'NOT_APPLICABLE') ?? [];
      if (!open.length) return;
      const m = pick(open);
      const mark = marker();
      if (rand() < 0.85) {
        await write('completeMilestone', role, `mutation($id: ID!, $v: Int!, $n: String) { completeMilestone(id: $id, version: $v, note: $n) { id version } }`, { id: m.id, v: m.version, n: mark }, { mark, onAck: () => ({ entityType: 'Milestone', events: 1 }) });
      } else {
        await write('milestoneNotApplicable', role, `mutation($id: ID!, $v: Int!, $r: String!) { markMilestoneNotApplicable(id: $id, version: $v, reason: $r) { id version } }`, { id: m.id, v: m.version, r: mark }, { mark, onAck: () => ({ entityType: 'Milestone', events: 1 }) });
      }
    },
    async obstacle(role) {
      const o = await loadOnboarding(role, pick(onboardingIds));
      if (!o) return;
      const open = o.blockers.filter((b) => !b.resolvedAt);
      const mark = marker();
      if (open.length && rand() < 0.6) {
        const b = pick(open);
        await write('resolveObstacle', role, `mutation($id: ID!, $v: Int!, $r: String!) { resolveBlocker(id: $id, version: $v, resolution: $r) { id version } }`, { id: b.id, v: b.version, r: mark }, { mark, onAck: () => ({ entityType: 'Blocker', events: 1 }) });
      } else {
        const severity = rand() < 0.3 ? 'BLOCKING' : 'DELAYING';
        await write('openObstacle', role, `mutation($o: ID!, $t: String!, $s: BlockerSeverity!) { createBlocker(onboardingId: $o, title: $t, category: TECHNICAL, severity: $s) { id version } }`, { o: o.id, t: mark, s: severity }, { mark, onAck: () => ({ entityType: 'Blocker', events: 1 }) });
      }
    },
    async bulkAdvance(role) {
      const ids = [...new Set([pick(onboardingIds), pick(onboardingIds), pick(onboardingIds)])];
      const mark = marker();
      await write('bulkAdvance', role, `mutation($ids: [ID!]!, $c: String) { advanceOnboardings(ids: $ids, comment: $c) { id moved code } }`, { ids, c: mark }, {
        mark,
        onAck: (data) => ({ entityType: 'Onboarding', events: data.advanceOnboardings.filter((r) => r.moved).length }),
      });
    },
    // the notes (rollout manager, administrator) or the technical contact (a state coordinator may change only the contacts)
    async edit(role, ids = onboardingIds) {
      const o = await loadOnboarding(role, pick(ids));
      if (!o) return;
      const field = editedField(role);
      const mark = marker();
      await write('edit', role, `mutation($id: ID!, $v: Int!, $x: String) { updateOnboarding(id: $id, version: $v, ${field}: $x) { id version } }`, { id: o.id, v: o.version, x: mark }, {
        mark,
        onAck: (data) => ({ entityType: 'Onboarding', events: 1, onboardingId: o.id, field, version: data.updateOnboarding.version }),
      });
    },
    async staleEdit(role, ids = onboardingIds) {
      const o = await loadOnboarding(role, pick(ids));
      if (!o || o.version < 2) return;
      const mark = marker();
      await write('staleEdit', role, `mutation($id: ID!, $v: Int!, $x: String) { updateOnboarding(id: $id, version: $v, ${editedField(role)}: $x) { id version } }`, { id: o.id, v: o.version - 1, x: mark }, {
        mark,
        expectRefusal: true,
        onAck: () => [],
      });
    },
    async contract(role, ids = contracts.map((c) => c.id)) {
      if (!ids.length) return;
      const c = (await read(role, `query($id: ID!) { ReuseContract(id: $id) { id version status } }`, { id: pick(ids) }))?.ReuseContract;
      if (!c) return;
      const today = new Date().toISOString().slice(0, 10);
      const ack = () => ({ entityType: 'ReuseContract', events: 1 });
      if (c.status === 'NONE') await write('contractStatus', role, `mutation($id: ID!, $v: Int!) { declareInterest(id: $id, version: $v) { id version } }`, { id: c.id, v: c.version }, { onAck: ack });
      else if (c.status === 'INTEREST_DECLARED') await write('contractStatus', role, `mutation($id: ID!, $v: Int!) { startNegotiation(id: $id, version: $v) { id version } }`, { id: c.id, v: c.version }, { onAck: ack });
      else if (c.status === 'NEGOTIATING') await write('contractStatus', role, `mutation($id: ID!, $v: Int!, $d: LocalDate!) { signContract(id: $id, version: $v, signedAt: $d) { id version } }`, { id: c.id, v: c.version, d: today }, { onAck: ack });
      else {
        const mark = marker();
        await write('contractNotes', role, `mutation($id: ID!, $v: Int!, $n: String) { updateReuseContract(id: $id, version: $v, notes: $n) { id version } }`, { id: c.id, v: c.version, n: mark }, { mark, onAck: ack });
      }
    },
  };
  const MANAGER_MIX = [
    ['advance', 24],
    ['moveBack', 7],
    ['pauseOrResume', 5],
    ['milestone', 18],
    ['obstacle', 10],
    ['bulkAdvance', 5],
    ['edit', 14],
    ['staleEdit', 6],
    ['contract', 5],
  ];
  const COORDINATOR_MIX = [
    ['edit', 50],
    ['staleEdit', 20],
    ['contract', 30],
  ];
  const weighted = (mix) => {
    const total = mix.reduce((s, [, w]) => s + w, 0);
    let r = rand() * total;
    for (const [name, w] of mix) if ((r -= w) < 0) return name;
    return mix[0][0];
  };

  // ---------------------------------------------------------------- readers (as the console's pages ask)
  const readerQueries = [
    () => ['STEERING_MEMBER', `query($s: ID!) { dashboard(serviceId: $s) { totals { live inRollout paused } funnel { stage count paused } states { stateCode live } obstacles { total } } }`, { s: service.id }],
    () => ['STEERING_MEMBER', `query($f: OnboardingFilter) { items: allOnboardings(page: 0, perPage: 25, sortField: "stageEnteredAt", sortOrder: "DESC", filter: $f) { id stage status authority { id name } } total: _allOnboardingsMeta(filter: $f) { count } }`, { f: { serviceId: service.id, stage: [pick(stages)] } }],
    () => ['ROLLOUT_MANAGER', `query($f: OnboardingFilter) { allOnboardings(perPage: 200, filter: $f) { id stage status version blockers { id severity resolvedAt } } }`, { f: { serviceId: service.id, status: ['ACTIVE', 'ON_HOLD'] } }],
    () => ['ROLLOUT_MANAGER', `query($id: ID!) { Onboarding(id: $id) { ${ONBOARDING_FIELDS} milestones { id status } blockers { id title } transitions { id kind toStage comment } } }`, { id: pick(onboardingIds) }],
    () => ['STATE_COORDINATOR', `query($f: OnboardingFilter) { allOnboardings(perPage: 50, filter: $f) { id stage notes } }`, { f: { serviceId: service.id } }],
    () => ['STEERING_MEMBER', `query { allReuseContracts(perPage: 50) { id status state { code } } }`, {}],
  ];

  // ---------------------------------------------------------------- the run
  const deadline = Date.now() + durationMs;
  const t0 = Date.now();
  const writerRoles = ['ROLLOUT_MANAGER', 'ADMIN', 'STATE_COORDINATOR'];
  await Promise.all([
    ...Array.from({ length: readers }, async () => {
      while (Date.now() < deadline) {
        const [role, query, variables] = pick(readerQueries)();
        await read(role, query, variables);
      }
    }),
    ...Array.from({ length: writers }, async (_, i) => {
      const role = writerRoles[i % writerRoles.length];
      const mix = role === 'STATE_COORDINATOR' ? COORDINATOR_MIX : MANAGER_MIX;
      // every kind of write once first (so that a short run covers them all), then the weighted mix
      let n = 0;
      while (Date.now() < deadline) {
        const op = n < mix.length ? mix[(n + i) % mix.length][0] : weighted(mix);
        n++;
        if (role === 'STATE_COORDINATOR') {
          if (op === 'contract') await ops.contract(role, coordinatorContracts);
          else await ops[op](role, coordinatorIds.length ? coordinatorIds : onboardingIds);
        } else {
          await ops[op](role);
        }
      }
    }),
  ]);
  figures.durationMs = Date.now() - t0;
  log(`soak: ${figures.requests} requests in ${(figures.durationMs / 1000).toFixed(1)} s; writes ${JSON.stringify(figures.writes)}`);

  // ---------------------------------------------------------------- invariants
  const violations = [];
  const violation = (check, detail) => violations.push({ check, detail: typeof detail === 'string' ? detail : JSON.stringify(detail).slice(0, 500) });

  // 1. exactly one audit event per acknowledged write, per entity type
  const expected = {};
  for (const a of acked) expected[a.entityType] = (expected[a.entityType] ?? 0) + a.events;
  const audited = Object.fromEntries(
    (await sql(`SELECT entity_type AS t, count(*)::int AS n FROM audit_event WHERE entity_id IS NOT NULL AND occurred_at >= $1 GROUP BY entity_type`, [started])).map((r) => [r.t, r.n]),
  );
  for (const type of new Set([...Object.keys(expected), ...Object.keys(audited)])) {
    if ((expected[type] ?? 0) !== (audited[type] ?? 0)) violation('one audit event per acknowledged write', { entityType: type, acknowledged: expected[type] ?? 0, auditEvents: audited[type] ?? 0 });
  }

  // 2. every acknowledged write is there (its marker in the audit log); no refused write left a trace
  const pattern = `soak-${run}-[0-9]+`;
  const inAudit = new Set(
    (await sql(`SELECT DISTINCT (regexp_matches(coalesce(comment, '') || ' ' || changes::text, $1, 'g'))[1] AS m FROM audit_event WHERE occurred_at >= $2`, [`(${pattern})`, started])).map((r) => r.m),
  );
  const inData = new Set(
    (
      await sql(
        `SELECT DISTINCT (regexp_matches(x, $1, 'g'))[1] AS m FROM (
           SELECT comment AS x FROM onboarding_transition WHERE occurred_at >= $2
           UNION ALL SELECT concat_ws(' ', notes, technical_contact, status_reason) FROM onboarding
           UNION ALL SELECT concat_ws(' ', title, resolution) FROM blocker
           UNION ALL SELECT note FROM milestone
           UNION ALL SELECT notes FROM reuse_contract) texts WHERE x IS NOT NULL`,
        [`(${pattern})`, started],
      )
    ).map((r) => r.m),
  );
  const lost = acked.filter((a) => a.marker && a.events > 0 && !inAudit.has(a.marker)).map((a) => `${a.kind} ${a.marker}`);
  // markers whose data cannot be overwritten by a later write of these clients (edits' notes can)
  const lastingKinds = new Set(['advance', 'moveBack', 'pause', 'completeMilestone', 'milestoneNotApplicable', 'openObstacle', 'resolveObstacle', 'bulkAdvance']);
  lost.push(...acked.filter((a) => a.marker && a.events > 0 && lastingKinds.has(a.kind) && !inData.has(a.marker)).map((a) => `${a.kind} ${a.marker} (not in the data)`));
  for (const m of refusedMarkers) if (inAudit.has(m) || inData.has(m)) violation('a refused write left nothing', m);

  // 3. no lost update: each edited field holds the value of its last acknowledged edit (the one that produced the highest version)
  const lastEdit = new Map();
  for (const a of acked) {
    if (a.kind !== 'edit') continue;
    const key = `${a.onboardingId} ${a.field}`;
    if (!lastEdit.has(key) || lastEdit.get(key).version < a.version) lastEdit.set(key, a);
  }
  if (lastEdit.size) {
    const rows = await sql(`SELECT id, notes, technical_contact AS "technicalContact" FROM onboarding WHERE id = ANY($1::uuid[])`, [[...new Set([...lastEdit.values()].map((a) => a.onboardingId))]]);
    for (const r of rows) {
      for (const field of ['notes', 'technicalContact']) {
        const a = lastEdit.get(`${r.id} ${field}`);
        if (a && r[field] !== a.marker) lost.push(`edit ${a.marker} of onboarding ${r.id} (${field}, version ${a.version}) was overwritten: the value is ${JSON.stringify(r[field])}`);
      }
    }
  }

  // 4. no onboarding in an impossible state (libs/domain's rules)
  const impossible = await sql(`
    WITH live AS (SELECT DISTINCT ON (service_id) service_id, key, position FROM service_stage ORDER BY service_id, position DESC),
    last_move AS (SELECT DISTINCT ON (onboarding_id) onboarding_id, to_stage, to_status FROM onboarding_transition ORDER BY onboarding_id, occurred_at DESC, id DESC)
    SELECT o.id, o.stage, o.status, o.live_at IS NOT NULL AS has_live_at,
      NOT EXISTS (SELECT 1 FROM service_stage s WHERE s.service_id = o.service_id AND s.key = o.stage) AS stage_not_in_pipeline,
      (o.stage = l.key) <> (o.live_at IS NOT NULL) AS live_at_mismatch,
      o.stage = l.key AND EXISTS (
        SELECT 1 FROM milestone m JOIN service_stage ms ON ms.service_id = o.service_id AND ms.key = m.stage
        WHERE m.onboarding_id = o.id AND m.required AND m.status NOT IN ('DONE', 'NOT_APPLICABLE') AND ms.position < l.position) AS live_without_milestones,
      lm.onboarding_id IS NULL OR lm.to_stage <> o.stage OR lm.to_status <> o.status AS log_mismatch,
      lm.to_stage AS log_stage, lm.to_status AS log_status
    FROM onboarding o JOIN live l ON l.service_id = o.service_id LEFT JOIN last_move lm ON lm.onboarding_id = o.id`);
  for (const r of impossible) {
    if (r.stage_not_in_pipeline) violation('stage in its pipeline', r);
    if (r.live_at_mismatch) violation('live_at set exactly when live', r);
    if (r.live_without_milestones) violation('live only with the required milestones done', r);
    if (r.log_mismatch) violation('transition log ends in the current stage and status', r);
  }

  // 5. dashboard counts equal list counts (per stage, paused per stage, live per state)
  const dash = await read('STEERING_MEMBER', `query($s: ID!) { dashboard(serviceId: $s) { funnel { stage count paused } states { stateId stateCode live } } }`, { s: service.id });
  if (!dash) violation('dashboard answers', 'no dashboard');
  else {
    const meta = async (filter) => (await read('STEERING_MEMBER', `query($f: OnboardingFilter) { _allOnboardingsMeta(filter: $f) { count } }`, { f: { serviceId: service.id, ...filter } }))?._allOnboardingsMeta.count;
    for (const f of dash.dashboard.funnel) {
      const count = await meta({ stage: [f.stage], status: ['ACTIVE', 'ON_HOLD'] });
      const paused = await meta({ stage: [f.stage], status: ['ON_HOLD'] });
      if (count !== f.count || paused !== f.paused) violation('dashboard funnel = list count', { stage: f.stage, dashboard: { count: f.count, paused: f.paused }, list: { count, paused } });
    }
    const liveStage = stages[stages.length - 1];
    for (const s of dash.dashboard.states) {
      const live = await meta({ stateId: s.stateId, stage: [liveStage] });
      if (live !== s.live) violation('dashboard live per state = list count', { state: s.stateCode, dashboard: s.live, list: live });
    }
  }

  // 6. no 5xx, no unexpected errors
  if (figures.status5xx) violation('no 5xx', `${figures.status5xx} answers with status >= 500`);
  if (figures.readErrors || figures.writes.errors) violation('no errors', figures.errors);

  return {
    ...figures,
    lostWrites: lost.length,
    lost: lost.slice(0, 20),
    violations,
    run,
  };
}

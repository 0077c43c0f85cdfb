// The console's requests for the benchmarks (bench/interactive.mjs measures them, bench/explain.mjs
// records the SQL the API runs for them): ra-data-graphql-simple's queries built by its buildQuery from
// the API's introspection with the parameters and sparse fields of apps/admin, the custom ones copied
// from apps/admin (keep in step with the files named at each).
import { createRequire } from 'node:module';
import { print } from 'graphql';
import { ONBOARDING_FULL_FIELDS, ONBOARDING_LIST_FIELDS, ONBOARDING_PAGE_FIELDS } from '@efa/domain';

const require = createRequire(import.meta.url);
const { buildQuery } = require('ra-data-graphql-simple');
const { introspectSchema, defaultOptions } = require('ra-data-graphql');

export const ADMIN = { email: 'admin@demo.invalid', password: 'Demo-Verwaltung-2026' };

// ---------------------------------------------------------------------------------------------
// The console's requests (copied from apps/admin; keep in step)

// The console's field lists (libs/domain onboarding-fields.ts, used by apps/admin/src/onboardings/logic.ts).
export { ONBOARDING_LIST_FIELDS, ONBOARDING_FULL_FIELDS, ONBOARDING_PAGE_FIELDS };
/** apps/admin/src/notifications/notificationApi.ts (WatchToggle in the page's toolbar) */
export const MY_WATCHES = `query myWatches($targetType: WatchTarget, $targetId: ID) { myWatches(targetType: $targetType, targetId: $targetId) { id } }`;
/** apps/admin/src/meetings/meetingApi.ts (OverdueActionItemsSection on the page) */
export const OVERDUE_ACTION_ITEMS = `query overdueActionItems($onboardingId: ID, $authorityId: ID) {
  overdueActionItems(onboardingId: $onboardingId, authorityId: $authorityId) { total items { itemId meetingId meetingTitle text owner status dueDate daysOverdue onboardingId authorityId authorityName stateCode } }
}`;
/** Milestone and obstacle lists (apps/admin/src/milestones, blockers; before issue 10 also the onboarding page's). */
export const MILESTONE_FIELDS = ['id', 'version', 'onboardingId', 'key', 'nameDe', 'nameEn', 'stage', 'status', 'required', 'position', 'dueDate', 'completedAt', 'evidenceUrl', 'note'];
export const BLOCKER_FIELDS = ['id', 'version', 'onboardingId', 'title', 'description', 'category', 'severity', 'owner', 'openedAt', 'resolvedAt', 'resolution'];
/** apps/admin/src/board/BoardPage.tsx before issue 10's stageBoard query: every card through the onboarding list (kept to compare). */
export const BOARD_FIELDS = [
  'id',
  'version',
  'stage',
  'stageEnteredAt',
  'status',
  'statusReason',
  { authority: ['id', 'name', { state: ['id', 'code'] }, { specialistSystem: ['id', 'vendor', 'product'] }] },
  { blockers: ['id', 'severity', 'resolvedAt', 'title'] },
];
/** apps/admin/src/board/boardApi.ts (STAGE_BOARD) */
export const STAGE_BOARD = `query stageBoard($serviceId: ID!, $stateId: ID, $waveId: ID, $stages: [String!], $perStage: Int! = 50, $offset: Int! = 0) {
  data: stageBoard(serviceId: $serviceId, stateId: $stateId, waveId: $waveId, stages: $stages, perStage: $perStage, offset: $offset) {
    total columns { stage total cards { id version stage stageEnteredAt status statusReason authorityId authorityName stateCode specialistSystem blockingTitles } }
  }
}`;
/**
 * The stage board's floor (bench/interactive.mjs) for a state's board, 50 cards a column, read by an
 * administrator: the statement stageBoardStatement (apps/api/src/onboarding/stage-board.ts) builds
 * for it, with its plan (counts by index, per column the walk in name order or the thin columns read
 * once, card fields for the shown cards only), returning rows instead of JSON (keep in step).
 * Parameters: service, state.
 */
export const STAGE_BOARD_FLOOR = `WITH cnt AS (
  SELECT o.stage, count(*)::int AS total
  FROM onboarding o
  WHERE o.service_id = $1::uuid AND o.status IN ('ACTIVE', 'ON_HOLD') AND o.authority_id IN (SELECT a.id FROM authority a WHERE a.state_id = $2::uuid)
  GROUP BY o.stage
),
scope AS (
  SELECT count(*) AS n FROM authority a WHERE a.state_id = $2::uuid
),
col AS (
  SELECT st.key AS stage, st.position, coalesce(cnt.total, 0) AS total,
         coalesce(cnt.total, 0)::bigint * coalesce(cnt.total, 0) >= (0 + 50) * (SELECT n FROM scope) AS walk
  FROM service_stage st LEFT JOIN cnt ON cnt.stage = st.key
  WHERE st.service_id = $1::uuid
),
thin AS MATERIALIZED (
  SELECT o.id, o.stage, a.id AS authority_id, a.name, a.state_id, a.specialist_system_id
  FROM onboarding o JOIN authority a ON a.id = o.authority_id
  WHERE o.service_id = $1::uuid AND o.status IN ('ACTIVE', 'ON_HOLD')
    AND o.stage = ANY (ARRAY(SELECT col.stage FROM col WHERE col.total > 0 AND NOT col.walk)) AND a.state_id = $2::uuid AND (SELECT n FROM scope) > 1000
  UNION ALL
  SELECT o.id, o.stage, a.id, a.name, a.state_id, a.specialist_system_id
  FROM authority a
  CROSS JOIN LATERAL (
    SELECT o.id, o.stage FROM onboarding o
    WHERE o.service_id = $1::uuid AND o.authority_id = a.id AND o.status IN ('ACTIVE', 'ON_HOLD')
      AND o.stage = ANY (ARRAY(SELECT col.stage FROM col WHERE col.total > 0 AND NOT col.walk))
    OFFSET 0) o
  WHERE a.state_id = $2::uuid AND (SELECT n FROM scope) <= 1000
)
SELECT col.stage, col.total, page.*
FROM col
LEFT JOIN LATERAL (
  SELECT o.id, o.version, o.stage_entered_at, o.status, o.status_reason, c.authority_id, c.name, s.code, ss.vendor, ss.product,
         array(SELECT bl.title FROM blocker bl WHERE bl.onboarding_id = o.id AND bl.severity = 'BLOCKING' AND bl.resolved_at IS NULL ORDER BY bl.opened_at DESC, bl.id) AS blocking
  FROM (
    SELECT w.*
    FROM (
      (SELECT o.id, a.id AS authority_id, a.name, a.state_id, a.specialist_system_id
       FROM authority a
       CROSS JOIN LATERAL (
         SELECT o.id FROM onboarding o
         WHERE o.service_id = $1::uuid AND o.authority_id = a.id AND o.stage = col.stage AND o.status IN ('ACTIVE', 'ON_HOLD')
         OFFSET 0) o
       WHERE col.total > 0 AND col.walk AND a.state_id = $2::uuid
       ORDER BY a.name, o.id OFFSET 0 LIMIT 50)
      UNION ALL
      (SELECT t.id, t.authority_id, t.name, t.state_id, t.specialist_system_id
       FROM thin t
       WHERE col.total > 0 AND NOT col.walk AND t.stage = col.stage
       ORDER BY t.name, t.id OFFSET 0 LIMIT 50)
    ) w
  ) c
  JOIN onboarding o ON o.id = c.id
  LEFT JOIN state s ON s.id = c.state_id
  LEFT JOIN specialist_system ss ON ss.id = c.specialist_system_id
) page ON true
ORDER BY col.position, page.name, page.id`;
/** apps/admin/src/onboardings/api.ts before issue 10's page query (bench/page-cpu.mjs --before) */
export const TIMELINE = `query onboardingTimeline($id: ID!, $limit: Int!) {
  data: onboardingTimeline(id: $id, limit: $limit) { id action actor entityType entityId subject comment occurredAt changes { field from to } } }`;
/** apps/admin/src/board/boardApi.ts */
export const MOVED_FIELDS = 'id version stage stageEnteredAt status';
export const ADVANCE_WAVE = `mutation advanceOnboardings($ids: [ID!]!, $toStage: String, $comment: String) {
  data: advanceOnboardings(ids: $ids, toStage: $toStage, comment: $comment) { id moved code reasons refusals { code message params } onboarding { ${MOVED_FIELDS} } }
}`;
/** apps/admin/src/authProvider.ts */
export const SIGN_IN = `mutation SignIn($email: String!, $password: String!) { signIn(email: $email, password: $password) { expiresAt user { id email displayName role stateId isDemo } } }`;


/** POST one GraphQL operation with the session's bearer token over the keep-alive pool of fetch; returns data, throws on errors. */
export function client(base, token) {
  return async (query, variables = {}) => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const text = await res.text();
    const body = JSON.parse(text);
    if (body.errors) throw new Error(`${JSON.stringify(body.errors).slice(0, 500)}`);
    body.data.__bytes = text.length;
    return body.data;
  };
}

/** The console's data provider calls as (query text, variables) pairs, built as ra-data-graphql-simple builds them. */
export function consoleRequests(schema) {
  let introspection;
  return {
    async init() {
      introspection = await introspectSchema(null, { schema, ...defaultOptions.introspection });
    },
    call(method, resource, params) {
      const built = buildQuery(introspection)(method, resource, params);
      return { query: print(built.query), variables: built.variables, parse: built.parseResponse };
    },
  };
}

/** The onboarding page's subject: in the busiest service and the state with the most authorities, the one with the longest transition log. */
export async function pickPageOnboarding(q, subjects) {
  const { state, service } = subjects ?? (await pickSubjects(q));
  const [onboarding] = await q(
    `SELECT o.id, o.authority_id, o.service_id, a.state_id FROM onboarding o JOIN authority a ON a.id = o.authority_id
     WHERE o.service_id = $1 AND a.state_id = $2 ORDER BY (SELECT count(*) FROM onboarding_transition t WHERE t.onboarding_id = o.id) DESC, o.id LIMIT 1`,
    [service.id, state.id],
  );
  return onboarding;
}

async function pickSubjects(q) {
  const [state] = await q(`SELECT s.id, s.code FROM state s JOIN authority a ON a.state_id = s.id GROUP BY s.id ORDER BY count(*) DESC LIMIT 1`);
  const [service] = await q(`SELECT service_id AS id, count(*)::int AS n FROM onboarding GROUP BY service_id ORDER BY n DESC, service_id LIMIT 1`);
  return { state, service };
}

/**
 * The onboarding page's requests one by one as [name, run] (bench/page-cpu.mjs times each on its own): the
 * record with all it shows in one query (apps/admin/src/onboardings/OnboardingShow.tsx, ONBOARDING_PAGE_FIELDS,
 * the toolbar's watch state and the meetings section's overdue action items included).
 * `before`: the requests the page sent before issue 10's page query (the record, then its lists and
 * references side by side, the contract list last; plus the watch state and the overdue action items,
 * which bench/interactive.mjs did not count then).
 */
export async function onboardingPageRequests({ gql, ra, onboarding, before = false }) {
  const run = (r) => () => gql(r.query, r.variables);
  if (!before) {
    return [['Onboarding getOne (the whole page)', run(ra.call('GET_ONE', 'Onboarding', { id: onboarding.id, meta: { sparseFields: ONBOARDING_PAGE_FIELDS } }))]];
  }
  const getMany = (resource, ids) => ra.call('GET_MANY', resource, { ids });
  const record = ra.call('GET_ONE', 'Onboarding', { id: onboarding.id, meta: { sparseFields: ONBOARDING_FULL_FIELDS } });
  const { data: rec } = record.parse({ data: await gql(record.query, record.variables) });
  return [
    ['Onboarding getOne (transitions, notes)', run(record)],
    ['Milestone list', run(ra.call('GET_LIST', 'Milestone', { filter: { onboardingId: rec.id }, pagination: { page: 1, perPage: 200 }, sort: { field: 'position', order: 'ASC' }, meta: { sparseFields: MILESTONE_FIELDS } }))],
    ['Blocker list', run(ra.call('GET_LIST', 'Blocker', { filter: { onboardingId: rec.id }, pagination: { page: 1, perPage: 200 }, sort: { field: 'openedAt', order: 'DESC' }, meta: { sparseFields: BLOCKER_FIELDS } }))],
    ['Authority getOne', run(ra.call('GET_ONE', 'Authority', { id: rec.authorityId }))],
    ['Service getOne', run(ra.call('GET_ONE', 'Service', { id: rec.serviceId, meta: { sparseFields: ['id', 'leadStateId', 'ozgId'] } }))],
    ['ServiceStage list', run(ra.call('GET_LIST', 'ServiceStage', { filter: { serviceId: rec.serviceId }, pagination: { page: 1, perPage: 100 }, sort: { field: 'position', order: 'ASC' } }))],
    ['GuideSection list', run(ra.call('GET_LIST', 'GuideSection', { filter: { serviceId: rec.serviceId }, pagination: { page: 1, perPage: 500 }, sort: { field: 'position', order: 'ASC' }, meta: { sparseFields: ['id', 'serviceId', 'position', 'title', 'body', 'milestoneKey', 'revision'] } }))],
    ['onboardingTimeline', () => gql(TIMELINE, { id: rec.id, limit: 200 })],
    ['Service getMany', run(getMany('Service', [rec.serviceId]))],
    ...(rec.waveId ? [['Wave getMany', run(getMany('Wave', [rec.waveId]))]] : []),
    ['ReuseContract list', run(ra.call('GET_LIST', 'ReuseContract', { filter: { stateId: onboarding.state_id, serviceId: rec.serviceId }, pagination: { page: 1, perPage: 10 }, sort: { field: 'status', order: 'ASC' }, meta: { sparseFields: ['id', 'status'] } }))],
    ['myWatches (WatchToggle)', () => gql(MY_WATCHES, { targetType: 'ONBOARDING', targetId: onboarding.id })],
    ['overdueActionItems (meetings section)', () => gql(OVERDUE_ACTION_ITEMS, { onboardingId: onboarding.id, authorityId: null })],
  ];
}

/**
 * The interactive reads of the console on the generated data (`q`: SQL through pg, to pick what they are about):
 * the authority list page, the onboarding list page, the stage board, the onboarding page. Each case: name,
 * kind ('list' or 'read'), api (the console's requests over `gql`), floor (the same rows by one SQL query through `q`).
 */
export async function consoleReads({ gql, ra, q }) {
  // What the operations are about: the state with the most authorities, the busiest service.
  const { state, service } = await pickSubjects(q);
  const [boardCount] = await q(`SELECT count(*)::int AS n FROM onboarding o JOIN authority a ON a.id = o.authority_id WHERE o.service_id = $1 AND a.state_id = $2 AND o.status IN ('ACTIVE','ON_HOLD')`, [service.id, state.id]);
  // An onboarding in the middle of its way with a long history (many transitions and audit events).
  const onboarding = await pickPageOnboarding(q, { state, service });

  // The authority list: state filter (always on), level, search text, sorted by population (25 rows a page).
  const authorityFilter = { stateId: state.id, level: 'MUNICIPALITY', q: 'berg' };
  const authorityList = ra.call('GET_LIST', 'Authority', { pagination: { page: 1, perPage: 25 }, sort: { field: 'population', order: 'DESC' }, filter: authorityFilter });
  // The onboarding list: state and stage filter, the list's default sort, 25 a page.
  const onboardingFilter = { stateId: state.id, stage: ['TEST'] };
  const onboardingList = ra.call('GET_LIST', 'Onboarding', { pagination: { page: 1, perPage: 25 }, sort: { field: 'stageEnteredAt', order: 'ASC' }, filter: onboardingFilter, meta: { sparseFields: ONBOARDING_LIST_FIELDS } });
  const board = ra.call('GET_LIST', 'Onboarding', {
    pagination: { page: 1, perPage: 1000 },
    sort: { field: 'stageEnteredAt', order: 'ASC' },
    filter: { serviceId: service.id, status: ['ACTIVE', 'ON_HOLD'], stateId: state.id },
    meta: { sparseFields: BOARD_FIELDS },
  });
  const getMany = (resource, ids) => ra.call('GET_MANY', resource, { ids });
  const send = async (r) => r.parse({ data: await gql(r.query, r.variables) }).data;
  const pageOf = async (r) => {
    const d = await gql(r.query, r.variables);
    return { rows: d.items, total: d.total?.count, bytes: d.__bytes };
  };

  const pageRequests = await onboardingPageRequests({ gql, ra, onboarding });

  const cases = [];
  // The floor of the authority list: the page with its references' names and the count in one statement.
  // All matches are sorted anyway (no index on population), so a window count over them costs nothing more
  // (84 buffers; a scalar count subquery scans them twice: 145).
  const authorityFloor = async () =>
    q(
      `SELECT a.*, s.name AS state_name, ss.vendor, ss.product, count(*) OVER () AS total
       FROM authority a JOIN state s ON s.id = a.state_id LEFT JOIN specialist_system ss ON ss.id = a.specialist_system_id
       WHERE a.state_id = $1 AND a.level = $2 AND (a.name ILIKE $3 OR a.ars ILIKE $3)
       ORDER BY a.population DESC NULLS LAST, a.id LIMIT 25`,
      [state.id, 'MUNICIPALITY', '%berg%'],
    );
  // The floor of the onboarding list: the first 25 by walking ix_onboarding_stage_entered (stage, stage_entered_at, id)
  // and a scalar count subquery evaluated once. Not count(*) OVER (): that has to join and count every match
  // before the LIMIT (7,600 buffers, a parallel seq scan: 1.4 s under load) where the page alone reads ~400.
  const onboardingFloor = async () =>
    q(
      `SELECT o.id, o.version, o.authority_id, o.service_id, o.wave_id, o.stage, o.status, o.status_reason, o.stage_entered_at, o.planned_go_live, o.live_at, o.owner, o.jira_key,
              a.name AS authority_name, sv.name AS service_name,
              (SELECT count(*) FROM onboarding c JOIN authority ca ON ca.id = c.authority_id WHERE ca.state_id = $1 AND c.stage = $2) AS total
       FROM onboarding o JOIN authority a ON a.id = o.authority_id JOIN service sv ON sv.id = o.service_id
       WHERE a.state_id = $1 AND o.stage = $2 ORDER BY o.stage_entered_at, o.id LIMIT 25`,
      [state.id, 'TEST'],
    );
  cases.push({
    name: 'Authority list page, first visit (state + level + search, sort by population, 25 rows, count; references: 3 requests)',
    kind: 'list',
    api: async () => {
      const page = await pageOf(authorityList);
      // react-admin's ReferenceFields: one getMany per reference, side by side.
      await Promise.all([
        send(getMany('State', [...new Set(page.rows.map((r) => r.stateId))])),
        send(getMany('SpecialistSystem', [...new Set(page.rows.map((r) => r.specialistSystemId).filter(Boolean))])),
      ]);
      return page;
    },
    floor: authorityFloor,
  });
  cases.push({
    // apps/admin/src/dataProvider.ts createQueryClient: states and specialist systems (getMany) stay fresh for
    // 5 minutes, so the page after the first (the list again, another page of it, back from a record) sends its list query alone.
    name: "Authority list page, next visit (the same; states and systems from the console's cache: 1 request)",
    kind: 'list',
    api: async () => pageOf(authorityList),
    floor: authorityFloor,
  });
  const onboardingReferences = (page, cached) => {
    const uniq = (k) => [...new Set(page.rows.map((r) => r[k]).filter(Boolean))];
    return [send(getMany('Authority', uniq('authorityId'))), ...(cached ? [] : [send(getMany('Service', uniq('serviceId'))), ...(uniq('waveId').length ? [send(getMany('Wave', uniq('waveId')))] : [])])];
  };
  cases.push({
    name: `Onboarding list page, first visit (state ${state.code} + stage TEST, 25 rows, count; references: 3-4 requests)`,
    kind: 'list',
    api: async () => {
      const page = await pageOf(onboardingList);
      await Promise.all(onboardingReferences(page, false));
      return page;
    },
    floor: onboardingFloor,
  });
  cases.push({
    // Services and waves (getMany) from the console's cache; authorities are asked for on every visit.
    name: `Onboarding list page, next visit (the same; services and waves from the console's cache: 2 requests)`,
    kind: 'list',
    api: async () => {
      const page = await pageOf(onboardingList);
      await Promise.all(onboardingReferences(page, true));
      return page;
    },
    floor: onboardingFloor,
  });
  cases.push({
    name: `Stage board, stageBoard query (busiest service, state ${state.code}: ${boardCount.n} cards counted per stage, the first 50 of each column)`,
    kind: 'list',
    api: async () => {
      const d = await gql(STAGE_BOARD, { serviceId: service.id, stateId: state.id, perStage: 50 });
      return { rows: d.data.columns.flatMap((c) => c.cards), total: d.data.total, bytes: d.__bytes };
    },
    // The database's best for the same rows: the plan of the API's statement (per-column counts from an
    // index-only scan; per column the walk in authority-name order or the sort of the column's rows,
    // whichever reads less; card fields for the shown cards only), as plain rows (a column with no card
    // as one row carrying its count) instead of JSON. The window-function query over all of the state's
    // onboardings it replaces read every onboarding of the service (docs/explain/stage-board.md).
    floor: async () => q(STAGE_BOARD_FLOOR, [service.id, state.id]),
  });
  cases.push({
    name: `Stage board before issue 10's stageBoard, onboarding list query (busiest service, state ${state.code}: ${boardCount.n} cards with authority, state, system, obstacles)`,
    kind: 'list',
    api: async () => pageOf(board),
    floor: async () =>
      q(
        `SELECT o.id, o.version, o.stage, o.stage_entered_at, o.status, o.status_reason, a.id AS authority_id, a.name, s.id AS state_id, s.code, ss.id AS system_id, ss.vendor, ss.product,
                (SELECT coalesce(json_agg(json_build_object('id', b.id, 'severity', b.severity, 'resolvedAt', b.resolved_at, 'title', b.title)), '[]') FROM blocker b WHERE b.onboarding_id = o.id) AS blockers,
                count(*) OVER () AS total
         FROM onboarding o JOIN authority a ON a.id = o.authority_id JOIN state s ON s.id = a.state_id LEFT JOIN specialist_system ss ON ss.id = a.specialist_system_id
         WHERE o.service_id = $1 AND a.state_id = $2 AND o.status IN ('ACTIVE', 'ON_HOLD') ORDER BY o.stage_entered_at, o.id LIMIT 1000`,
        [service.id, state.id],
      ),
  });
  cases.push({
    name: 'Onboarding page (one query: record with transitions, notes, milestones, obstacles, stages, guide, references, timeline, watch state, overdue action items)',
    kind: 'read',
    // What apps/admin's OnboardingShow sends on opening the page: its one record query.
    api: async () => {
      const [record] = await Promise.all(pageRequests.map(([, run]) => run()));
      return record;
    },
    floor: async () =>
      q(
        `SELECT o.*, a.name AS authority_name, a.state_id, sv.name AS service_name, sv.lead_state_id,
           (SELECT json_agg(t ORDER BY t.occurred_at, t.id) FROM onboarding_transition t WHERE t.onboarding_id = o.id) AS transitions,
           (SELECT json_agg(n ORDER BY n.written_at DESC) FROM onboarding_note n WHERE n.onboarding_id = o.id) AS notes,
           (SELECT json_agg(m ORDER BY m.position) FROM milestone m WHERE m.onboarding_id = o.id) AS milestones,
           (SELECT json_agg(b ORDER BY b.opened_at DESC) FROM blocker b WHERE b.onboarding_id = o.id) AS blockers,
           (SELECT json_agg(st ORDER BY st.position) FROM service_stage st WHERE st.service_id = o.service_id) AS stages,
           (SELECT json_agg(g ORDER BY g.position) FROM guide_section g WHERE g.service_id = o.service_id) AS guides,
           (SELECT json_agg(c) FROM reuse_contract c WHERE c.state_id = a.state_id AND c.service_id = o.service_id) AS contracts,
           (SELECT w.name FROM wave w WHERE w.id = o.wave_id) AS wave_name,
           EXISTS (SELECT 1 FROM watch w JOIN app_user u ON u.id = w.user_id WHERE u.email = 'admin@demo.invalid' AND w.target_type = 'ONBOARDING' AND w.target_id = o.id) AS watching,
           (SELECT json_agg(e) FROM (
              SELECT e.*, coalesce(m.name_de, b.title) AS subject FROM (
                (SELECT * FROM audit_event WHERE entity_type = 'Onboarding' AND entity_id = o.id ORDER BY occurred_at DESC LIMIT 200)
                UNION ALL (SELECT e.* FROM milestone m JOIN LATERAL (SELECT * FROM audit_event e WHERE e.entity_type = 'Milestone' AND e.entity_id = m.id ORDER BY occurred_at DESC LIMIT 200) e ON true WHERE m.onboarding_id = o.id)
                UNION ALL (SELECT e.* FROM blocker b JOIN LATERAL (SELECT * FROM audit_event e WHERE e.entity_type = 'Blocker' AND e.entity_id = b.id ORDER BY occurred_at DESC LIMIT 200) e ON true WHERE b.onboarding_id = o.id)
              ) e LEFT JOIN milestone m ON e.entity_type = 'Milestone' AND m.id = e.entity_id LEFT JOIN blocker b ON e.entity_type = 'Blocker' AND b.id = e.entity_id
              ORDER BY e.occurred_at DESC, e.id DESC LIMIT 200) e) AS timeline
         FROM onboarding o JOIN authority a ON a.id = o.authority_id JOIN service sv ON sv.id = o.service_id WHERE o.id = $1`,
        [onboarding.id],
      ),
  });
  return { subjects: { state, service, onboarding, boardCount }, cases };
}

/**
 * The onboarding page's measuring set-up shared by bench/page-cpu.mjs and bench/page-fields-cpu.mjs:
 * an API on the database `dbName` (demo accounts), signed in as the administrator, the console's
 * request builder and the onboarding whose page is measured. `close()` stops the API and the pool.
 */
export async function pageSession(dbName) {
  const { startApi } = await import('./harness.mjs');
  const { default: pg } = await import('pg');
  const { getIntrospectionQuery } = await import('graphql');
  const url = `postgres://postgres@127.0.0.1:5432/${dbName}`;
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const q = async (sql, params) => (await pool.query(sql, params)).rows;
  const env = { ...process.env, SEED: 'auto', DEMO_ACCOUNTS: 'true', DATABASE_URL: url };
  delete env.DATA_DIR;
  const api = await startApi(env);
  const close = async () => {
    await api.stop();
    await pool.end();
  };
  try {
    const signIn = `mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { token } }`;
    const res = await fetch(`${api.base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: signIn, variables: ADMIN }) });
    const gql = client(api.base, (await res.json()).data.signIn.token);
    const { __schema } = await gql(getIntrospectionQuery());
    const ra = consoleRequests(__schema);
    await ra.init();
    return { api, q, gql, ra, onboarding: await pickPageOnboarding(q), close };
  } catch (e) {
    await close();
    throw e;
  }
}

import { stageBoardStatement } from '../../apps/api/src/onboarding/stage-board.js';
import { firstError, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The stage board query (stageBoard): the service's stages in pipeline order, per stage the count of
 * active and paused onboardings under the filter and one page of cards sorted by authority name,
 * paging per column, the state and wave filters, obstacles and pause reasons hidden from a state
 * coordinator outside their state, and validation naming the field.
 */
let t: TestApp;
let serviceId: string;
let stageKeys: string[];
/** id -> state code, stage, status of the onboardings made here. */
const made = new Map<string, { state: string; stage: string; status: string; authority: string }>();

const BOARD = `query($serviceId: ID!, $stateId: ID, $waveId: ID, $stages: [String!], $perStage: Int, $offset: Int) {
  stageBoard(serviceId: $serviceId, stateId: $stateId, waveId: $waveId, stages: $stages, perStage: $perStage, offset: $offset) {
    total columns { stage total cards { id version stage stageEnteredAt status statusReason authorityId authorityName stateCode specialistSystem blockingTitles } } } }`;

interface Card {
  id: string;
  stage: string;
  status: string;
  statusReason: string | null;
  authorityName: string;
  stateCode: string | null;
  blockingTitles: string[];
}
interface Board {
  total: number;
  columns: { stage: string; total: number; cards: Card[] }[];
}

async function board(variables: Record<string, unknown>, client: { gql: TestApp['gql'] } = t): Promise<Board> {
  const r = await client.gql<{ stageBoard: Board }>(BOARD, { serviceId, ...variables });
  if (!r.data?.stageBoard) throw new Error(JSON.stringify(r.errors));
  return r.data.stageBoard;
}

/** What the database says: per stage, the ids of active and paused onboardings of the service (optionally of one state). */
async function expected(stateCode?: string): Promise<Map<string, string[]>> {
  const rows: { stage: string; id: string }[] = await t.dataSource.query(
    `SELECT o.stage, o.id FROM onboarding o JOIN authority a ON a.id = o.authority_id JOIN state s ON s.id = a.state_id
     WHERE o.service_id = $1 AND o.status IN ('ACTIVE', 'ON_HOLD') AND ($2::text IS NULL OR s.code = $2) ORDER BY a.name, o.id`,
    [serviceId, stateCode ?? null],
  );
  const byStage = new Map<string, string[]>(stageKeys.map((k) => [k, []]));
  for (const r of rows) byStage.get(r.stage)!.push(r.id);
  return byStage;
}

const stateId = async (code: string): Promise<string> => (await t.dataSource.query(`SELECT id FROM state WHERE code = $1`, [code]))[0].id;

beforeAll(async () => {
  t = await startTestApp();
  const created = await t.gql(`mutation { createService(name: "Testdienst Board", topicField: IMMIGRATION_AND_EMIGRATION) { id } }`);
  serviceId = created.data!.createService.id;
  stageKeys = (await t.dataSource.query(`SELECT key FROM service_stage WHERE service_id = $1 ORDER BY position`, [serviceId])).map((r: { key: string }) => r.key);
  // Seven authorities of BB and four of ST; stages spread so that INTEREST holds more cards than one page of 3.
  const authorities: { id: string; name: string; code: string }[] = await t.dataSource.query(
    `(SELECT a.id, a.name, s.code FROM authority a JOIN state s ON s.id = a.state_id WHERE s.code = 'BB' ORDER BY a.ars LIMIT 7)
     UNION ALL (SELECT a.id, a.name, s.code FROM authority a JOIN state s ON s.id = a.state_id WHERE s.code = 'ST' ORDER BY a.ars LIMIT 4)`,
  );
  expect(authorities.length).toBe(11);
  const stageOf = ['INTEREST', 'INTEREST', 'INTEREST', 'INTEREST', 'KICK_OFF', 'TEST', 'TEST', 'INTEREST', 'INTEREST', 'KICK_OFF', 'LIVE'];
  for (const [i, a] of authorities.entries()) {
    const r = await t.gql(`mutation($a: ID!, $s: ID!) { createOnboarding(authorityId: $a, serviceId: $s) { id } }`, { a: a.id, s: serviceId });
    const id = r.data!.createOnboarding.id as string;
    const stage = stageOf[i];
    if (stage !== 'INTEREST') await t.dataSource.query(`UPDATE onboarding SET stage = $2, live_at = CASE WHEN $2 = 'LIVE' THEN now() END WHERE id = $1`, [id, stage]);
    made.set(id, { state: a.code, stage, status: 'ACTIVE', authority: a.name });
  }
  const ids = [...made.keys()];
  // A paused one in each state (with a reason), a cancelled one (never on the board), a LIVE one counted in its column.
  await t.dataSource.query(`UPDATE onboarding SET status = 'ON_HOLD', status_reason = 'Haushaltssperre' WHERE id = ANY($1)`, [[ids[1], ids[8]]]);
  await t.dataSource.query(`UPDATE onboarding SET status = 'CANCELLED', status_reason = 'zurückgezogen' WHERE id = $1`, [ids[3]]);
  // Open blocking obstacles on one BB and one ST card; a resolved and a merely delaying one that must not count.
  await t.dataSource.query(
    `INSERT INTO blocker (onboarding_id, title, category, severity, opened_at, resolved_at) VALUES
       ($1, 'Signaturkarte fehlt', 'TECHNICAL', 'BLOCKING', current_date, NULL),
       ($1, 'Alt und erledigt', 'TECHNICAL', 'BLOCKING', current_date - 5, current_date),
       ($1, 'Nur verzögernd', 'LEGAL', 'DELAYING', current_date, NULL),
       ($2, 'Schnittstelle offen', 'TECHNICAL', 'BLOCKING', current_date, NULL)`,
    [ids[0], ids[7]],
  );
});
afterAll(async () => t?.close());

describe('stageBoard', () => {
  it('gives every stage in pipeline order with its count and cards (active and paused only), as the database has them', async () => {
    const b = await board({ perStage: 100 });
    const want = await expected();
    expect(b.columns.map((c) => c.stage)).toEqual(stageKeys);
    expect(Object.fromEntries(b.columns.map((c) => [c.stage, c.cards.map((x) => x.id)]))).toEqual(Object.fromEntries(want));
    expect(Object.fromEntries(b.columns.map((c) => [c.stage, c.total]))).toEqual(Object.fromEntries([...want].map(([k, v]) => [k, v.length])));
    expect(b.total).toBe([...want.values()].flat().length);
    const ids = [...made.keys()];
    expect(b.columns.flatMap((c) => c.cards).some((c) => c.id === ids[3])).toBe(false); // cancelled
    const cards = new Map(b.columns.flatMap((c) => c.cards).map((c) => [c.id, c]));
    expect(cards.get(ids[0])).toMatchObject({ stage: 'INTEREST', status: 'ACTIVE', stateCode: 'BB', authorityName: made.get(ids[0])!.authority, blockingTitles: ['Signaturkarte fehlt'] });
    expect(cards.get(ids[1])).toMatchObject({ status: 'ON_HOLD', statusReason: 'Haushaltssperre', blockingTitles: [] });
    expect(cards.get(ids[7])).toMatchObject({ stateCode: 'ST', blockingTitles: ['Schnittstelle offen'] });
  });

  it('pages each column by perStage and offset without gaps or repeats, the counts staying whole', async () => {
    const want = await expected();
    const interest = want.get('INTEREST')!;
    expect(interest.length).toBeGreaterThan(3);
    const first = await board({ perStage: 3 });
    for (const column of first.columns) {
      expect(column.cards.map((c) => c.id)).toEqual(want.get(column.stage)!.slice(0, 3));
      expect(column.total).toBe(want.get(column.stage)!.length);
    }
    // "+ N more" of one column: only that column, from where the first page ended.
    const rest = await board({ perStage: 3, offset: 3, stages: ['INTEREST'] });
    expect(rest.columns.map((c) => c.stage)).toEqual(['INTEREST']);
    expect(rest.columns[0].total).toBe(interest.length);
    expect([...first.columns.find((c) => c.stage === 'INTEREST')!.cards, ...rest.columns[0].cards].map((c) => c.id)).toEqual(interest.slice(0, 6));
    const beyond = await board({ perStage: 3, offset: 100, stages: ['INTEREST'] });
    expect(beyond.columns[0]).toMatchObject({ stage: 'INTEREST', total: interest.length, cards: [] });
  });

  it('filters by state and by wave', async () => {
    const st = await board({ stateId: await stateId('ST'), perStage: 100 });
    const want = await expected('ST');
    expect(Object.fromEntries(st.columns.map((c) => [c.stage, c.cards.map((x) => x.id)]))).toEqual(Object.fromEntries(want));
    expect(st.columns.flatMap((c) => c.cards).every((c) => c.stateCode === 'ST')).toBe(true);

    const ids = [...made.keys()];
    const wave = await t.gql(`mutation($s: ID!) { createWave(serviceId: $s, name: "Board-Welle", targetGoLive: "2030-01-01") { id } }`, { s: serviceId });
    const waveId = wave.data!.createWave.id;
    await t.gql(`mutation($ids: [ID!]!, $w: ID) { assignToWave(onboardingIds: $ids, waveId: $w) { id } }`, { ids: [ids[0], ids[5]], w: waveId });
    const inWave = await board({ waveId });
    expect(inWave.columns.flatMap((c) => c.cards).map((c) => c.id).sort()).toEqual([ids[0], ids[5]].sort());
    expect(inWave.total).toBe(2);
  });

  it('shows a state coordinator obstacles and pause reasons of their own state only', async () => {
    const ids = [...made.keys()];
    const cards = new Map((await board({ perStage: 100 }, t.as('STATE_COORDINATOR'))).columns.flatMap((c) => c.cards).map((c) => [c.id, c]));
    expect(cards.get(ids[0])!.blockingTitles).toEqual(['Signaturkarte fehlt']); // BB, own
    expect(cards.get(ids[1])!.statusReason).toBe('Haushaltssperre');
    expect(cards.get(ids[7])!.blockingTitles).toEqual([]); // ST, not theirs
    expect(cards.get(ids[8])).toMatchObject({ status: 'ON_HOLD', statusReason: null });
    const st = new Map((await board({ perStage: 100 }, t.as('STATE_COORDINATOR_ST'))).columns.flatMap((c) => c.cards).map((c) => [c.id, c]));
    expect(st.get(ids[7])!.blockingTitles).toEqual(['Schnittstelle offen']);
    expect(st.get(ids[0])!.blockingTitles).toEqual([]);
    // Every role that reads may see the board; nobody without signing in.
    expect((await board({}, t.as('STEERING_MEMBER'))).total).toBe((await board({})).total);
    const anonymous = await t.anonymous.gql(BOARD, { serviceId });
    expect(anonymous.data?.stageBoard ?? null).toBeNull();
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('gives the same columns, counts and cards as a plain query over all rows, for every filter and page, whichever way a column is read', async () => {
    // A service of its own on every seeded authority (and three of the same name, ordered by onboarding id),
    // stages and statuses spread by a hash, some in a wave, obstacles on some: columns thick and thin.
    const sid = (await t.gql(`mutation { createService(name: "Testdienst Board Abgleich", topicField: IMMIGRATION_AND_EMIGRATION) { id } }`)).data!.createService.id as string;
    const bb = await stateId('BB');
    await t.dataSource.query(
      `INSERT INTO authority (name, kind, level, state_id, ars)
       SELECT 'Gleichnamige Behörde', 'FOREIGNERS_AUTHORITY', 'DISTRICT', $1, lpad((990000000000 + g)::text, 12, '0') FROM generate_series(1, 3) g`,
      [bb],
    );
    const wave = (await t.gql(`mutation($s: ID!) { createWave(serviceId: $s, name: "Abgleich-Welle", targetGoLive: "2030-01-01") { id } }`, { s: sid })).data!.createWave.id as string;
    await t.dataSource.query(
      `INSERT INTO onboarding (authority_id, service_id, stage, status, status_reason, wave_id)
       SELECT a.id, $1, (array['INTEREST','INTEREST','INTEREST','KICK_OFF','PREPARATION','TEST','TEST','LIVE','LIVE','LIVE'])[1 + h % 10],
              CASE WHEN h % 13 = 0 THEN 'ON_HOLD' WHEN h % 17 = 0 THEN 'CANCELLED' ELSE 'ACTIVE' END,
              CASE WHEN h % 13 = 0 THEN 'Pause ' || h WHEN h % 17 = 0 THEN 'Ende' END,
              CASE WHEN h % 7 = 0 THEN $2::uuid END
       FROM (SELECT a.id, ('x' || substr(md5(a.ars || 'board'), 1, 6))::bit(24)::int AS h FROM authority a) a`,
      [sid, wave],
    );
    await t.dataSource.query(`UPDATE onboarding SET live_at = now() WHERE service_id = $1 AND stage = 'LIVE'`, [sid]);
    await t.dataSource.query(
      `UPDATE onboarding o SET stage = 'KICK_OFF', status = 'ACTIVE', status_reason = NULL, live_at = NULL
       FROM authority a WHERE a.id = o.authority_id AND o.service_id = $1 AND a.name = 'Gleichnamige Behörde'`,
      [sid],
    );
    await t.dataSource.query(
      `INSERT INTO blocker (onboarding_id, title, category, severity, opened_at, resolved_at)
       SELECT o.id, 'Hindernis ' || k, 'TECHNICAL', CASE WHEN k = 3 THEN 'DELAYING' ELSE 'BLOCKING' END, current_date - k, CASE WHEN k = 2 THEN current_date END
       FROM onboarding o CROSS JOIN generate_series(1, 3) k WHERE o.service_id = $1 AND ('x' || substr(md5(o.id::text), 1, 4))::bit(16)::int % 5 = 0`,
      [sid],
    );
    const stages: string[] = (await t.dataSource.query(`SELECT key FROM service_stage WHERE service_id = $1 ORDER BY position`, [sid])).map((r: { key: string }) => r.key);
    const st = await stateId('ST');
    const scopeOf = async (state: string | null) => Number((await t.dataSource.query(`SELECT count(*) AS n FROM authority WHERE $1::uuid IS NULL OR state_id = $1`, [state]))[0].n);
    const fields = 'id version stage stageEnteredAt status statusReason authorityId authorityName stateCode specialistSystem blockingTitles';
    const query = `query($serviceId: ID!, $stateId: ID, $waveId: ID, $stages: [String!], $perStage: Int, $offset: Int) {
      stageBoard(serviceId: $serviceId, stateId: $stateId, waveId: $waveId, stages: $stages, perStage: $perStage, offset: $offset) { total columns { stage total cards { ${fields} } } } }`;
    /** The plain way: every row under the filter with its card fields, sorted by authority name and id, cut in JavaScript. */
    const reference = async (f: { stateId: string | null; waveId: string | null; stages: string[] | null; perStage: number; offset: number }, internalState: string | null) => {
      const rows: Record<string, any>[] = await t.dataSource.query(
        `SELECT o.id, o.version, o.stage, o.stage_entered_at, o.status, o.status_reason, a.id AS authority_id, a.name, a.state_id, s.code, ss.vendor, ss.product,
                array(SELECT bl.title FROM blocker bl WHERE bl.onboarding_id = o.id AND bl.severity = 'BLOCKING' AND bl.resolved_at IS NULL ORDER BY bl.opened_at DESC, bl.id) AS blocking
         FROM onboarding o JOIN authority a ON a.id = o.authority_id LEFT JOIN state s ON s.id = a.state_id LEFT JOIN specialist_system ss ON ss.id = a.specialist_system_id
         WHERE o.service_id = $1 AND o.status IN ('ACTIVE', 'ON_HOLD') AND ($2::uuid IS NULL OR a.state_id = $2) AND ($3::uuid IS NULL OR o.wave_id = $3)
         ORDER BY a.name, o.id`,
        [sid, f.stateId, f.waveId],
      );
      const columns = (f.stages ?? stages).filter((k) => stages.includes(k)).sort((x, y) => stages.indexOf(x) - stages.indexOf(y)).map((stage) => {
        const all = rows.filter((r) => r.stage === stage);
        const cards = all.slice(f.offset, f.offset + f.perStage).map((r) => {
          const internal = internalState === null || r.state_id === internalState;
          return {
            id: r.id, version: r.version, stage: r.stage, stageEnteredAt: new Date(r.stage_entered_at).toISOString(), status: r.status,
            statusReason: internal ? r.status_reason : null, authorityId: r.authority_id, authorityName: r.name, stateCode: r.code,
            specialistSystem: r.vendor === null ? null : [r.vendor, r.product].filter((x) => x !== null).join(' '), blockingTitles: internal ? r.blocking : [],
          };
        });
        return { stage, total: all.length, cards };
      });
      return { total: columns.reduce((n, c) => n + c.total, 0), columns };
    };
    const ways = new Set<string>();
    let compared = 0;
    for (const stateFilter of [null, bb, st])
      for (const waveId of [null, wave])
        for (const [stageFilter, perStage, offset] of [[null, 50, 0], [null, 1, 0], [null, 5, 3], [['INTEREST'], 2, 60], [['LIVE', 'TEST'], 500, 0], [['TEST'], 3, 10_000]] as const)
          for (const [reader, internalState] of [['ADMIN', null], ['STATE_COORDINATOR', bb]] as const) {
            const f = { stateId: stateFilter, waveId, stages: stageFilter ? [...stageFilter] : null, perStage, offset };
            const got = await t.as(reader).gql<{ stageBoard: unknown }>(query, { serviceId: sid, ...f });
            expect(got.errors).toBeUndefined();
            const want = await reference(f, internalState);
            expect(got.data!.stageBoard).toEqual(want);
            compared++;
            // The statement itself with the other ways forced: no walks at all, and a state's thin columns from its columns' onboardings.
            for (const tuning of [{ walkBudget: 0, smallState: 1000 }, { walkBudget: 6000, smallState: 0 }]) {
              const { sql, params } = stageBoardStatement({ serviceId: sid, ...f, internalState }, tuning);
              const rows: { stage: string; total: number; cards: (Record<string, unknown> & { stageEnteredAt: string })[] }[] = await t.dataSource.query(sql, params);
              const columns = rows.map((r) => ({ stage: r.stage, total: r.total, cards: r.cards.map((c) => ({ ...c, stageEnteredAt: new Date(c.stageEnteredAt).toISOString() })) }));
              expect({ total: columns.reduce((n, c) => n + c.total, 0), columns }).toEqual(want);
            }
            const scope = await scopeOf(stateFilter);
            for (const c of want.columns) if (c.total > offset) ways.add(c.total * c.total >= (offset + perStage) * scope ? 'walk' : 'sort');
          }
    expect(compared).toBe(72);
    // Both ways of reading a column were taken (walk in name order, sort of the column's rows).
    expect([...ways].sort()).toEqual(['sort', 'walk']);
    // The three of the same name come in onboarding-id order.
    const twins: string[] = (
      await t.dataSource.query(`SELECT o.id FROM onboarding o JOIN authority a ON a.id = o.authority_id WHERE o.service_id = $1 AND a.name = 'Gleichnamige Behörde' ORDER BY o.id`, [sid])
    ).map((r: { id: string }) => r.id);
    expect(twins).toHaveLength(3);
    const kickOff = (await board({ serviceId: sid, stateId: bb, stages: ['KICK_OFF'], perStage: 500 })).columns[0].cards;
    expect(kickOff.filter((c) => c.authorityName === 'Gleichnamige Behörde').map((c) => c.id)).toEqual(twins);
  });

  it('refuses an id that is not one, naming the field', async () => {
    const r = await t.gql(BOARD, { serviceId: 'kein-dienst', stateId: 'x' });
    expect(firstError(r)).toMatchObject({ code: 'VALIDATION' });
    expect(firstError(r).fields.sort()).toEqual(['serviceId', 'stateId']);
  });
});

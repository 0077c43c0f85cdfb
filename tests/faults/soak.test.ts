import type { AddressInfo } from 'node:net';
import { runSoak, type SoakResult } from '../support/soak.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The soak, bounded for CI (SOAK_SECONDS, default 30; the 5-minute run is `npm run bench -- --only soak`):
 * readers and writers of different roles at once through the real HTTP API (tests/support/soak.js),
 * then the invariants: one audit event per acknowledged write, refused writes left nothing, no
 * onboarding in an impossible state, dashboard counts = list counts, no lost update, no 5xx.
 */
const SECONDS = Number(process.env.SOAK_SECONDS ?? 30);

let t: TestApp;
let result: SoakResult;

beforeAll(async () => {
  t = await startTestApp();
  await new Promise<void>((resolve) => t.app.getHttpServer().listen(0, '127.0.0.1', resolve));
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  const tokens = {
    ADMIN: await t.tokenOf('ADMIN'),
    ROLLOUT_MANAGER: await t.tokenOf('ROLLOUT_MANAGER'),
    STATE_COORDINATOR: await t.tokenOf('STATE_COORDINATOR'),
    STEERING_MEMBER: await t.tokenOf('STEERING_MEMBER'),
  };
  result = await runSoak({
    url: `http://127.0.0.1:${port}`,
    tokens,
    sql: (sql, params) => t.dataSource.query(sql, params),
    durationMs: SECONDS * 1000,
    readers: 3,
    writers: 4,
    log: (line) => console.log(line),
  });
  console.log(`[soak] ${JSON.stringify({ ...result, errors: result.errors.slice(0, 5) })}`);
}, SECONDS * 1000 + 120_000);
afterAll(async () => t?.close());

describe(`soak (${SECONDS} s, mixed readers and writers)`, () => {
  it('served requests and acknowledged writes of every kind the clients send', () => {
    // (each writer sends every kind once before the random mix, so even a slow run covers them)
    expect(result.requests).toBeGreaterThan(30);
    expect(result.writes.acknowledged).toBeGreaterThan(5);
    for (const kind of ['advance', 'edit', 'staleEdit', 'completeMilestone']) expect(result.byKind[kind]?.attempted ?? 0).toBeGreaterThan(0);
    expect(Object.values(result.byKind).filter((k) => k.acknowledged > 0).length).toBeGreaterThanOrEqual(4);
  });

  it('deliberately stale versions were all refused with CONFLICT', () => {
    const stale = result.byKind.staleEdit;
    expect(stale?.attempted ?? 0).toBeGreaterThan(0);
    expect(stale.refused).toBe(stale.attempted);
    expect(result.refusedByCode.CONFLICT).toBeGreaterThanOrEqual(stale.refused);
  });

  it('no 5xx and no unexpected error', () => {
    expect(result.status5xx).toBe(0);
    expect(result.errors).toEqual([]);
    expect(result.readErrors + result.writes.errors).toBe(0);
  });

  it('no write lost: each acknowledged write is in the audit log and the data, no update overwritten', () => {
    expect(result.lost).toEqual([]);
    expect(result.lostWrites).toBe(0);
  });

  it('invariants hold: one audit event per write, refused writes left nothing, states possible, dashboard = lists', () => {
    expect(result.violations).toEqual([]);
  });
});

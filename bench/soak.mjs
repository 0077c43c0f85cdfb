// The soak (part of npm run bench; alone: `npm run bench -- --only soak`): the built API on a
// fresh seeded PostgreSQL database, readers and writers of every role at once through HTTP for
// BENCH_SOAK_SECONDS (default 300), then the invariants of tests/support/soak.js (the same code
// the CI test tests/faults/soak.test.ts runs for 30 s). Writes the "Soak" section of
// bench/RESULTS.md; exits 1 when a write was lost or an invariant broke.
// Clients: BENCH_SOAK_READERS (default 6), BENCH_SOAK_WRITERS (default 6).
// Database: BENCH_DATABASE_URL / DATABASE_URL / the local server (a database of its own is
// created and dropped). Needs PostgreSQL: the invariants are checked in SQL next to the API.
import os from 'node:os';
import pg from 'pg';
import { admin, machine, reachable, startApi, withDb, writeSection } from './harness.mjs';
import { runSoak } from '../tests/support/soak.js';

const SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 300);
const READERS = Number(process.env.BENCH_SOAK_READERS ?? 6);
const WRITERS = Number(process.env.BENCH_SOAK_WRITERS ?? 6);
const serverUrl = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

const DEMO = {
  ADMIN: ['admin@demo.invalid', 'Demo-Verwaltung-2026'],
  ROLLOUT_MANAGER: ['rollout@demo.invalid', 'Demo-Anbindung-2026'],
  STATE_COORDINATOR: ['coordinator.bb@demo.invalid', 'Demo-Brandenburg-2026'],
  STEERING_MEMBER: ['steering@demo.invalid', 'Demo-Lenkung-2026'],
};

async function main() {
  if (!(await reachable(serverUrl))) {
    console.error(`soak: PostgreSQL is not reachable at ${serverUrl.replace(/\/\/[^@]*@/, '//')}; the soak checks its invariants in SQL and needs a server`);
    process.exit(1);
  }
  const dbName = `efa_bench_soak_${process.pid}`;
  await admin(serverUrl, `CREATE DATABASE ${dbName}`);
  const env = { ...process.env, SEED: 'auto', DEMO_ACCOUNTS: 'true', DATABASE_URL: withDb(serverUrl, dbName) };
  delete env.DATA_DIR;
  const api = await startApi(env);
  const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: 2 });
  let failed = false;
  try {
    const tokens = {};
    for (const [role, [email, password]] of Object.entries(DEMO)) {
      const res = await fetch(`${api.origin}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }', variables: { e: email, p: password } }),
      });
      tokens[role] = (await res.json()).data.signIn.token;
    }
    console.log(`soak: ${SECONDS} s, ${READERS} readers and ${WRITERS} writers against ${api.origin}`);
    const r = await runSoak({
      url: api.origin,
      tokens,
      sql: async (text, params) => (await pool.query(text, params)).rows,
      durationMs: SECONDS * 1000,
      readers: READERS,
      writers: WRITERS,
      log: (line) => console.log(line),
    });
    const rps = r.requests / (r.durationMs / 1000);
    const kinds = Object.entries(r.byKind)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([kind, k]) => `| ${kind} | ${k.attempted} | ${k.acknowledged} | ${k.refused} | ${k.errors} |`);
    const body = [
      `Machine: ${machine('PostgreSQL (local server)')}; ${new Date().toISOString().slice(0, 10)}. The built API as one process, the seeded demo data, ${READERS} reading and ${WRITERS} writing clients (rollout manager, administrator, state coordinator BB; readers as steering member, manager and coordinator) for ${(r.durationMs / 1000).toFixed(0)} s through HTTP, no pause between requests. No faults injected (those are tests/faults/*). Load average at the end: ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')} (1/5/15 min; other jobs on the machine count too).`,
      '',
      '| figure | value |',
      '|---|---:|',
      `| requests served | ${r.requests} (${rps.toFixed(1)}/s) |`,
      `| reads | ${r.reads} |`,
      `| writes attempted | ${r.writes.attempted} |`,
      `| writes acknowledged | ${r.writes.acknowledged} |`,
      `| writes refused as expected (${Object.entries(r.refusedByCode).map(([c, n]) => `${c} ${n}`).join(', ') || 'none'}) | ${r.writes.refused} |`,
      `| errors (5xx, INTERNAL, no answer, unexpected refusal) | ${r.readErrors + r.writes.errors} (5xx: ${r.status5xx}) |`,
      `| writes lost | ${r.lostWrites} |`,
      `| invariant violations | ${r.violations.length} |`,
      '',
      '| write | attempted | acknowledged | refused | errors |',
      '|---|---:|---:|---:|---:|',
      ...kinds,
      '',
      'Checked afterwards (tests/support/soak.js): exactly one audit event per acknowledged write (by record type), every acknowledged write\'s marker in the audit log and the data, no trace of a refused write, each edited onboarding holding its last acknowledged edit (no lost update), no onboarding in an impossible state (stage outside its pipeline, `live_at` without LIVE or LIVE without it, LIVE with a required milestone open, transition log not ending in the current stage and status), dashboard funnel and live-per-state counts equal to the list counts, no 5xx.',
      ...(r.violations.length ? ['', 'Violations:', ...r.violations.map((v) => `- ${v.check}: ${v.detail}`)] : []),
      ...(r.lost.length ? ['', 'Lost:', ...r.lost.map((l) => `- ${l}`)] : []),
      ...(r.errors.length ? ['', 'First errors:', ...r.errors.map((e) => `- ${e.replace(/\|/g, '\\|')}`)] : []),
    ].join('\n');
    writeSection('Soak', body);
    console.log(body);
    failed = r.lostWrites > 0 || r.violations.length > 0;
  } finally {
    await pool.end();
    await api.stop();
    await admin(serverUrl, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  }
  if (failed) process.exit(1);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

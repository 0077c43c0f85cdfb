import fs from 'node:fs';
import { adminQuery, dropDatabase, isReachable } from './postgres.js';

/** Drops every database this run created (test files drop their own; this catches leftovers), and the seeded PGlite folder. */
export default async function globalTeardown() {
  const seeded = process.env.EFA_TEST_PGLITE_SEEDED;
  if (seeded) {
    // still building (no `ready` or `failed` yet): end it, by its own process id
    if (!fs.existsSync(`${seeded}/ready`) && !fs.existsSync(`${seeded}/failed`)) {
      try {
        process.kill(Number(process.env.EFA_TEST_PGLITE_SEEDER_PID), 'SIGKILL');
      } catch {
        // ended meanwhile
      }
    }
    fs.rmSync(seeded, { recursive: true, force: true });
  }
  const runId = process.env.EFA_TEST_RUN_ID;
  if (!runId || process.env.EFA_TEST_DB !== 'postgres' || !(await isReachable())) return;
  const rows = await adminQuery(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${runId}%`]);
  for (const { datname } of rows) await dropDatabase(datname);
}

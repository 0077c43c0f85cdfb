import { adminQuery, dropDatabase, isReachable } from './postgres.js';

/** Drops every database this run created (test files drop their own; this catches leftovers). */
export default async function globalTeardown() {
  const runId = process.env.EFA_TEST_RUN_ID;
  if (!runId || process.env.EFA_TEST_DB !== 'postgres' || !(await isReachable())) return;
  const rows = await adminQuery(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${runId}%`]);
  for (const { datname } of rows) await dropDatabase(datname);
}

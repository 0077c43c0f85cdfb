import { openDatabase } from '../../apps/api/src/database/bootstrap.js';
import { MIGRATIONS } from '../../migrations/index.js';
import { createDatabase, dropDatabase } from '../support/postgres.js';

/**
 * N instances starting together on a new database (a rollout behind a proxy): they take turns
 * under an advisory lock, so one migrates and seeds, the others find nothing to do; none fails.
 */
const onPostgres = process.env.EFA_TEST_DB === 'postgres';
const describeOnPostgres = onPostgres ? describe : describe.skip;

describeOnPostgres('instances starting together', () => {
  const name = `${process.env.EFA_TEST_RUN_ID}_start_${Math.random().toString(36).slice(2, 8)}`;
  afterAll(() => dropDatabase(name));

  it('migrate and seed an empty database exactly once', async () => {
    const url = await createDatabase(name);
    const opened = await Promise.all([1, 2, 3].map(() => openDatabase({ databaseUrl: url, dataDir: '', seed: 'auto', logQueries: false })));
    try {
      expect(opened.map((o) => o.migrations.length).sort()).toEqual([0, 0, MIGRATIONS.length]);
      expect(opened.filter((o) => o.seeded)).toHaveLength(1);
      const [{ n }] = await opened[0].dataSource.query(`SELECT count(*)::int AS n FROM migrations`);
      expect(n).toBe(MIGRATIONS.length);
    } finally {
      await Promise.all(opened.map((o) => o.dataSource.destroy()));
    }
  }, 120_000);
});

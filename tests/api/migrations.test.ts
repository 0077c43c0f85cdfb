import { createTestDatabase, type TestDatabase } from '../support/test-app.js';
import { MIGRATIONS } from '../../migrations/index.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase({ empty: true });
});
afterAll(async () => db?.close());

async function tables(): Promise<string[]> {
  const rows = await db.dataSource.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations' ORDER BY 1`);
  return rows.map((r: { table_name: string }) => r.table_name);
}

describe('migrations', () => {
  it('migrate an empty database up, down to zero and up again', async () => {
    expect(await tables()).toEqual([]);
    const up = await db.dataSource.runMigrations({ transaction: 'each' });
    expect(up).toHaveLength(MIGRATIONS.length);
    const schema = await tables();
    expect(schema).toEqual(expect.arrayContaining(['audit_event', 'authority', 'reuse_contract', 'service', 'specialist_system', 'state']));

    for (let i = 0; i < MIGRATIONS.length; i++) await db.dataSource.undoLastMigration({ transaction: 'each' });
    expect(await tables()).toEqual([]);
    expect(await db.dataSource.query(`SELECT * FROM migrations`)).toEqual([]);

    await db.dataSource.runMigrations({ transaction: 'each' });
    expect(await tables()).toEqual(schema);
    expect(await db.dataSource.showMigrations()).toBe(false);
  });
});

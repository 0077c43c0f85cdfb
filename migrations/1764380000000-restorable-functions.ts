import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `pg_restore` runs with an empty search_path, and a CHECK constraint calling cost_components_ok
 * (whose body calls cost_state_values_ok unqualified) then failed while restoring cost_key: a
 * dump of the database could not be restored. The function now carries the search_path it was
 * created under, so it finds its helper in every session, restores included
 * (tests/faults/backup-restore.test.ts).
 */
export class RestorableFunctions1764380000000 implements MigrationInterface {
  name = 'RestorableFunctions1764380000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER FUNCTION cost_components_ok(jsonb) SET search_path FROM CURRENT`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER FUNCTION cost_components_ok(jsonb) RESET search_path`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The column mapping a user last used for a spreadsheet import target (header → field), offered
 * again at the next import of a file with the same columns. One row per user (the audit actor,
 * i.e. the e-mail address or `system`) and target.
 */
export class ImportMappings1764300000000 implements MigrationInterface {
  name = 'ImportMappings1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE import_mapping (
      owner text NOT NULL,
      target text NOT NULL CHECK (target ~ '^[a-z_]+$'),
      mapping jsonb NOT NULL CHECK (jsonb_typeof(mapping) = 'object'),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT pk_import_mapping PRIMARY KEY (owner, target)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE import_mapping`);
  }
}

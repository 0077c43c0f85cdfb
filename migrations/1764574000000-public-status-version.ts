import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The public copy's change check without a growing table (replaces the `count(*), max(id)` over
 * `public_status_change` that every API instance ran every second: a scan of one row per
 * changing transaction since the table existed).
 *
 * - `public_status_version`: at most one row, the number of changing transactions folded so far
 *   (no row = 0, so a database without changes stays empty, as a restore target must be).
 * - `public_status_version()`: folds the committed rows of `public_status_change` into it (deletes
 *   them and adds their number to the version, in one transaction) and answers the version. The
 *   check calls it; the table holds only the changes of the last second or so.
 *
 * The writers are untouched: the statement trigger still inserts one row per changing transaction
 * (txid unique), so concurrent writers never wait for each other on a shared row. A change's row
 * is folded only after its transaction committed (DELETE sees committed rows only), and the new
 * version is visible only after the fold committed, so an instance that reads version V and then
 * loads public_status has every change folded into V; later ones raise the version again. Two
 * instances folding at once: the second one's DELETE waits for the first, then finds the rows
 * gone, and its own read of the version (a new statement, a new snapshot) sees the first one's.
 */
export class PublicStatusVersion1764574000000 implements MigrationInterface {
  name = 'PublicStatusVersion1764574000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE public_status_version (
      id boolean PRIMARY KEY DEFAULT true CONSTRAINT ck_public_status_version_single CHECK (id),
      version bigint NOT NULL CHECK (version >= 0)
    )`);
    await q.query(`WITH folded AS (DELETE FROM public_status_change RETURNING 1)
      INSERT INTO public_status_version (version) SELECT count(*) FROM folded HAVING count(*) > 0`);
    await q.query(`CREATE FUNCTION public_status_version() RETURNS bigint
      LANGUAGE plpgsql VOLATILE SET search_path FROM CURRENT AS $$
      DECLARE n bigint;
      BEGIN
        WITH folded AS (DELETE FROM public_status_change RETURNING 1) SELECT count(*) INTO n FROM folded;
        IF n > 0 THEN
          INSERT INTO public_status_version AS v (version) VALUES (n)
            ON CONFLICT (id) DO UPDATE SET version = v.version + EXCLUDED.version;
        END IF;
        RETURN coalesce((SELECT version FROM public_status_version), 0);
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION public_status_version()`);
    await q.query(`DROP TABLE public_status_version`);
  }
}

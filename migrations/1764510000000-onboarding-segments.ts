import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The transition log, each entry with the moment the next one replaced it, for the dashboard "as of"
 * any moment at national scale (bench: `npm run bench -- --scale national`, plans in docs/explain/dashboard.md).
 *
 * `onboarding_segment` holds one row per onboarding_transition: the stage and status it set, from
 * `valid_from` (its occurred_at) until `valid_to` (the next entry's occurred_at in the log's order,
 * occurred_at then id; null = still so). An onboarding's stage and status at moment M is then the
 * one row with valid_from <= M < valid_to (or valid_to null) — a range scan of the service's rows in
 * ix_onboarding_segment_service instead of one probe into the log per onboarding. `stage_changed`
 * marks entries that entered a stage other than the previous one (a stay starts), `stay_until` the
 * next such entry's moment (the stay ends), `stay_from` the moment the stay an entry belongs to began
 * (the last stage change at or before it), `started` the onboarding's first entry.
 *
 * The table is derived, never written by the application: statement triggers on onboarding_transition
 * recompute the rows of every onboarding whose log an INSERT, UPDATE or DELETE touched (so every write
 * path — advance, bulk advance, import, move back, pause, cancel, back-dated entries, deleting an
 * onboarding with its log — keeps it exact), TRUNCATE empties it, and a changed onboarding.service_id
 * is copied. The recompute locks the onboardings first, so concurrent writers to one log see each
 * other's entries. The migration fills it from the existing log.
 */
export class OnboardingSegments1764510000000 implements MigrationInterface {
  name = 'OnboardingSegments1764510000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE onboarding_segment (
      transition_id uuid PRIMARY KEY,
      onboarding_id uuid NOT NULL,
      service_id uuid NOT NULL,
      kind text NOT NULL,
      from_stage text,
      from_status text,
      stage text NOT NULL,
      status text NOT NULL,
      valid_from timestamptz NOT NULL,
      valid_to timestamptz,
      stage_changed boolean NOT NULL,
      stay_until timestamptz,
      stay_from timestamptz NOT NULL,
      started timestamptz NOT NULL
    )`);
    // The rows of a log, in its order: the same window the dashboard used to compute per request.
    const rowsOf = (where: string) => `
      SELECT id, onboarding_id, service_id, kind, from_stage, from_status, to_stage, to_status, occurred_at, valid_to, changed,
             CASE WHEN changed THEN lead(occurred_at) OVER (PARTITION BY onboarding_id, changed ORDER BY occurred_at, id) END,
             max(occurred_at) FILTER (WHERE changed) OVER (PARTITION BY onboarding_id ORDER BY occurred_at, id),
             started
      FROM (
        SELECT t.id, t.onboarding_id, o.service_id, t.kind, t.from_stage, t.from_status, t.to_stage, t.to_status, t.occurred_at,
               lead(t.occurred_at) OVER w AS valid_to,
               lag(t.to_stage) OVER w IS DISTINCT FROM t.to_stage AS changed,
               first_value(t.occurred_at) OVER w AS started
        FROM onboarding_transition t JOIN onboarding o ON o.id = t.onboarding_id
        ${where}
        WINDOW w AS (PARTITION BY t.onboarding_id ORDER BY t.occurred_at, t.id)
      ) s`;
    const COLUMNS = `transition_id, onboarding_id, service_id, kind, from_stage, from_status, stage, status, valid_from, valid_to, stage_changed, stay_until, stay_from, started`;
    await q.query(`CREATE FUNCTION onboarding_segment_refresh(ids uuid[]) RETURNS void LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      BEGIN
        IF cardinality(ids) = 0 THEN RETURN; END IF;
        -- Writers to one log wait for each other here, so each recompute sees the entries committed before it.
        PERFORM 1 FROM onboarding WHERE id = ANY(ids) ORDER BY id FOR NO KEY UPDATE;
        DELETE FROM onboarding_segment WHERE onboarding_id = ANY(ids);
        INSERT INTO onboarding_segment (${COLUMNS}) ${rowsOf('WHERE t.onboarding_id = ANY(ids)')};
      END $$`);
    await q.query(`CREATE FUNCTION onboarding_segment_sync() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      BEGIN
        IF TG_OP = 'TRUNCATE' THEN
          TRUNCATE onboarding_segment;
        ELSIF TG_OP = 'INSERT' THEN
          PERFORM onboarding_segment_refresh(ARRAY(SELECT DISTINCT onboarding_id FROM new_rows));
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM onboarding_segment_refresh(ARRAY(SELECT DISTINCT onboarding_id FROM old_rows));
        ELSE
          PERFORM onboarding_segment_refresh(ARRAY(SELECT onboarding_id FROM new_rows UNION SELECT onboarding_id FROM old_rows));
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER tg_onboarding_segment_insert AFTER INSERT ON onboarding_transition REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION onboarding_segment_sync()`,
    );
    await q.query(
      `CREATE TRIGGER tg_onboarding_segment_update AFTER UPDATE ON onboarding_transition REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION onboarding_segment_sync()`,
    );
    await q.query(
      `CREATE TRIGGER tg_onboarding_segment_delete AFTER DELETE ON onboarding_transition REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION onboarding_segment_sync()`,
    );
    await q.query(`CREATE TRIGGER tg_onboarding_segment_truncate AFTER TRUNCATE ON onboarding_transition FOR EACH STATEMENT EXECUTE FUNCTION onboarding_segment_sync()`);
    await q.query(`CREATE FUNCTION onboarding_segment_service() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      BEGIN
        UPDATE onboarding_segment SET service_id = NEW.service_id WHERE onboarding_id = NEW.id;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER tg_onboarding_segment_service AFTER UPDATE OF service_id ON onboarding FOR EACH ROW WHEN (OLD.service_id IS DISTINCT FROM NEW.service_id) EXECUTE FUNCTION onboarding_segment_service()`,
    );
    await q.query(`INSERT INTO onboarding_segment (${COLUMNS}) ${rowsOf('')}`);
    // A service's rows in the order of valid_from, with every column the dashboard reads (index only).
    await q.query(
      `CREATE INDEX ix_onboarding_segment_service ON onboarding_segment (service_id, valid_from)
       INCLUDE (valid_to, onboarding_id, stage, status, from_stage, from_status, kind, stage_changed, stay_until, stay_from, started)`,
    );
    await q.query(`CREATE INDEX ix_onboarding_segment_onboarding ON onboarding_segment (onboarding_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER tg_onboarding_segment_service ON onboarding`);
    for (const op of ['insert', 'update', 'delete', 'truncate']) await q.query(`DROP TRIGGER tg_onboarding_segment_${op} ON onboarding_transition`);
    await q.query(`DROP FUNCTION onboarding_segment_service()`);
    await q.query(`DROP FUNCTION onboarding_segment_sync()`);
    await q.query(`DROP FUNCTION onboarding_segment_refresh(uuid[])`);
    await q.query(`DROP TABLE onboarding_segment`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The dashboard's overdue milestones at national scale (issue 10; plans in docs/explain/dashboard.md).
 * `milestone.service_id` is a copy of its onboarding's service, kept by the database itself: a BEFORE
 * trigger sets it on every insert and on any update of onboarding_id or service_id (whatever a writer
 * sends is replaced), and onboarding's AFTER UPDATE OF service_id trigger copies a changed service to
 * its milestones (the API never changes it; plain SQL could). With it, the milestones open at asOf's
 * date of a service are two narrow index-only range scans instead of one probe per onboarding:
 * - ix_milestone_service_open_due: OPEN milestones by (service_id, due_date): due before the date;
 * - ix_milestone_service_done_late: DONE milestones completed after their due date, by (service_id,
 *   completed_at): those done after the date were still open then (a milestone due before and done
 *   after asOf's date was done late, so the others cannot be among them).
 */
export class MilestoneService1764576000000 implements MigrationInterface {
  name = 'MilestoneService1764576000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE milestone ADD COLUMN service_id uuid`);
    await q.query(`UPDATE milestone m SET service_id = o.service_id FROM onboarding o WHERE o.id = m.onboarding_id`);
    await q.query(`ALTER TABLE milestone ALTER COLUMN service_id SET NOT NULL`);
    await q.query(`CREATE FUNCTION milestone_service_of_onboarding() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      BEGIN
        NEW.service_id := (SELECT o.service_id FROM onboarding o WHERE o.id = NEW.onboarding_id);
        -- no such onboarding: the error fk_milestone_onboarding would give (not NOT NULL's), as before this column
        IF NEW.service_id IS NULL THEN
          RAISE foreign_key_violation USING
            MESSAGE = 'insert or update on table "milestone" violates foreign key constraint "fk_milestone_onboarding"',
            DETAIL = format('Key (onboarding_id)=(%s) is not present in table "onboarding".', NEW.onboarding_id),
            TABLE = 'milestone', CONSTRAINT = 'fk_milestone_onboarding';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(
      `CREATE TRIGGER tg_milestone_service BEFORE INSERT OR UPDATE OF onboarding_id, service_id ON milestone FOR EACH ROW EXECUTE FUNCTION milestone_service_of_onboarding()`,
    );
    await q.query(`CREATE FUNCTION onboarding_milestone_service() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      BEGIN
        UPDATE milestone SET service_id = NEW.service_id WHERE onboarding_id = NEW.id;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER tg_onboarding_milestone_service AFTER UPDATE OF service_id ON onboarding FOR EACH ROW WHEN (OLD.service_id IS DISTINCT FROM NEW.service_id) EXECUTE FUNCTION onboarding_milestone_service()`,
    );
    await q.query(`CREATE INDEX ix_milestone_service_open_due ON milestone (service_id, due_date) INCLUDE (onboarding_id, position, id) WHERE status = 'OPEN'`);
    await q.query(
      `CREATE INDEX ix_milestone_service_done_late ON milestone (service_id, completed_at) INCLUDE (due_date, onboarding_id, position, id) WHERE status = 'DONE' AND completed_at > due_date`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_milestone_service_done_late`);
    await q.query(`DROP INDEX ix_milestone_service_open_due`);
    await q.query(`DROP TRIGGER tg_onboarding_milestone_service ON onboarding`);
    await q.query(`DROP FUNCTION onboarding_milestone_service()`);
    await q.query(`DROP TRIGGER tg_milestone_service ON milestone`);
    await q.query(`DROP FUNCTION milestone_service_of_onboarding()`);
    await q.query(`ALTER TABLE milestone DROP COLUMN service_id`);
  }
}

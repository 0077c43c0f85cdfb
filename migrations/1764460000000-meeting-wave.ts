import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A meeting of a rollout wave: `meeting.wave_id` (nullable) references `wave(id)`; a wave with
 * meetings cannot be deleted (ON DELETE RESTRICT; the API refuses first, naming the meetings).
 * That the wave's service is among the meeting's services is checked by the API
 * (`meetingWaveServices` in libs/domain/src/meetings.ts), not by the database (the services are a
 * join table).
 */
export class MeetingWave1764460000000 implements MigrationInterface {
  name = 'MeetingWave1764460000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE meeting ADD COLUMN wave_id uuid CONSTRAINT fk_meeting_wave REFERENCES wave(id) ON DELETE RESTRICT`);
    await q.query(`CREATE INDEX ix_meeting_wave ON meeting (wave_id) WHERE wave_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_meeting_wave`);
    await q.query(`ALTER TABLE meeting DROP COLUMN wave_id`);
  }
}

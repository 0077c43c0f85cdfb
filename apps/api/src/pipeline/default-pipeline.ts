import { DEFAULT_MILESTONES, DEFAULT_STAGES } from '@efa/domain';
import type { EntityManager } from 'typeorm';

/**
 * Gives a service the default onboarding pipeline (stages and milestone
 * templates) unless it already has stages. Idempotent; used when a service
 * is created and by the seed.
 */
export async function installDefaultPipeline(em: EntityManager, serviceId: string): Promise<boolean> {
  const [{ n }] = await em.query(`SELECT count(*)::int AS n FROM service_stage WHERE service_id = $1`, [serviceId]);
  if (n > 0) return false;
  for (const s of DEFAULT_STAGES) {
    await em.query(`INSERT INTO service_stage (service_id, key, name_de, name_en, position) VALUES ($1, $2, $3, $4, $5)`, [serviceId, s.key, s.name.de, s.name.en, s.position]);
  }
  for (const m of DEFAULT_MILESTONES) {
    await em.query(`INSERT INTO milestone_template (service_id, key, stage_key, name_de, name_en, required, position) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
      serviceId,
      m.key,
      m.stage,
      m.name.de,
      m.name.en,
      m.required,
      m.position,
    ]);
  }
  return true;
}

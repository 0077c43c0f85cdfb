import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Every row of an entity's table as plain objects keyed by the entity's
 * property names (`stateId`, not `state_id`), read with one raw query. The
 * import reads whole tables into its indexes at the start; TypeORM's entity
 * hydration of tens of thousands of rows is one long synchronous block that
 * would stall other requests, the driver's own row parsing is not. The
 * objects serve where entities are read (CrudService.applyChange, writeMany),
 * as long as the entity has no column transformers.
 */
export async function plainRows<E extends ObjectLiteral>(em: EntityManager, entity: EntityTarget<E>): Promise<E[]> {
  const meta = em.connection.getMetadata(entity);
  const columns = meta.columns.map((c) => `"${c.databaseName}" AS "${c.propertyName}"`).join(', ');
  return em.query(`SELECT ${columns} FROM ${meta.tablePath}`);
}

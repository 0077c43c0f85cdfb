import DataLoader from 'dataloader';
import { In, type DataSource, type EntityTarget, type ObjectLiteral } from 'typeorm';

/**
 * Per-request DataLoaders: every relation in a list is fetched with one
 * `WHERE id IN (...)` query per level instead of one query per row.
 */
export class Loaders {
  private readonly byEntity = new Map<EntityTarget<ObjectLiteral>, DataLoader<string, ObjectLiteral | null>>();

  constructor(private readonly dataSource: DataSource) {}

  byId<E extends ObjectLiteral & { id: string }>(entity: EntityTarget<E>): DataLoader<string, E | null> {
    let loader = this.byEntity.get(entity);
    if (!loader) {
      loader = new DataLoader<string, ObjectLiteral | null>(async (ids) => {
        const rows = await this.dataSource.getRepository(entity).findBy({ id: In([...ids]) } as never);
        const map = new Map(rows.map((r) => [(r as E).id, r]));
        return ids.map((id) => map.get(id) ?? null);
      });
      this.byEntity.set(entity, loader);
    }
    return loader as DataLoader<string, E | null>;
  }
}

export interface RequestContext {
  req?: unknown;
  loaders: Loaders;
  actor: import('./actor.js').Actor;
}

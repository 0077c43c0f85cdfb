import DataLoader from 'dataloader';
import { In, type DataSource, type EntityTarget, type ObjectLiteral } from 'typeorm';

/**
 * Per-request DataLoaders: every relation in a list is fetched with one
 * `WHERE id IN (...)` query per level instead of one query per row.
 */
export class Loaders {
  private readonly byEntity = new Map<EntityTarget<ObjectLiteral>, DataLoader<string, ObjectLiteral | null>>();
  private readonly grouped = new Map<string, DataLoader<string, ObjectLiteral[]>>();

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

  /** Rows whose `column` holds the key, e.g. the milestones of each onboarding: one `WHERE column IN (...)`. */
  manyBy<E extends ObjectLiteral>(entity: EntityTarget<E> & { name: string }, column: keyof E & string, order: Partial<Record<keyof E & string, 'ASC' | 'DESC'>> = {}): DataLoader<string, E[]> {
    const cacheKey = `${entity.name}.${column}`;
    let loader = this.grouped.get(cacheKey);
    if (!loader) {
      loader = new DataLoader<string, ObjectLiteral[]>(async (keys) => {
        const rows = await this.dataSource.getRepository(entity).find({ where: { [column]: In([...keys]) } as never, order: order as never });
        const groups = new Map<string, E[]>(keys.map((k) => [k, []]));
        for (const row of rows) groups.get(row[column] as string)?.push(row);
        return keys.map((k) => groups.get(k) ?? []);
      });
      this.grouped.set(cacheKey, loader);
    }
    return loader as DataLoader<string, E[]>;
  }
}

export interface RequestContext {
  req?: unknown;
  loaders: Loaders;
  actor: import('./actor.js').Actor;
}

import DataLoader from 'dataloader';
import { Kind, type FieldNode, type GraphQLResolveInfo } from 'graphql';
import { In, type DataSource, type EntityTarget, type ObjectLiteral } from 'typeorm';

/**
 * Whether a field's selection asks for nothing but `id` (and `__typename`): react-admin's
 * ra-data-graphql-simple selects every linked record as `{ id }`, whose answer the parent row
 * already holds in its foreign key.
 */
export function selectsOnlyId(info: Pick<GraphQLResolveInfo, 'fieldNodes'>): boolean {
  return info.fieldNodes.every((node: FieldNode) =>
    (node.selectionSet?.selections ?? []).every((s) => s.kind === Kind.FIELD && !s.directives?.length && (s.name.value === 'id' || s.name.value === '__typename')),
  );
}

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

  /**
   * The record a foreign key points to, for a field resolver: `{ id }` alone when the query asks
   * for nothing else of it (no query: the foreign key's constraint guarantees the row exists),
   * else the whole row through the batched `byId` loader. Null for a null key.
   */
  reference<E extends ObjectLiteral & { id: string }>(entity: EntityTarget<E>, id: string | null | undefined, info: Pick<GraphQLResolveInfo, 'fieldNodes'>): Promise<E | null> | E | null {
    if (!id) return null;
    if (selectsOnlyId(info)) return { id } as E;
    return this.byId(entity).load(id);
  }

  /** The state of each authority / onboarding (for the visibility of internal data). */
  readonly authorityState = new DataLoader<string, string | null>(async (ids) => this.statesBy(`SELECT id, state_id FROM authority WHERE id = ANY($1)`, ids));
  readonly onboardingState = new DataLoader<string, string | null>(async (ids) =>
    this.statesBy(`SELECT o.id, a.state_id FROM onboarding o JOIN authority a ON a.id = o.authority_id WHERE o.id = ANY($1)`, ids),
  );

  private async statesBy(sql: string, ids: readonly string[]): Promise<Array<string | null>> {
    const rows: Array<{ id: string; state_id: string }> = await this.dataSource.query(sql, [[...ids]]);
    const map = new Map(rows.map((r) => [r.id, r.state_id]));
    return ids.map((id) => map.get(id) ?? null);
  }

  /** The values of `valueColumn` per key in a join table (e.g. a meeting's state ids): one `WHERE keyColumn = ANY(...)`. */
  linked(table: string, keyColumn: string, valueColumn: string): DataLoader<string, string[]> {
    const cacheKey = `link:${table}.${keyColumn}.${valueColumn}`;
    let loader = this.grouped.get(cacheKey) as unknown as DataLoader<string, string[]> | undefined;
    if (!loader) {
      loader = new DataLoader<string, string[]>(async (keys) => {
        const rows: Array<{ k: string; v: string }> = await this.dataSource.query(`SELECT ${keyColumn} AS k, ${valueColumn} AS v FROM ${table} WHERE ${keyColumn} = ANY($1) ORDER BY ${valueColumn}`, [[...keys]]);
        const groups = new Map<string, string[]>(keys.map((k) => [k, []]));
        for (const r of rows) groups.get(r.k)?.push(r.v);
        return keys.map((k) => groups.get(k) ?? []);
      });
      this.grouped.set(cacheKey, loader as unknown as DataLoader<string, ObjectLiteral[]>);
    }
    return loader;
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
  req: import('express').Request;
  res: import('express').Response;
  loaders: Loaders;
  /** The signed-in user, or null for an anonymous request. */
  principal: import('./actor.js').Actor | null;
  /** The signed-in user (null only in public operations, which AccessGuard alone lets through without one). */
  actor: import('./actor.js').Actor;
  /** The session of the signed-in user, if any. */
  sessionId?: string;
  /** Pages of lists asked for in this request, by resource and arguments (a page and its count share one query: crud.resolver.ts). */
  pages?: Map<string, Promise<unknown[]>>;
}

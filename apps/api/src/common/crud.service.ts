import { BUSINESS_TIME_ZONE, DomainError, ErrorCode, INTERNAL_FIELDS, Role, assertNoIssues, mayWriteInState, type CodedMessage, type FieldIssue, issueAt } from '@efa/domain';
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { AuditService, diffRecords } from '../audit/audit.service.js';
import type { Actor } from './actor.js';
import { DEFAULT_PER_PAGE, MAX_PER_PAGE, type BaseFilter, type ListArgs } from './list.args.js';

/** Today in the business time zone (libs/domain's BUSINESS_TIME_ZONE), for SQL. */
export const SQL_TODAY = `(now() AT TIME ZONE '${BUSINESS_TIME_ZONE}')::date`;

/** Escapes LIKE/ILIKE wildcards in user text. */
export const escapeLike = (q: string) => q.replace(/[\\%_]/g, (c) => `\\${c}`);

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface CrudDefinition<E> {
  entity: new () => E;
  /** Name users and the audit log see, equal to the GraphQL type name. */
  name: string;
  /** Columns the free-text search `q` looks into (ILIKE). */
  searchColumns: string[];
  /** Columns where `q` matches as a prefix (codes, keys). */
  prefixSearchColumns?: string[];
  /** Filter fields compared for equality (a list means IN). Values of uuid columns are checked to be UUIDs. */
  filterColumns: string[];
  /** Columns a list may be sorted by. */
  sortable: string[];
  /**
   * Reference columns sorted by a column of the referenced row instead of its
   * id (whitelist: `authorityId` by `authority.name`), so that a list sorts
   * by what its column shows.
   */
  sortByReference?: Record<string, { table: string; column: string }>;
  defaultSort: string;
  /** Who references this record, so a delete can be refused with a clear reason. */
  referencedBy?: Array<{ table: string; column: string; label: string }>;
  /** The state a record belongs to, for records a state coordinator may change in their own state. */
  stateOf?: (record: E, em: EntityManager) => Promise<string | null>;
  /**
   * SQL condition that a row (alias e) belongs to the state :ownState, for
   * searching and filtering by internal data (INTERNAL_FIELDS, obstacles):
   * for a state coordinator that matches only rows of their own state.
   */
  ownStateSql?: string;
  /** The only fields a state coordinator may change (default: all). */
  coordinatorFields?: readonly string[];
}

type Row = ObjectLiteral & { id: string; version: number };

/**
 * Generic create/read/update/delete of one resource, the react-admin way,
 * with validation by libs/domain, optimistic locking, reference checks and an
 * audit event per write in the same transaction.
 */
@Injectable()
export abstract class CrudService<E extends Row, F extends BaseFilter = BaseFilter> {
  protected abstract readonly def: CrudDefinition<E>;

  constructor(
    protected readonly dataSource: DataSource,
    protected readonly audit: AuditService,
  ) {}

  /** Domain validation of the complete record as it would be after the write. */
  protected abstract validate(record: E, em: EntityManager): Promise<FieldIssue[]>;

  /**
   * Object-level rights: a state coordinator changes only records of their
   * own state (before and after the change), and only the fields the
   * resource allows them. Others passed the operation-level check already.
   */
  protected async authorizeWrite(em: EntityManager, actor: Actor, before: E | null, after: E | null, changed?: string[]): Promise<void> {
    if (actor.role !== Role.STATE_COORDINATOR) return;
    const stateOf = this.def.stateOf;
    if (!stateOf) throw new DomainError(ErrorCode.FORBIDDEN, `A state coordinator may not change ${this.def.name} records`);
    const states: Array<string | null> = [];
    for (const record of [before, after]) if (record) states.push(await stateOf(record, em));
    this.authorizeInStates(actor, states, changed);
  }

  /**
   * The same check with the records' states already known (a batched write read them
   * with the records): throws FORBIDDEN as `authorizeWrite` does.
   */
  authorizeInStates(actor: Actor, states: Array<string | null>, changed?: string[]): void {
    if (actor.role !== Role.STATE_COORDINATOR) return;
    if (!this.def.stateOf) throw new DomainError(ErrorCode.FORBIDDEN, `A state coordinator may not change ${this.def.name} records`);
    for (const state of states) {
      if (!mayWriteInState(actor, state)) {
        throw new DomainError(ErrorCode.FORBIDDEN, `This ${this.def.name} belongs to another state; a state coordinator changes only records of their own state`);
      }
    }
    const allowed = this.def.coordinatorFields;
    const beyond = allowed && changed ? changed.filter((f) => !allowed.includes(f)) : [];
    if (beyond.length) throw new DomainError(ErrorCode.FORBIDDEN, `A state coordinator may change only ${allowed!.join(', ')} here, not ${beyond.join(', ')}`);
  }

  /** Domain reasons why this record may not be deleted (e.g. a rule it would get round); empty = may. */
  protected async deleteRefusals(_existing: E, _em: EntityManager): Promise<CodedMessage[]> {
    return [];
  }

  /** Extra filter conditions beyond the generic ones. */
  protected applyFilter(_qb: SelectQueryBuilder<E>, _filter: F, _actor?: Actor): void {}

  /**
   * SQL condition to AND to a search or filter by internal data, so that it
   * cannot reveal what the actor does not see: for a state coordinator
   * "the row belongs to their state", for everyone else TRUE.
   */
  protected internalsVisibleSql(qb: SelectQueryBuilder<E>, actor?: Actor): string {
    if (actor?.role !== Role.STATE_COORDINATOR) return 'TRUE';
    if (!this.def.ownStateSql || !actor.stateId) return 'FALSE';
    qb.setParameter('ownState', actor.stateId);
    return `(${this.def.ownStateSql})`;
  }

  async findOne(id: string, actor?: Actor): Promise<E> {
    const row = UUID_PATTERN.test(id) ? await this.scoped(this.dataSource.getRepository(this.def.entity).createQueryBuilder('e'), actor).andWhere('e.id = :oneId', { oneId: id }).getOne() : null;
    if (!row) throw DomainError.notFound(this.def.name, id);
    return row;
  }

  /** Limits what an actor may see of this resource at all (e.g. obstacles of other states); default: everything. */
  protected scoped(qb: SelectQueryBuilder<E>, _actor?: Actor): SelectQueryBuilder<E> {
    return qb;
  }

  async list(args: ListArgs, filter?: F | null, actor?: Actor): Promise<E[]> {
    const qb = this.filtered(filter, actor);
    const sortField = args.sortField || this.def.defaultSort;
    if (!this.sortableColumns().includes(sortField)) {
      throw DomainError.validation([issueAt('sortField', 'NOT_SORTABLE', { input: sortField, values: this.sortableColumns().join(', ') })]);
    }
    const order = (args.sortOrder ?? 'ASC').toUpperCase();
    if (order !== 'ASC' && order !== 'DESC') throw DomainError.validation([issueAt('sortOrder', 'NOT_A_SORT_ORDER', { input: String(args.sortOrder) })]);
    // react-admin's getMany (ra-data-graphql-simple) asks for `ids` without a page size: answer all of them.
    const perPage = args.perPage ?? (filter?.ids ? Math.min(Math.max(filter.ids.length, 1), MAX_PER_PAGE) : DEFAULT_PER_PAGE);
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > MAX_PER_PAGE) {
      throw DomainError.validation([issueAt('perPage', 'NOT_BETWEEN', { min: 1, max: MAX_PER_PAGE, value: String(perPage) })]);
    }
    const page = args.page ?? 0;
    if (!Number.isInteger(page) || page < 0) throw DomainError.validation([issueAt('page', 'NOT_ZERO_OR_MORE', { value: String(page) })]);
    return qb
      .orderBy(this.sortExpression(sortField), order, order === 'ASC' ? 'NULLS LAST' : 'NULLS FIRST')
      .addOrderBy('e.id', 'ASC')
      .offset(page * perPage)
      .limit(perPage)
      .getMany();
  }

  /** What a list is ordered by: the column, or for a reference in `sortByReference` the referenced row's column (a correlated subquery on its primary key). */
  private sortExpression(sortField: string): string {
    const ref = this.def.sortByReference?.[sortField];
    if (!ref) return `e.${sortField}`;
    const fk = this.dataSource.getMetadata(this.def.entity).findColumnWithPropertyName(sortField)!.databaseName;
    return `(SELECT sort_ref.${ref.column} FROM ${ref.table} sort_ref WHERE sort_ref.id = e.${fk})`;
  }

  /** The declared sortable columns plus every other plain column of the entity (id included: react-admin's default). */
  private sortableColumns(): string[] {
    const plain = this.dataSource
      .getMetadata(this.def.entity)
      .columns.filter((c) => !c.isArray && c.type !== 'jsonb')
      .map((c) => c.propertyName)
      .filter((name) => name !== 'passwordHash' && name !== 'oidcSubject');
    return [...new Set([...this.def.sortable, ...plain])];
  }

  /**
   * The number of matches when a page of `list(args, filter)` with `rows` rows holds all of them:
   * the first page and not full, or (react-admin's getMany) at least as many rows per page as
   * distinct ids asked for. Undefined when there may be more (then `count` must ask the database).
   */
  countFromPage(args: ListArgs, filter: F | null | undefined, rows: number): number | undefined {
    if ((args.page ?? 0) !== 0) return undefined;
    const perPage = args.perPage ?? (filter?.ids ? Math.min(Math.max(filter.ids.length, 1), MAX_PER_PAGE) : DEFAULT_PER_PAGE);
    if (rows < perPage) return rows;
    if (filter?.ids && new Set(filter.ids).size <= perPage) return rows;
    return undefined;
  }

  async count(filter?: F | null, actor?: Actor): Promise<number> {
    return this.filtered(filter, actor).getCount();
  }

  protected filtered(filter?: F | null, actor?: Actor): SelectQueryBuilder<E> {
    const qb = this.scoped(this.dataSource.getRepository(this.def.entity).createQueryBuilder('e'), actor);
    if (!filter) return qb;
    if (filter.ids) {
      const ids = filter.ids.filter((id) => UUID_PATTERN.test(id));
      qb.andWhere(ids.length ? 'e.id IN (:...ids)' : 'false', { ids });
    }
    const q = filter.q?.trim();
    if (q) {
      const like = `%${escapeLike(q)}%`;
      const prefix = `${escapeLike(q)}%`;
      const internal = INTERNAL_FIELDS[this.def.name] ?? [];
      const parts = [
        ...this.def.searchColumns.map((c) => (internal.includes(c) ? `(e.${c} ILIKE :like AND ${this.internalsVisibleSql(qb, actor)})` : `e.${c} ILIKE :like`)),
        ...(this.def.prefixSearchColumns ?? []).map((c) => `e.${c} ILIKE :prefix`),
      ];
      if (parts.length) qb.andWhere(`(${parts.join(' OR ')})`, { like, prefix });
    }
    for (const column of this.def.filterColumns) {
      const value = (filter as Record<string, unknown>)[column];
      if (value === undefined || value === null) continue;
      const values = Array.isArray(value) ? value : [value];
      if (this.dataSource.getMetadata(this.def.entity).findColumnWithPropertyName(column)?.type === 'uuid') {
        const bad = values.filter((v) => typeof v !== 'string' || !UUID_PATTERN.test(v));
        if (bad.length) throw DomainError.validation([issueAt(`filter.${column}`, 'NOT_AN_ID', { value: bad.map(String).join(', ') })]);
      }
      const param = `f_${column}`;
      qb.andWhere(Array.isArray(value) ? `e.${column} IN (:...${param})` : `e.${column} = :${param}`, { [param]: value });
    }
    this.applyFilter(qb, filter, actor);
    return qb;
  }

  async create(input: Partial<E>, actor: Actor): Promise<E> {
    return this.dataSource.transaction((em) => this.insert(em, input, actor));
  }

  /** Validates and inserts a record inside the caller's transaction, with its audit event. */
  async insert(em: EntityManager, input: Partial<E>, actor: Actor): Promise<E> {
    const record = em.create(this.def.entity, stripUndefined(input) as E);
    await this.authorizeWrite(em, actor, null, record);
    assertNoIssues(await this.validate(record, em));
    const result = await em.insert(this.def.entity, record as never);
    const id = (result.identifiers[0] as { id: string }).id;
    const saved = await em.findOneByOrFail(this.def.entity, { id } as never);
    await this.audit.record(em, { actor: actor.id, entityType: this.def.name, entityId: id, action: 'CREATE', changes: diffRecords(null, saved) });
    return saved;
  }

  async update(id: string, version: number, patch: Partial<E>, actor: Actor): Promise<E> {
    return this.dataSource.transaction(async (em) => {
      const existing = await this.loadForWrite(em, id, version, actor);
      return this.applyChange(em, existing, patch, actor, 'UPDATE');
    });
  }

  /**
   * Loads a record inside a write transaction, refusing an unknown id, (when
   * an actor is given) a record the actor may not change (before any business
   * rule is looked at, and even if the change would change nothing), and
   * (when given) a stale version.
   */
  async loadForWrite(em: EntityManager, id: string, version?: number | null, actor?: Actor): Promise<E> {
    const existing = UUID_PATTERN.test(id) ? await em.findOneBy(this.def.entity, { id } as never) : null;
    if (!existing) throw DomainError.notFound(this.def.name, id);
    if (actor) await this.authorizeWrite(em, actor, existing, null);
    if (version !== undefined && version !== null && existing.version !== version) throw DomainError.conflict(this.def.name, id, version, existing.version);
    return existing;
  }

  /**
   * Writes a change to a loaded record: validates the result, updates only if
   * the version is still the loaded one (else CONFLICT), and records an audit
   * event with the field-level changes. A change that changes nothing writes nothing.
   */
  async applyChange(em: EntityManager, existing: E, patch: Partial<E>, actor: Actor, action: string, comment?: string | null): Promise<E> {
    const changes = stripUndefined(patch);
    const merged = em.merge(this.def.entity, em.create(this.def.entity, { ...existing }), changes as never);
    const diff = diffRecords(existing, merged);
    if (Object.keys(diff).length === 0) return existing;
    await this.authorizeWrite(em, actor, existing, merged, Object.keys(diff));
    assertNoIssues(await this.validate(merged, em));
    const result = await em
      .createQueryBuilder()
      .update(this.def.entity)
      .set(changes as never)
      .where('id = :id AND version = :version', { id: existing.id, version: existing.version })
      .execute();
    if (result.affected === 0) throw DomainError.conflict(this.def.name, existing.id, existing.version);
    const saved = await em.findOneByOrFail(this.def.entity, { id: existing.id } as never);
    await this.audit.record(em, { actor: actor.id, entityType: this.def.name, entityId: existing.id, action, changes: diff, comment: comment?.trim() || null });
    return saved;
  }

  /**
   * Writes many records at once inside the caller's transaction (the spreadsheet import's
   * apply): one multi-row INSERT of the new records (ids given or generated here), one
   * `UPDATE … FROM jsonb_to_recordset` of the changed ones — each only if its version is still
   * the loaded one, else CONFLICT (the caller rolls the batch back: the import writes each batch
   * under a savepoint) — and one multi-row INSERT
   * of their audit events (field-level changes as `insert`/`applyChange` record them). The
   * object-level rights (`authorizeWrite`) are checked here; the domain validation is the
   * caller's: it must have checked every record with the same rules as `validate`, in memory
   * (that is what makes the batch fast). Constraint violations still stop the statement.
   * Answers the ids of the created records, in order.
   */
  async writeMany(em: EntityManager, changes: { creates: Array<Partial<E>>; updates: Array<{ existing: E; patch: Partial<E> }> }, actor: Actor): Promise<string[]> {
    const meta = em.connection.getMetadata(this.def.entity);
    const table = meta.tablePath;
    const column = (property: string) => {
      const c = meta.findColumnWithPropertyName(property);
      if (!c) throw new Error(`${this.def.name} has no column ${property}`);
      return c.databaseName;
    };
    const events: Array<{ actor: string; entityType: string; entityId: string; action: string; changes: ReturnType<typeof diffRecords> }> = [];
    const created = changes.creates.map((c) => ({ ...stripUndefined(c), id: (c as { id?: string }).id ?? randomUUID() }) as Partial<E> & { id: string });
    for (const record of created) await this.authorizeWrite(em, actor, null, record as E);
    for (const u of changes.updates) await this.authorizeWrite(em, actor, u.existing, { ...u.existing, ...stripUndefined(u.patch) }, Object.keys(stripUndefined(u.patch)));
    if (created.length) {
      const properties = [...new Set(created.flatMap((r) => Object.keys(r)))];
      const columns = properties.map(column).join(', ');
      const rows = created.map((r) => Object.fromEntries(properties.map((p) => [column(p), (r as Record<string, unknown>)[p] ?? null])));
      await em.query(`INSERT INTO ${table} (${columns}) SELECT ${columns} FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)`, [JSON.stringify(rows)]);
      for (const r of created) events.push({ actor: actor.id, entityType: this.def.name, entityId: r.id, action: 'CREATE', changes: diffRecords(null, r) });
    }
    const updates = changes.updates.map((u) => ({ ...u, patch: stripUndefined(u.patch) })).filter((u) => Object.keys(u.patch).length);
    if (updates.length) {
      const items = updates.map((u) => ({ id: u.existing.id, version: u.existing.version, patch: Object.fromEntries(Object.entries(u.patch).map(([p, v]) => [column(p), v])) }));
      const columns = [...new Set(items.flatMap((i) => Object.keys(i.patch)))].join(', ');
      const [{ n }] = await em.query(
        `WITH changed AS (
           UPDATE ${table} t SET (${columns}) = (SELECT ${columns} FROM jsonb_populate_record(t, v.patch)), version = t.version + 1, updated_at = now()
             FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, version int, patch jsonb)
            WHERE t.id = v.id AND t.version = v.version
           RETURNING t.id)
         SELECT count(*)::int AS n FROM changed`,
        [JSON.stringify(items)],
      );
      if (n !== items.length) throw new DomainError(ErrorCode.CONFLICT, `${items.length - n} of ${items.length} ${this.def.name} records were changed by someone else meanwhile; nothing of this batch was written`);
      for (const u of updates) events.push({ actor: actor.id, entityType: this.def.name, entityId: u.existing.id, action: 'UPDATE', changes: diffRecords(u.existing, { ...u.existing, ...u.patch }) });
    }
    await this.audit.recordMany(em, events);
    return created.map((r) => r.id);
  }

  async delete(id: string, version: number | null | undefined, actor: Actor): Promise<E> {
    return this.dataSource.transaction(async (em) => {
      const existing = await this.loadForWrite(em, id, version, actor);
      DomainError.refuseIf(await this.deleteRefusals(existing, em));
      const refs: string[] = [];
      for (const ref of this.def.referencedBy ?? []) {
        const [{ n }] = await em.query(`SELECT count(*)::int AS n FROM ${ref.table} WHERE ${ref.column} = $1`, [id]);
        if (n > 0) refs.push(`${n} ${ref.label}`);
      }
      if (refs.length) {
        throw new DomainError(ErrorCode.REFERENCED, `${this.def.name} ${describe(existing)} is still referenced by ${refs.join(' and ')}; remove or reassign them first`, {
          details: { entity: this.def.name, id },
        });
      }
      await em.delete(this.def.entity, { id } as never);
      await this.audit.record(em, { actor: actor.id, entityType: this.def.name, entityId: id, action: 'DELETE', changes: diffRecords(existing, null) });
      return existing;
    });
  }
}

function describe(row: ObjectLiteral): string {
  return String(row.name ?? row.code ?? row.product ?? row.id);
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

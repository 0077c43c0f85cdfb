import { Injectable } from '@nestjs/common';
import { Args, Context, Field, GraphQLISODateTime, ID, Int, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { DomainError, NO_STATE_ID, Role, issueAt, type FieldIssue } from '@efa/domain';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { UUID_PATTERN } from '../common/crud.service.js';
import type { RequestContext } from '../common/loaders.js';

/** Cards per column when the client does not say (the console's first page of a column). */
export const BOARD_PER_STAGE_DEFAULT = 50;
/** At most this many cards per column in one answer. */
export const BOARD_PER_STAGE_MAX = 500;

@ObjectType({ description: 'One card of the stage board: exactly what the console shows of an active or paused onboarding.' })
export class StageBoardCard {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  version: number;

  @Field(() => String)
  stage: string;

  @Field(() => GraphQLISODateTime)
  stageEnteredAt: Date;

  @Field(() => String)
  status: string;

  @Field(() => String, { nullable: true, description: 'Why it is paused; null for a state coordinator on other states\' onboardings (internal).' })
  statusReason: string | null;

  @Field(() => ID)
  authorityId: string;

  @Field(() => String)
  authorityName: string;

  @Field(() => String, { nullable: true })
  stateCode: string | null;

  @Field(() => String, { nullable: true, description: 'Vendor and product of the authority\'s specialist system.' })
  specialistSystem: string | null;

  @Field(() => [String], { description: 'Titles of its open BLOCKING obstacles, newest first; empty for a state coordinator on other states\' onboardings (obstacles are internal).' })
  blockingTitles: string[];
}

@ObjectType({ description: 'One column of the stage board: how many cards the stage has, and one page of them (sorted by authority name).' })
export class StageBoardColumn {
  @Field(() => String)
  stage: string;

  @Field(() => Int, { description: 'All cards of this stage under the board\'s filter.' })
  total: number;

  @Field(() => [StageBoardCard])
  cards: StageBoardCard[];
}

@ObjectType({ description: 'The stage board of one service: a column per stage of its pipeline (in pipeline order), each with its count and a page of cards.' })
export class StageBoard {
  @Field(() => Int, { description: 'All cards under the filter, over all columns.' })
  total: number;

  @Field(() => [StageBoardColumn])
  columns: StageBoardColumn[];
}

export interface StageBoardQuery {
  serviceId: string;
  stateId?: string | null;
  waveId?: string | null;
  stages?: string[] | null;
  perStage?: number | null;
  offset?: number | null;
}

interface ColumnRow {
  stage: string;
  total: number;
  cards: (Omit<StageBoardCard, 'stageEnteredAt'> & { stageEnteredAt: string })[];
}

/** Cards the walks of one board may be planned for in all (offset + perStage per column): keeps the estimate below jit_above_cost. */
const WALK_BUDGET = 6000;
/** A state with at most this many authorities has its thin columns read from its authorities (a probe each), a larger one from the columns' onboardings. */
const SMALL_STATE = 1000;
/** Columns assumed when the board is not restricted to some (the pipelines have 6). */
const MAX_COLUMNS = 10;

/** The filter of one stage board, validated (ids are UUIDs, perStage and offset in range). */
export interface StageBoardFilter {
  serviceId: string;
  stateId: string | null;
  waveId: string | null;
  stages: string[] | null;
  perStage: number;
  offset: number;
  /** The only state whose internals (obstacles, pause reasons) the reader sees; null: all. */
  internalState: string | null;
}

/**
 * The stage board in one SQL statement, its text built for the filters present (a state, a wave,
 * stages), so that each filter is a plain condition or semi-join the planner can start from, rather
 * than an `$n IS NULL OR ...` it cannot. Its cost follows the cards shown, not the service's
 * onboardings (plans in docs/explain/stage-board.md):
 * - `cnt`: per stage the count of ACTIVE/ON_HOLD onboardings under the filter, index-only from
 *   `ix_onboarding_board` (service, authority): the service's range, or one probe per authority of
 *   the state;
 * - per column one page sorted by authority name (then onboarding id), read one of two ways, chosen
 *   per column from its count (`walk`):
 *   a well-filled column *walks* the authorities of the scope in name order (`ix_authority_name`, or
 *   `ix_authority_state_name` for a state) and probes `ix_onboarding_board` for each until
 *   offset + perStage cards are found, about (offset + perStage) * scope / count probes (the
 *   `OFFSET 0` keeps the probe a parameterised nested loop, so the name order carries through to the
 *   LIMIT); the thin columns are read together once (`thin`: their onboardings joined with their
 *   authorities, about as many rows as they hold; a state of up to SMALL_STATE authorities by a probe
 *   per authority, a larger one by its authorities hashed against the columns' onboardings) and each
 *   sorted for its page. The walk is taken
 *   when count^2 >= (offset + perStage) * authorities in scope, where the two cost about the same
 *   (nationally the authorities as the statistics have them, `pg_class.reltuples`, an exact count
 *   only when never analysed: the gate needs no more, and a count would read 11,000 index entries).
 *   The gates are one-time filters, so a column runs one way only. The planner costs both ways of
 *   every column all the same, the walk at about 4.5 per card up to offset + perStage; so that the
 *   estimate stays well below `jit_above_cost` (100,000: JIT compilation would cost 100 ms and more
 *   per statement), the walk is left out when (offset + perStage) * columns exceeds WALK_BUDGET
 *   (the console's board, 50 a column, and its "more" of one column are far within it).
 * - the card fields (onboarding row, state, system, open blocking obstacles) for the page's rows
 *   only, as JSON built by PostgreSQL, so the API hydrates no entities and runs no field resolvers.
 * Obstacles and the pause reason are internal: a state coordinator gets them for their own state only.
 */
export function stageBoardStatement(
  f: StageBoardFilter,
  /** The thresholds (tests set them to take the other ways on small data). */
  tuning: { walkBudget: number; smallState: number } = { walkBudget: WALK_BUDGET, smallState: SMALL_STATE },
): { sql: string; params: unknown[] } {
  const walks = (f.offset + f.perStage) * (f.stages?.length ?? MAX_COLUMNS) <= tuning.walkBudget;
  const params: unknown[] = [];
  const p = (value: unknown, type: string) => {
    params.push(value);
    return `$${params.length}::${type}`;
  };
  const service = p(f.serviceId, 'uuid');
  const offset = p(f.offset, 'bigint');
  const perStage = p(f.perStage, 'int');
  const internal = p(f.internalState, 'uuid');
  const state = f.stateId ? p(f.stateId, 'uuid') : null;
  const wave = f.waveId ? p(f.waveId, 'uuid') : null;
  const stages = f.stages ? p(f.stages, 'text[]') : null;
  const inState = (a: string) => (state ? ` AND ${a}.state_id = ${state}` : '');
  const inWave = (o: string) => (wave ? ` AND ${o}.wave_id = ${wave}` : '');
  const sql = `WITH cnt AS (
  SELECT o.stage, count(*)::int AS total
  FROM onboarding o
  WHERE o.service_id = ${service} AND o.status IN ('ACTIVE', 'ON_HOLD')${state ? ` AND o.authority_id IN (SELECT a.id FROM authority a WHERE a.state_id = ${state})` : ''}${inWave('o')}${stages ? ` AND o.stage = ANY(${stages})` : ''}
  GROUP BY o.stage
),
scope AS (${
    state
      ? `
  SELECT count(*) AS n FROM authority a WHERE a.state_id = ${state}`
      : `
  SELECT CASE WHEN c.reltuples > 0 THEN c.reltuples::bigint ELSE (SELECT count(*) FROM authority) END AS n FROM pg_class c WHERE c.oid = 'authority'::regclass`
  }
),
col AS (
  SELECT st.key AS stage, st.position, coalesce(cnt.total, 0) AS total,
         ${walks ? `coalesce(cnt.total, 0)::bigint * coalesce(cnt.total, 0) >= (${offset} + ${perStage}) * (SELECT n FROM scope)` : 'false'} AS walk
  FROM service_stage st LEFT JOIN cnt ON cnt.stage = st.key
  WHERE st.service_id = ${service}${stages ? ` AND st.key = ANY(${stages})` : ''}
),
thin AS MATERIALIZED (
  SELECT o.id, o.stage, a.id AS authority_id, a.name, a.state_id, a.specialist_system_id
  FROM onboarding o JOIN authority a ON a.id = o.authority_id
  WHERE o.service_id = ${service} AND o.status IN ('ACTIVE', 'ON_HOLD')${inWave('o')}
    AND o.stage = ANY (ARRAY(SELECT col.stage FROM col WHERE col.total > ${offset} AND NOT col.walk))${
      state
        ? ` AND a.state_id = ${state} AND (SELECT n FROM scope) > ${tuning.smallState}
  UNION ALL
  SELECT o.id, o.stage, a.id, a.name, a.state_id, a.specialist_system_id
  FROM authority a
  CROSS JOIN LATERAL (
    SELECT o.id, o.stage FROM onboarding o
    WHERE o.service_id = ${service} AND o.authority_id = a.id AND o.status IN ('ACTIVE', 'ON_HOLD')${inWave('o')}
      AND o.stage = ANY (ARRAY(SELECT col.stage FROM col WHERE col.total > ${offset} AND NOT col.walk))
    OFFSET 0) o
  WHERE a.state_id = ${state} AND (SELECT n FROM scope) <= ${tuning.smallState}`
        : ''
    }
)
SELECT col.stage, col.total, coalesce(page.cards, '[]'::json) AS cards
FROM col
LEFT JOIN LATERAL (
  SELECT json_agg(json_build_object(
           'id', o.id, 'version', o.version, 'stage', o.stage, 'stageEnteredAt', o.stage_entered_at, 'status', o.status,
           'statusReason', CASE WHEN c.internal THEN o.status_reason END,
           'authorityId', c.authority_id, 'authorityName', c.name, 'stateCode', s.code,
           'specialistSystem', CASE WHEN ss.vendor IS NULL THEN NULL ELSE concat_ws(' ', ss.vendor, ss.product) END,
           'blockingTitles', CASE WHEN c.internal THEN coalesce((
               SELECT json_agg(bl.title ORDER BY bl.opened_at DESC, bl.id) FROM blocker bl
               WHERE bl.onboarding_id = o.id AND bl.severity = 'BLOCKING' AND bl.resolved_at IS NULL), '[]'::json)
             ELSE '[]'::json END
         ) ORDER BY c.name, c.id) AS cards
  FROM (
    SELECT w.*, (${internal} IS NULL OR w.state_id = ${internal}) AS internal
    FROM (
${walks ? `      (SELECT o.id, a.id AS authority_id, a.name, a.state_id, a.specialist_system_id
       FROM authority a
       CROSS JOIN LATERAL (
         SELECT o.id FROM onboarding o
         WHERE o.service_id = ${service} AND o.authority_id = a.id AND o.stage = col.stage AND o.status IN ('ACTIVE', 'ON_HOLD')${inWave('o')}
         OFFSET 0) o
       WHERE col.total > ${offset} AND col.walk${inState('a')}
       ORDER BY a.name, o.id OFFSET ${offset} LIMIT ${perStage})
      UNION ALL
` : ''}      (SELECT t.id, t.authority_id, t.name, t.state_id, t.specialist_system_id
       FROM thin t
       WHERE col.total > ${offset} AND NOT col.walk AND t.stage = col.stage
       ORDER BY t.name, t.id OFFSET ${offset} LIMIT ${perStage})
    ) w
  ) c
  JOIN onboarding o ON o.id = c.id
  LEFT JOIN state s ON s.id = c.state_id
  LEFT JOIN specialist_system ss ON ss.id = c.specialist_system_id
) page ON true
ORDER BY col.position`;
  return { sql, params };
}

@Injectable()
export class StageBoardService {
  constructor(private readonly dataSource: DataSource) {}

  async board(actor: Actor, q: StageBoardQuery): Promise<StageBoard> {
    const issues: FieldIssue[] = [];
    const id = (field: string, value: string | null | undefined) => {
      if (value !== undefined && value !== null && !UUID_PATTERN.test(value)) issues.push(issueAt(field, 'NOT_AN_ID', { value }));
    };
    id('serviceId', q.serviceId);
    id('stateId', q.stateId);
    id('waveId', q.waveId);
    if (issues.length) throw DomainError.validation(issues);
    const perStage = Math.min(Math.max(q.perStage ?? BOARD_PER_STAGE_DEFAULT, 1), BOARD_PER_STAGE_MAX);
    const offset = Math.max(q.offset ?? 0, 0);
    // null: sees every state's internals; otherwise the only state whose internals the actor sees.
    const internalState = actor.role === Role.STATE_COORDINATOR ? (actor.stateId ?? NO_STATE_ID) : null;
    const { sql, params } = stageBoardStatement({
      serviceId: q.serviceId,
      stateId: q.stateId ?? null,
      waveId: q.waveId ?? null,
      stages: q.stages?.length ? q.stages : null,
      perStage,
      offset,
      internalState,
    });
    const rows: ColumnRow[] = await this.dataSource.query(sql, params);
    let total = 0;
    const columns = rows.map((r) => {
      total += r.total;
      return { stage: r.stage, total: r.total, cards: r.cards.map((c) => ({ ...c, stageEnteredAt: new Date(c.stageEnteredAt) })) };
    });
    return { total, columns };
  }
}

@Resolver(() => StageBoard)
export class StageBoardResolver {
  constructor(private readonly boards: StageBoardService) {}

  @Query(() => StageBoard, {
    description:
      'The stage board of a service: active and paused onboardings per stage, optionally of one state and one wave; per column the count and a page of perStage cards from offset (sorted by authority name). stages restricts the columns (e.g. to load more of one).',
  })
  stageBoard(
    @Context() ctx: RequestContext,
    @Args('serviceId', { type: () => ID }) serviceId: string,
    @Args('stateId', { type: () => ID, nullable: true }) stateId?: string | null,
    @Args('waveId', { type: () => ID, nullable: true }) waveId?: string | null,
    @Args('stages', { type: () => [String], nullable: true }) stages?: string[] | null,
    @Args('perStage', { type: () => Int, defaultValue: BOARD_PER_STAGE_DEFAULT }) perStage?: number,
    @Args('offset', { type: () => Int, defaultValue: 0 }) offset?: number,
  ) {
    return this.boards.board(ctx.actor, { serviceId, stateId, waveId, stages, perStage, offset });
  }
}

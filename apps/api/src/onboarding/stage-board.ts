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

/**
 * The stage board in one SQL statement (parameters: $1 service, $2 state or null, $3 wave or null,
 * $4 stage keys or null, $5 offset, $6 cards per column, $7 the only state whose internals the
 * reader sees, or null for all). Its cost follows the cards shown, not the service's onboardings
 * (plans in docs/explain/stage-board.md):
 * - `cnt`: per stage the count of ACTIVE/ON_HOLD onboardings under the filter, an index-only scan
 *   of the service's range of `ix_onboarding_board` (the state as a hashed set of its authorities
 *   from `ix_authority_state_name`);
 * - per column one page sorted by authority name (then onboarding id), by whichever of two ways
 *   reads less, decided per column on its count (a one-time filter, so only one runs):
 *   the *walk* goes through the authorities of the scope in name order (`ix_authority_name`, or
 *   `ix_authority_state_name` for a state) and probes `ix_onboarding_board` (service, stage,
 *   authority) for each until offset + perStage cards are found: about
 *   (offset + perStage) * scope / count probes, good for a well-filled column; the *sort* reads the
 *   column's onboardings from `ix_onboarding_board`, joins their authorities and keeps the top
 *   offset + perStage: about count rows, good for a thin column (a wave, a small stage). The walk is
 *   taken when count^2 >= (offset + perStage) * authorities in scope, where both cost about the same.
 *   (The walk's `OFFSET 0` keeps the probe a parameterised nested loop, so the name order of the
 *   index carries through to the LIMIT.)
 * - the card fields (onboarding row, state, system, open blocking obstacles) for the page's rows
 *   only, as JSON built by PostgreSQL, so the API hydrates no entities and runs no field resolvers.
 * Obstacles and the pause reason are internal: a state coordinator gets them for their own state only.
 */
export const STAGE_BOARD_SQL = `WITH cnt AS (
  SELECT o.stage, count(*)::int AS total
  FROM onboarding o
  WHERE o.service_id = $1 AND o.status IN ('ACTIVE', 'ON_HOLD')
    AND ($2::uuid IS NULL OR o.authority_id IN (SELECT a.id FROM authority a WHERE a.state_id = $2::uuid))
    AND ($3::uuid IS NULL OR o.wave_id = $3::uuid)
    AND ($4::text[] IS NULL OR o.stage = ANY($4::text[]))
  GROUP BY o.stage
),
col AS (
  SELECT st.key AS stage, st.position, coalesce(cnt.total, 0) AS total
  FROM service_stage st LEFT JOIN cnt ON cnt.stage = st.key
  WHERE st.service_id = $1 AND ($4::text[] IS NULL OR st.key = ANY($4::text[]))
),
scope AS (
  SELECT count(*)::bigint AS n FROM authority a WHERE $2::uuid IS NULL OR a.state_id = $2::uuid
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
    SELECT w.*, ($7::uuid IS NULL OR w.state_id = $7::uuid) AS internal
    FROM (
      (SELECT o.id, a.id AS authority_id, a.name, a.state_id, a.specialist_system_id
       FROM authority a
       CROSS JOIN LATERAL (
         SELECT o.id FROM onboarding o
         WHERE o.service_id = $1 AND o.stage = col.stage AND o.authority_id = a.id AND o.status IN ('ACTIVE', 'ON_HOLD')
           AND ($3::uuid IS NULL OR o.wave_id = $3::uuid)
         OFFSET 0) o
       WHERE ($2::uuid IS NULL OR a.state_id = $2::uuid)
         AND col.total > $5::bigint AND col.total::bigint * col.total >= ($5::bigint + $6::int) * (SELECT n FROM scope)
       ORDER BY a.name, o.id OFFSET $5::bigint LIMIT $6::int)
      UNION ALL
      (SELECT o.id, a.id, a.name, a.state_id, a.specialist_system_id
       FROM onboarding o JOIN authority a ON a.id = o.authority_id
       WHERE o.service_id = $1 AND o.stage = col.stage AND o.status IN ('ACTIVE', 'ON_HOLD')
         AND ($2::uuid IS NULL OR a.state_id = $2::uuid)
         AND ($3::uuid IS NULL OR o.wave_id = $3::uuid)
         AND col.total > $5::bigint AND col.total::bigint * col.total < ($5::bigint + $6::int) * (SELECT n FROM scope)
       ORDER BY a.name, o.id OFFSET $5::bigint LIMIT $6::int)
    ) w
  ) c
  JOIN onboarding o ON o.id = c.id
  LEFT JOIN state s ON s.id = c.state_id
  LEFT JOIN specialist_system ss ON ss.id = c.specialist_system_id
) page ON true
ORDER BY col.position`;

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
    const rows: ColumnRow[] = await this.dataSource.query(STAGE_BOARD_SQL, [
      q.serviceId,
      q.stateId ?? null,
      q.waveId ?? null,
      q.stages?.length ? q.stages : null,
      offset,
      perStage,
      internalState,
    ]);
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

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
  position: number;
  total: number;
  cards: (Omit<StageBoardCard, 'stageEnteredAt'> & { stageEnteredAt: string })[];
}

/**
 * The stage board in one SQL statement: the service's stages, per stage the count of
 * ACTIVE/ON_HOLD onboardings under the filter and one page of cards (row_number per stage),
 * the card fields joined in (authority, state, system, open blocking obstacles of the page only),
 * as JSON built by PostgreSQL, so the API hydrates no entities and runs no field resolvers.
 * Obstacles and the pause reason are internal: a state coordinator gets them for their own state only.
 */
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
    const rows: ColumnRow[] = await this.dataSource.query(
      `WITH b AS (
         SELECT o.id, o.version, o.stage, o.stage_entered_at, o.status, o.status_reason, o.authority_id, a.name AS authority_name,
                a.state_id, s.code AS state_code, ss.vendor, ss.product,
                row_number() OVER (PARTITION BY o.stage ORDER BY a.name, o.id) AS rn
         FROM onboarding o
         JOIN authority a ON a.id = o.authority_id
         LEFT JOIN state s ON s.id = a.state_id
         LEFT JOIN specialist_system ss ON ss.id = a.specialist_system_id
         WHERE o.service_id = $1 AND o.status IN ('ACTIVE', 'ON_HOLD')
           AND ($2::uuid IS NULL OR a.state_id = $2::uuid)
           AND ($3::uuid IS NULL OR o.wave_id = $3::uuid)
           AND ($4::text[] IS NULL OR o.stage = ANY($4::text[]))
       ),
       p AS (
         SELECT b.*, ($7::uuid IS NULL OR b.state_id = $7::uuid) AS internal FROM b WHERE b.rn > $5 AND b.rn <= $5 + $6
       )
       SELECT st.key AS stage, st.position,
              (SELECT count(*)::int FROM b WHERE b.stage = st.key) AS total,
              coalesce((
                SELECT json_agg(json_build_object(
                         'id', p.id, 'version', p.version, 'stage', p.stage, 'stageEnteredAt', p.stage_entered_at, 'status', p.status,
                         'statusReason', CASE WHEN p.internal THEN p.status_reason END,
                         'authorityId', p.authority_id, 'authorityName', p.authority_name, 'stateCode', p.state_code,
                         'specialistSystem', CASE WHEN p.vendor IS NULL THEN NULL ELSE concat_ws(' ', p.vendor, p.product) END,
                         'blockingTitles', CASE WHEN p.internal THEN coalesce((
                             SELECT json_agg(bl.title ORDER BY bl.opened_at DESC, bl.id) FROM blocker bl
                             WHERE bl.onboarding_id = p.id AND bl.severity = 'BLOCKING' AND bl.resolved_at IS NULL), '[]'::json)
                           ELSE '[]'::json END
                       ) ORDER BY p.rn)
                FROM p WHERE p.stage = st.key), '[]'::json) AS cards
       FROM service_stage st
       WHERE st.service_id = $1 AND ($4::text[] IS NULL OR st.key = ANY($4::text[]))
       ORDER BY st.position`,
      [q.serviceId, q.stateId ?? null, q.waveId ?? null, q.stages?.length ? q.stages : null, offset, perStage, internalState],
    );
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

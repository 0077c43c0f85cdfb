import { parse, type DocumentNode } from 'graphql';
import type { DataProvider } from 'react-admin';
import { refusalOf, type Refusal } from '../common/apiErrors';
import type { SessionDataProvider } from '../dataProvider';

/**
 * The stage board's domain mutations as custom data provider methods
 * (react-admin's `useDataProvider()` calls them like getList, and its
 * checkError sees their errors). They go through the session's Apollo
 * client of ra-data-graphql-simple (SessionDataProvider.client), so no
 * second transport exists. A move is one mutation: advanceOnboarding,
 * moveOnboardingBack, or advanceOnboardings for a wave.
 */

/** The fields of a moved onboarding the board updates its card with. */
export interface MovedOnboarding {
  id: string;
  version: number;
  stage: string;
  stageEnteredAt: string;
  status: string;
}

/** What happened to one onboarding of a wave (GraphQL BulkMoveResult). */
export interface WaveResult {
  id: string;
  moved: boolean;
  code: string | null;
  reasons: string[];
  /** The same reasons, coded (translate them with localizeCoded). */
  refusals: { code: string; message: string; params: Record<string, unknown> }[];
  onboarding: MovedOnboarding | null;
}

/** One card of the board (GraphQL StageBoardCard): exactly the fields a card shows. */
export interface BoardCardRecord {
  id: string;
  version: number;
  stage: string;
  stageEnteredAt: string;
  status: string;
  statusReason: string | null;
  authorityId: string;
  authorityName: string;
  stateCode: string | null;
  specialistSystem: string | null;
  /** Titles of the open BLOCKING obstacles (empty where the user may not see obstacles). */
  blockingTitles: string[];
}

/** One column: the stage's count and one page of its cards (sorted by authority name). */
export interface BoardColumn {
  stage: string;
  total: number;
  cards: BoardCardRecord[];
}

export interface StageBoardParams {
  serviceId: string;
  stateId?: string;
  waveId?: string;
  /** Only these columns (load more of one). */
  stages?: string[];
  perStage?: number;
  offset?: number;
}

export interface BoardMethods {
  /** The board of a service in one request: per stage its count and up to perStage cards from offset. */
  stageBoard(params: StageBoardParams): Promise<{ data: { total: number; columns: BoardColumn[] } }>;
  advanceOnboarding(params: { id: string; version: number; toStage?: string; comment?: string }): Promise<{ data: MovedOnboarding }>;
  moveOnboardingBack(params: { id: string; version: number; toStage: string; reason: string }): Promise<{ data: MovedOnboarding }>;
  advanceOnboardings(params: { ids: string[]; toStage?: string; comment?: string }): Promise<{ data: WaveResult[] }>;
}

export type BoardDataProvider = DataProvider & BoardMethods;

/** The part of Apollo's client used here. */

const MOVED_FIELDS = 'id version stage stageEnteredAt status';

const STAGE_BOARD = parse(`query stageBoard($serviceId: ID!, $stateId: ID, $waveId: ID, $stages: [String!], $perStage: Int! = 50, $offset: Int! = 0) {
  data: stageBoard(serviceId: $serviceId, stateId: $stateId, waveId: $waveId, stages: $stages, perStage: $perStage, offset: $offset) {
    total columns { stage total cards { id version stage stageEnteredAt status statusReason authorityId authorityName stateCode specialistSystem blockingTitles } }
  }
}`);

const ADVANCE = parse(`mutation advanceOnboarding($id: ID!, $version: Int!, $toStage: String, $comment: String) {
  data: advanceOnboarding(id: $id, version: $version, toStage: $toStage, comment: $comment) { ${MOVED_FIELDS} }
}`);

const MOVE_BACK = parse(`mutation moveOnboardingBack($id: ID!, $version: Int!, $toStage: String!, $reason: String!) {
  data: moveOnboardingBack(id: $id, version: $version, toStage: $toStage, reason: $reason) { ${MOVED_FIELDS} }
}`);

const ADVANCE_WAVE = parse(`mutation advanceOnboardings($ids: [ID!]!, $toStage: String, $comment: String) {
  data: advanceOnboardings(ids: $ids, toStage: $toStage, comment: $comment) { id moved code reasons refusals { code message params } onboarding { ${MOVED_FIELDS} } }
}`);

/** Adds the board's methods to the session data provider (<Admin dataProvider={withBoardMethods(...)}>). */
export function withBoardMethods<T extends SessionDataProvider>(dataProvider: T): T & BoardMethods {
  const run = async <R,>(mutation: DocumentNode, variables: Record<string, unknown>): Promise<{ data: R }> => ({
    data: (await dataProvider.mutate<{ data: R }>(mutation, variables)).data,
  });
  return {
    ...dataProvider,
    stageBoard: async ({ serviceId, stateId, waveId, stages, perStage, offset }) => ({
      data: (await dataProvider.query<{ data: { total: number; columns: BoardColumn[] } }>(STAGE_BOARD, { serviceId, stateId: stateId || null, waveId: waveId || null, stages, perStage, offset })).data,
    }),
    advanceOnboarding: ({ id, version, toStage, comment }) => run<MovedOnboarding>(ADVANCE, { id, version, toStage, comment }),
    moveOnboardingBack: ({ id, version, toStage, reason }) => run<MovedOnboarding>(MOVE_BACK, { id, version, toStage, reason }),
    advanceOnboardings: ({ ids, toStage, comment }) => run<WaveResult[]>(ADVANCE_WAVE, { ids, toStage, comment }),
  };
}

/** What a refused move says: code, reasons, message (the same reading as the onboarding page's). */
export type MoveError = Refusal;
export const moveErrorOf = (error: unknown): MoveError => refusalOf(error);

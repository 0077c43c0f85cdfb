import { parse, type DocumentNode } from 'graphql';
import type { DataProvider } from 'react-admin';

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
  onboarding: MovedOnboarding | null;
}

export interface BoardMethods {
  advanceOnboarding(params: { id: string; version: number; toStage?: string; comment?: string }): Promise<{ data: MovedOnboarding }>;
  moveOnboardingBack(params: { id: string; version: number; toStage: string; reason: string }): Promise<{ data: MovedOnboarding }>;
  advanceOnboardings(params: { ids: string[]; toStage?: string; comment?: string }): Promise<{ data: WaveResult[] }>;
}

export type BoardDataProvider = DataProvider & BoardMethods;

/** The part of Apollo's client used here. */
interface MutationClient {
  mutate(options: { mutation: DocumentNode; variables?: Record<string, unknown>; fetchPolicy?: 'no-cache' }): Promise<{ data?: unknown }>;
}

const MOVED_FIELDS = 'id version stage stageEnteredAt status';

const ADVANCE = parse(`mutation advanceOnboarding($id: ID!, $version: Int!, $toStage: String, $comment: String) {
  data: advanceOnboarding(id: $id, version: $version, toStage: $toStage, comment: $comment) { ${MOVED_FIELDS} }
}`);

const MOVE_BACK = parse(`mutation moveOnboardingBack($id: ID!, $version: Int!, $toStage: String!, $reason: String!) {
  data: moveOnboardingBack(id: $id, version: $version, toStage: $toStage, reason: $reason) { ${MOVED_FIELDS} }
}`);

const ADVANCE_WAVE = parse(`mutation advanceOnboardings($ids: [ID!]!, $toStage: String, $comment: String) {
  data: advanceOnboardings(ids: $ids, toStage: $toStage, comment: $comment) { id moved code reasons onboarding { ${MOVED_FIELDS} } }
}`);

function isMutationClient(value: unknown): value is MutationClient {
  return typeof value === 'object' && value !== null && typeof (value as { mutate?: unknown }).mutate === 'function';
}

/**
 * Adds the board's methods to the session data provider (<Admin dataProvider={withBoardMethods(...)}>).
 * `client` returns the session's Apollo client (built on first use).
 */
export function withBoardMethods<T extends DataProvider & { client: () => Promise<unknown> }>(dataProvider: T): T & BoardMethods {
  async function run<R>(mutation: DocumentNode, variables: Record<string, unknown>): Promise<{ data: R }> {
    const client = await dataProvider.client();
    if (!isMutationClient(client)) throw new Error('The data provider offers no GraphQL client.');
    const result = await client.mutate({ mutation, variables, fetchPolicy: 'no-cache' });
    return { data: (result.data as { data: R }).data };
  }
  return {
    ...dataProvider,
    advanceOnboarding: ({ id, version, toStage, comment }) => run<MovedOnboarding>(ADVANCE, { id, version, toStage, comment }),
    moveOnboardingBack: ({ id, version, toStage, reason }) => run<MovedOnboarding>(MOVE_BACK, { id, version, toStage, reason }),
    advanceOnboardings: ({ ids, toStage, comment }) => run<WaveResult[]>(ADVANCE_WAVE, { ids, toStage, comment }),
  };
}

/** A refused or failed move: the API's error code and, for TRANSITION_NOT_ALLOWED, its reasons. */
export interface MoveError {
  code?: string;
  reasons: string[];
  message: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Reads code and reasons (`extensions.reasons`) from an Apollo error (or react-admin's wrapper of it). */
export function moveErrorOf(error: unknown, depth = 0): MoveError {
  const fallback: MoveError = { reasons: [], message: error instanceof Error ? error.message : String(error) };
  if (!isObject(error) || depth > 4) return fallback;
  const lists = [error.graphQLErrors, error.errors, isObject(error.result) ? error.result.errors : undefined];
  for (const list of lists) {
    if (!Array.isArray(list) || list.length === 0) continue;
    const first: unknown = list[0];
    if (!isObject(first)) continue;
    const extensions = isObject(first.extensions) ? first.extensions : {};
    const reasons = Array.isArray(extensions.reasons) ? extensions.reasons.filter((r): r is string => typeof r === 'string') : [];
    return {
      code: typeof extensions.code === 'string' ? extensions.code : undefined,
      reasons,
      message: typeof first.message === 'string' ? first.message : fallback.message,
    };
  }
  for (const key of ['networkError', 'cause', 'body'] as const) {
    if (isObject(error[key]) && error[key] !== error) {
      const inner = moveErrorOf(error[key], depth + 1);
      if (inner.code || inner.reasons.length > 0) return inner;
    }
  }
  return fallback;
}

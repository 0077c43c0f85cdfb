import { parse, type DocumentNode } from 'graphql';
import type { DataProvider } from 'react-admin';

/**
 * Read queries beyond the CRUD methods, as custom data provider methods,
 * through the session's Apollo client (SessionDataProvider.client):
 * a record's change history, and the obstacles of an authority's onboardings.
 */

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

export interface HistoryEntry {
  id: string;
  action: string;
  actor: string;
  occurredAt: string;
  comment: string | null;
  changes: FieldChange[];
}

export interface AuthorityBlocker {
  id: string;
  title: string;
  severity: string;
  category: string;
  openedAt: string;
  owner: string | null;
  resolvedAt: string | null;
  onboardingId: string;
  serviceName: string;
}

export interface QueryMethods {
  getHistory(params: { entityType: string; entityId: string; limit?: number }): Promise<{ data: HistoryEntry[] }>;
  getAuthorityBlockers(params: { authorityId: string }): Promise<{ data: AuthorityBlocker[] }>;
}

export type QueryDataProvider = DataProvider & QueryMethods;

interface QueryClient {
  query(options: { query: DocumentNode; variables?: Record<string, unknown>; fetchPolicy?: 'no-cache' | 'network-only' }): Promise<{ data?: unknown }>;
}

const HISTORY = parse(`query history($entityType: String!, $entityId: ID!, $limit: Int!) {
  history(entityType: $entityType, entityId: $entityId, limit: $limit) { id action actor occurredAt comment changes { field from to } }
}`);

const AUTHORITY_BLOCKERS = parse(`query authorityBlockers($authorityId: ID!) {
  allOnboardings(filter: { authorityId: $authorityId }, perPage: 500) {
    id service { id name } blockers { id title severity category openedAt owner resolvedAt }
  }
}`);

function isQueryClient(value: unknown): value is QueryClient {
  return typeof value === 'object' && value !== null && typeof (value as { query?: unknown }).query === 'function';
}

/** Adds the read queries to the session data provider. */
export function withQueryMethods<T extends DataProvider & { client: () => Promise<unknown> }>(dataProvider: T): T & QueryMethods {
  async function run<R>(query: DocumentNode, variables: Record<string, unknown>): Promise<R> {
    const client = await dataProvider.client();
    if (!isQueryClient(client)) throw new Error('The data provider offers no GraphQL client.');
    const result = await client.query({ query, variables, fetchPolicy: 'no-cache' });
    return result.data as R;
  }
  return {
    ...dataProvider,
    getHistory: async ({ entityType, entityId, limit = 200 }) => ({
      data: (await run<{ history: HistoryEntry[] }>(HISTORY, { entityType, entityId, limit })).history,
    }),
    getAuthorityBlockers: async ({ authorityId }) => {
      const { allOnboardings } = await run<{
        allOnboardings: { id: string; service: { name: string }; blockers: Omit<AuthorityBlocker, 'onboardingId' | 'serviceName'>[] }[];
      }>(AUTHORITY_BLOCKERS, { authorityId });
      return {
        data: allOnboardings.flatMap((o) =>
          o.blockers.filter((b) => !b.resolvedAt).map((b) => ({ ...b, onboardingId: o.id, serviceName: o.service.name })),
        ),
      };
    },
  };
}

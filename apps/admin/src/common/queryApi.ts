import { parse, type DocumentNode } from 'graphql';
import type { DataProvider } from 'react-admin';
import type { SessionDataProvider } from '../dataProvider';

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


const HISTORY = parse(`query history($entityType: String!, $entityId: ID!, $limit: Int!) {
  history(entityType: $entityType, entityId: $entityId, limit: $limit) { id action actor occurredAt comment changes { field from to } }
}`);

const AUTHORITY_BLOCKERS = parse(`query authorityBlockers($authorityId: ID!) {
  allOnboardings(filter: { authorityId: $authorityId }, perPage: 500) {
    id service { id name } blockers { id title severity category openedAt owner resolvedAt }
  }
}`);

/** Adds the read queries to the session data provider. */
export function withQueryMethods<T extends SessionDataProvider>(dataProvider: T): T & QueryMethods {
  const run = <R,>(query: DocumentNode, variables: Record<string, unknown>): Promise<R> => dataProvider.query<R>(query, variables);
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

import { parse, type DocumentNode } from 'graphql';
import type { DataProvider } from 'react-admin';
import type { SessionDataProvider } from '../dataProvider';

/**
 * The reuse contract's lifecycle steps as custom data provider methods
 * (`useDataProvider().signContract(...)`), sent through the session's
 * Apollo client of ra-data-graphql-simple (SessionDataProvider.client), so
 * there is no second transport. Each sends the version the user loaded; a
 * stale one is refused with CONFLICT.
 */

export interface ContractStep {
  id: string;
  version: number;
  status: string;
  interestDeclaredAt: string | null;
  negotiationStartedAt: string | null;
  signedAt: string | null;
  terminatedAt: string | null;
}

export interface ContractMethods {
  declareInterest(params: { id: string; version: number; at?: string | null }): Promise<{ data: ContractStep }>;
  startNegotiation(params: { id: string; version: number; at?: string | null }): Promise<{ data: ContractStep }>;
  signContract(params: { id: string; version: number; signedAt: string }): Promise<{ data: ContractStep }>;
  terminateContract(params: { id: string; version: number; reason: string; at?: string | null }): Promise<{ data: ContractStep }>;
}

export type ContractDataProvider = DataProvider & ContractMethods;


const FIELDS = 'id version status interestDeclaredAt negotiationStartedAt signedAt terminatedAt updatedAt';

const DECLARE = parse(`mutation declareInterest($id: ID!, $version: Int!, $at: LocalDate) {
  data: declareInterest(id: $id, version: $version, at: $at) { ${FIELDS} }
}`);
const NEGOTIATE = parse(`mutation startNegotiation($id: ID!, $version: Int!, $at: LocalDate) {
  data: startNegotiation(id: $id, version: $version, at: $at) { ${FIELDS} }
}`);
const SIGN = parse(`mutation signContract($id: ID!, $version: Int!, $signedAt: LocalDate!) {
  data: signContract(id: $id, version: $version, signedAt: $signedAt) { ${FIELDS} }
}`);
const TERMINATE = parse(`mutation terminateContract($id: ID!, $version: Int!, $reason: String!, $at: LocalDate) {
  data: terminateContract(id: $id, version: $version, reason: $reason, at: $at) { ${FIELDS} }
}`);

/** Adds the contract lifecycle methods to the session data provider. */
export function withContractMethods<T extends SessionDataProvider>(dataProvider: T): T & ContractMethods {
  const run = async (mutation: DocumentNode, variables: Record<string, unknown>): Promise<{ data: ContractStep }> => ({
    data: (await dataProvider.mutate<{ data: ContractStep }>(mutation, variables)).data,
  });
  return {
    ...dataProvider,
    declareInterest: ({ id, version, at }) => run(DECLARE, { id, version, at: at || undefined }),
    startNegotiation: ({ id, version, at }) => run(NEGOTIATE, { id, version, at: at || undefined }),
    signContract: ({ id, version, signedAt }) => run(SIGN, { id, version, signedAt }),
    terminateContract: ({ id, version, reason, at }) => run(TERMINATE, { id, version, reason, at: at || undefined }),
  };
}

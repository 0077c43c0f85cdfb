import { parse } from 'graphql';
import type { DataProvider } from 'react-admin';
import type { SessionDataProvider } from '../dataProvider';
import type { CostAllocation } from './logic';

/**
 * The key comparison's query as a custom data provider method
 * (`useDataProvider().getCostAllocation(...)`), through the session's
 * Apollo client like the other domain operations.
 */
export interface CostMethods {
  getCostAllocation(params: { serviceId: string; year: number; keyIds: string[] }): Promise<{ data: CostAllocation }>;
}

export type CostDataProvider = DataProvider & CostMethods;

const COST_ALLOCATION = parse(`query costAllocation($serviceId: ID!, $year: Int!, $keyIds: [ID!]!) {
  costAllocation(serviceId: $serviceId, year: $year, keyIds: $keyIds) {
    serviceId serviceName year operationCents maintenanceCents totalCents
    keys { keyId keyName keyKind keyYear totalCents payingStates states { stateId stateCode stateName keyShare share cents pays reason params message } }
  }
}`);

/** Adds the cost allocation query to the session data provider. */
export function withCostMethods<T extends SessionDataProvider>(dataProvider: T): T & CostMethods {
  return {
    ...dataProvider,
    getCostAllocation: async (variables) => ({
      data: (await dataProvider.query<{ costAllocation: CostAllocation }>(COST_ALLOCATION, variables)).costAllocation,
    }),
  };
}

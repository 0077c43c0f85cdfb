import { parse, type DocumentNode } from 'graphql';
import type { DataProvider } from 'react-admin';
import { toReactAdminError } from '../common/apiErrors';

/** setUserPassword (administrators) as a custom data provider method, through the session's Apollo client. */
export interface UserMethods {
  setUserPassword(params: { id: string; version: number; password: string }): Promise<{ data: { id: string; version: number } }>;
}

interface MutationClient {
  mutate(options: { mutation: DocumentNode; variables?: Record<string, unknown>; fetchPolicy?: 'no-cache' }): Promise<{ data?: unknown }>;
}

const SET_PASSWORD = parse(`mutation setUserPassword($id: ID!, $version: Int!, $password: String!) {
  data: setUserPassword(id: $id, version: $version, password: $password) { id version updatedAt }
}`);

export function withUserMethods<T extends DataProvider & { client: () => Promise<unknown> }>(dataProvider: T): T & UserMethods {
  return {
    ...dataProvider,
    setUserPassword: async (variables) => {
      const client = (await dataProvider.client()) as MutationClient;
      try {
        const result = await client.mutate({ mutation: SET_PASSWORD, variables, fetchPolicy: 'no-cache' });
        return { data: (result.data as { data: { id: string; version: number } }).data };
      } catch (error) {
        throw toReactAdminError(error);
      }
    },
  };
}

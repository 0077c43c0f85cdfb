import { parse } from 'graphql';
import type { SessionDataProvider } from '../dataProvider';

/** setUserPassword (administrators) as a custom data provider method, through the session's Apollo client. */
export interface UserMethods {
  setUserPassword(params: { id: string; version: number; password: string }): Promise<{ data: { id: string; version: number } }>;
}

const SET_PASSWORD = parse(`mutation setUserPassword($id: ID!, $version: Int!, $password: String!) {
  data: setUserPassword(id: $id, version: $version, password: $password) { id version updatedAt }
}`);

export function withUserMethods<T extends SessionDataProvider>(dataProvider: T): T & UserMethods {
  return {
    ...dataProvider,
    setUserPassword: async (variables) => ({ data: (await dataProvider.mutate<{ data: { id: string; version: number } }>(SET_PASSWORD, variables)).data }),
  };
}

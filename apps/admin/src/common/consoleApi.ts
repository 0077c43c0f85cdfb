import type { SessionDataProvider } from '../dataProvider';
import { withDashboardMethods } from '../dashboard/dashboardApi';
import { withContractMethods } from '../reuse-contracts/contractApi';
import { withUserMethods } from '../users/userApi';
import { withQueryMethods } from './queryApi';

/**
 * The resource views' custom data provider methods (contract lifecycle,
 * user password, history, an authority's obstacles, the dashboard's figures), added to the session
 * data provider in one step: `<Admin dataProvider={withConsoleMethods(...)}>`.
 */
export function withConsoleMethods<T extends SessionDataProvider>(dataProvider: T) {
  return withDashboardMethods(withQueryMethods(withUserMethods(withContractMethods(dataProvider))));
}

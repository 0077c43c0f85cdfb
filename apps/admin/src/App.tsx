import { Admin, CustomRoutes, Resource } from 'react-admin';
import { LoginPage } from './auth/LoginPage';
import authorities from './authorities';
import { boardRoute } from './board';
import { withBoardMethods } from './board/boardApi';
import { authProvider } from './authProvider';
import { createQueryClient, createSessionDataProvider } from './dataProvider';
import { i18nProvider } from './i18n/i18nProvider';
import { Layout } from './layout/Layout';
import reuseContracts from './reuse-contracts';
import services from './services';
import specialistSystems from './specialist-systems';
import states from './states';
import onboardings from './onboardings';
import milestones from './milestones';
import blockers from './blockers';
import { meetingItems, meetings } from './meetings';
import { withMeetingMethods } from './meetings/meetingApi';
import { contractMatrixRoute } from './contract-matrix';
import { Dashboard } from './dashboard';
import { createStore } from './store';
import { withConsoleMethods } from './common/consoleApi';
import { darkTheme, lightTheme } from './layout/theme';
import reuseVariants from './reuse-variants';
import users from './users';
import waves from './waves';
import guides from './guides';
import costKeys from './cost-keys';
import serviceCosts from './service-costs';
import { costAllocationRoute } from './cost-allocation';
import { withCostMethods } from './cost-allocation/costApi';
import { notificationRoutes } from './notifications';
import { withNotificationMethods } from './notifications/notificationApi';
import { importRoute } from './import';

/**
 * One ra-data-graphql-simple provider per session: built (and the schema
 * introspected) on the first request, which only pages of signed-in users
 * send (Layout renders them only then), dropped at sign-out, so a new
 * sign-in, perhaps with another role, starts afresh.
 */
const dataProvider = withNotificationMethods(withMeetingMethods(withCostMethods(withConsoleMethods(withBoardMethods(createSessionDataProvider())))));
authProvider.onSessionChange((identity) => {
  dataProvider.reset();
  if (identity) dataProvider.warmUp();
});

const store = createStore();

/** react-admin's cache: reference labels of rarely changing data (states, services, ...) are kept fresh for a while (dataProvider.ts). */
const queryClient = createQueryClient();

/**
 * The console. Everything requires sign-in: without a session the layout
 * (auth/SignedIn.tsx) sends the user to the login page, and no page renders
 * or requests data. (Not `requireAuth`: see SignedIn for why.)
 * The dashboard (dashboard/) is the home page of every role, where sign-in lands.
 * Resource names equal the GraphQL type names (see resourceNames.ts); their
 * order is the menu's, which lists only what the user's role may read
 * (authProvider.canAccess, from libs/domain's access table).
 */
const App = () => (
  <Admin
    authProvider={authProvider}
    dataProvider={dataProvider}
    queryClient={queryClient}
    i18nProvider={i18nProvider}
    store={store}
    loginPage={LoginPage}
    layout={Layout}
    dashboard={Dashboard}
    theme={lightTheme}
    darkTheme={darkTheme}
    title="app.title"
    disableTelemetry
  >
    <Resource name="State" {...states} />
    <Resource name="Authority" {...authorities} />
    <Resource name="Service" {...services} />
    <Resource name="SpecialistSystem" {...specialistSystems} />
    <Resource name="ReuseContract" {...reuseContracts} />
    <Resource name="ReuseVariant" {...reuseVariants} />
    <Resource name="Onboarding" {...onboardings} />
    <Resource name="Milestone" {...milestones} />
    <Resource name="Blocker" {...blockers} />
    <Resource name="Wave" {...waves} />
    <Resource name="GuideSection" {...guides} />
    <Resource name="Meeting" {...meetings} />
    <Resource name="MeetingItem" {...meetingItems} />
    <Resource name="CostKey" {...costKeys} />
    <Resource name="ServiceCost" {...serviceCosts} />
    <Resource name="User" {...users} />
    <CustomRoutes>
      {boardRoute}
      {contractMatrixRoute}
      {costAllocationRoute}
      {notificationRoutes}
      {importRoute}
    </CustomRoutes>
  </Admin>
);

export default App;

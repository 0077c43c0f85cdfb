import { Admin, Resource, type DataProvider } from 'react-admin';
import authorities from './authorities';
import { i18nProvider } from './i18n/i18nProvider';
import { Layout } from './layout/Layout';
import reuseContracts from './reuse-contracts';
import services from './services';
import specialistSystems from './specialist-systems';
import states from './states';

export interface AppProps {
  /** Built and introspected before the console renders (see main.tsx). */
  dataProvider: DataProvider;
}

/**
 * The console. Resource names equal the GraphQL type names (see
 * resourceNames.ts); their order is the menu's.
 */
const App = ({ dataProvider }: AppProps) => (
  <Admin dataProvider={dataProvider} i18nProvider={i18nProvider} layout={Layout} title="app.title" disableTelemetry>
    <Resource name="State" {...states} />
    <Resource name="Authority" {...authorities} />
    <Resource name="Service" {...services} />
    <Resource name="SpecialistSystem" {...specialistSystems} />
    <Resource name="ReuseContract" {...reuseContracts} />
  </Admin>
);

export default App;

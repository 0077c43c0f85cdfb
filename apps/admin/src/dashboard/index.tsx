import { lazy } from 'react';

/**
 * The dashboard, react-admin's `<Admin dashboard>`: the home page (`/`) of
 * every role, where sign-in lands. Loaded on its own, with the chart
 * library, so the console's initial bundle does not grow.
 */
export const Dashboard = lazy(() => import('./DashboardPage'));

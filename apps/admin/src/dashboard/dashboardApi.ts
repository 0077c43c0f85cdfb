import type { DataProvider } from 'react-admin';
import { mapError, type SessionDataProvider } from '../dataProvider';
import { postGraphQL } from '../graphql';

/**
 * The API's `dashboard(serviceId?, asOf?, stateId?)` query as a custom data
 * provider method, through the session's Apollo client like the other
 * reads (common/queryApi.ts). The selection is built from what the panels
 * ask for (panels.ts), so a new panel adds its fields and nothing else.
 * Narrowed to a state, the same request also asks for the national figures
 * the panels need for the whole country (the tile map), as `national`.
 */

export interface StatusCounts {
  authorities: number;
  live: number;
  inRollout: number;
  paused: number;
  cancelled: number;
  notStarted: number;
  shareLive: number;
}

export interface StateFigures extends StatusCounts {
  stateId: string;
  stateCode: string;
  stateName: string;
}

export interface StageCount {
  stage: string;
  position: number;
  count: number;
  paused: number;
}

export interface SystemFigures {
  specialistSystemId: string | null;
  name: string;
  live: number;
  inRollout: number;
  blocked: number;
}

export interface GoLiveMonth {
  month: string;
  goLives: number;
  cumulative: number;
  planned: number;
}

export interface LeadTime {
  count: number;
  medianDays: number | null;
  p80Days: number | null;
}

export interface StageLeadTime extends LeadTime {
  stage: string;
  position: number;
}

export interface LeadTimes {
  overall: { toLive: LeadTime; stages: StageLeadTime[] };
  states: { stateId: string; stateCode: string; stateName: string; toLive: LeadTime }[];
  specialistSystems: { specialistSystemId: string | null; name: string; toLive: LeadTime }[];
}

/** An onboarding listed by a figure (stuck, overdue milestone, obstacle). */
interface ListedOnboarding {
  onboardingId: string;
  authorityName: string;
  stateCode: string;
}

export interface StuckOnboardings {
  total: number;
  items: (ListedOnboarding & { stage: string; status: string; days: number })[];
}

export interface OverdueMilestones {
  total: number;
  items: (ListedOnboarding & { milestoneId: string; nameDe: string; stage: string; dueDate: string; daysOverdue: number })[];
}

export interface ObstacleFigures {
  total: number;
  byCategory: { category: string; severity: string; count: number }[];
  oldest: (ListedOnboarding & { blockerId: string; title: string; category: string; severity: string; openedAt: string; daysOpen: number })[];
}

export interface ContractFigures {
  counts: { status: string; count: number }[];
  states: { stateId: string; stateCode: string; stateName: string; status: string; signedAt: string | null; reuseVariant: string | null }[];
}

/** The figures of one service as of a moment; a field is there when a panel asked for it. */
export interface DashboardFigures {
  serviceId: string;
  serviceName: string;
  asOf: string;
  totals?: StatusCounts;
  states?: StateFigures[];
  funnel?: StageCount[];
  specialistSystems?: SystemFigures[];
  goLivesPerMonth?: GoLiveMonth[];
  leadTimes?: LeadTimes;
  stuckOnboardings?: StuckOnboardings;
  overdueMilestones?: OverdueMilestones;
  overdueActionItems?: import('../meetings/meetingApi').OverdueActionItems;
  obstacles?: ObstacleFigures;
  contracts?: ContractFigures;
}

export interface DashboardParams {
  serviceId?: string;
  /** ISO moment; undefined: now. */
  asOf?: string;
  stateId?: string;
  /** Only this rollout wave's onboardings. */
  waveId?: string;
  /** GraphQL selections of Dashboard's fields for the scope (service, state). */
  fields: readonly string[];
  /** Selections needed for the whole country even when narrowed to a state. */
  nationalFields: readonly string[];
}

export interface DashboardResult {
  /** The figures for the scope. */
  figures: DashboardFigures;
  /** The national figures (the same object when not narrowed to a state). */
  national: DashboardFigures;
}

/** A state as the dashboard's scope names it. */
export interface StateRefRow {
  id: string;
  code: string;
  name: string;
}

/** All 16 states, by name (the API's `allStates`, as ra-data-graphql-simple would ask for it). */
const STATE_REFS_QUERY = 'query dashboardStates { allStates(page: 0, perPage: 100, sortField: "name", sortOrder: "ASC") { id code name } }';

export interface DashboardMethods {
  getDashboard(params: DashboardParams): Promise<{ data: DashboardResult }>;
  getStateRefs(): Promise<{ data: StateRefRow[] }>;
}

export type DashboardDataProvider = DataProvider & DashboardMethods;

const unique = (selections: readonly string[]) => [...new Set(selections)].join(' ');

/** The query text for these selections (exported for the test of its shape). */
export function dashboardQuery(fields: readonly string[], nationalFields: readonly string[], narrowed: boolean): string {
  const head = 'serviceId serviceName asOf';
  const national = narrowed && nationalFields.length > 0 ? ` national: dashboard(serviceId: $serviceId, asOf: $asOf, waveId: $waveId) { ${head} ${unique(nationalFields)} }` : '';
  return `query dashboard($serviceId: ID, $asOf: DateTime, $stateId: ID, $waveId: ID) { figures: dashboard(serviceId: $serviceId, asOf: $asOf, stateId: $stateId, waveId: $waveId) { ${head} ${unique(
    narrowed ? fields : [...fields, ...nationalFields],
  )} }${national} }`;
}

/**
 * Adds `getDashboard` (and `getStateRefs`, the states the dashboard's scope
 * needs) to the session data provider. Both are plain POSTs (graphql.ts),
 * not the session's Apollo client: the home page's figures do not wait for
 * ra-data-graphql's schema introspection nor for the GraphQL client's code
 * (dataProvider.ts loads it lazily), so the dashboard's requests start as
 * soon as its page renders. Errors are mapped like the provider's.
 */
export function withDashboardMethods<T extends SessionDataProvider>(dataProvider: T): T & DashboardMethods {
  return {
    ...dataProvider,
    getDashboard: async ({ serviceId, asOf, stateId, waveId, fields, nationalFields }) => {
      const narrowed = Boolean(stateId);
      const result = await postGraphQL<{ figures: DashboardFigures; national?: DashboardFigures }>(dashboardQuery(fields, nationalFields, narrowed), {
        serviceId: serviceId || null,
        asOf: asOf ?? null,
        stateId: stateId || null,
        waveId: waveId || null,
      }).catch((error: unknown) => {
        throw mapError(error);
      });
      return { data: { figures: result.figures, national: result.national ?? result.figures } };
    },
    getStateRefs: async () => {
      const result = await postGraphQL<{ allStates: StateRefRow[] }>(STATE_REFS_QUERY).catch((error: unknown) => {
        throw mapError(error);
      });
      return { data: result.allStates };
    },
  };
}

import type { ComponentType } from 'react';
import type { DashboardFigures } from './dashboardApi';
import type { DashboardScope } from './useDashboardScope';

/** What every dashboard panel gets. */
export interface DashboardPanelProps {
  /** The figures for the scope (service, state, date), with the fields the panels asked for. */
  figures: DashboardFigures;
  /** The national figures (the same as `figures` when not narrowed to a state). */
  national: DashboardFigures;
  scope: DashboardScope;
}

/**
 * A panel of the dashboard: the GraphQL fields of `Dashboard` it needs, its
 * width on a wide screen (of 12 columns) and its component. panels.ts lists
 * them in order; the page asks the API for the union of their fields in one
 * request. A new figure (lead times, overdue milestones, obstacles,
 * contract status) is one component file and one entry there.
 */
export interface DashboardPanel {
  id: string;
  /** Selections of `Dashboard`'s fields for the scope, e.g. `funnel { stage position count paused }`. */
  fields: readonly string[];
  /** Selections needed for the whole country even when narrowed to a state (the tile map). */
  nationalFields?: readonly string[];
  /** Columns of 12 on wide screens (full width on small ones). */
  width: 4 | 5 | 6 | 7 | 8 | 12;
  Component: ComponentType<DashboardPanelProps>;
}

export const COUNT_FIELDS = 'authorities live inRollout paused cancelled notStarted shareLive';
export const FUNNEL_FIELDS = 'funnel { stage position count paused }';

import { funnelPanel } from './FunnelPanel';
import { goLivesPanel } from './GoLivesPanel';
import { headlinePanel } from './HeadlinePanel';
import type { DashboardPanel } from './panel';
import { specialistSystemsPanel } from './SpecialistSystemsPanel';
import { stateTileMapPanel } from './StateTileMap';

/**
 * The dashboard's panels, in the order shown (a 12-column grid on wide
 * screens). To add a figure: a component file with its `DashboardPanel`
 * (fields it needs, width), listed here.
 */
export const DASHBOARD_PANELS: readonly DashboardPanel[] = [headlinePanel, stateTileMapPanel, funnelPanel, goLivesPanel, specialistSystemsPanel];

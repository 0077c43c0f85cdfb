import { contractsPanel } from './ContractsPanel';
import { funnelPanel } from './FunnelPanel';
import { goLivesPanel } from './GoLivesPanel';
import { headlinePanel } from './HeadlinePanel';
import { leadTimesPanel } from './LeadTimesPanel';
import { obstaclesPanel } from './ObstaclesPanel';
import { overdueActionItemsPanel } from './OverdueActionItemsPanel';
import { overdueMilestonesPanel } from './OverdueMilestonesPanel';
import type { DashboardPanel } from './panel';
import { specialistSystemsPanel } from './SpecialistSystemsPanel';
import { stateTileMapPanel } from './StateTileMap';
import { stuckOnboardingsPanel } from './StuckOnboardingsPanel';

/**
 * The dashboard's panels, in the order shown (a 12-column grid on wide
 * screens). To add a figure: a component file with its `DashboardPanel`
 * (fields it needs, width), listed here.
 */
export const DASHBOARD_PANELS: readonly DashboardPanel[] = [
  headlinePanel,
  stateTileMapPanel,
  funnelPanel,
  goLivesPanel,
  leadTimesPanel,
  obstaclesPanel,
  stuckOnboardingsPanel,
  overdueMilestonesPanel,
  overdueActionItemsPanel,
  specialistSystemsPanel,
  contractsPanel,
];

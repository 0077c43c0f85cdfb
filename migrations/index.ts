import { InitialSchema1763800000000 } from './1763800000000-initial-schema.js';
import { OnboardingWorkflow1763900000000 } from './1763900000000-onboarding-workflow.js';
import { Accounts1764000000000 } from './1764000000000-accounts.js';
import { CostAllocation1764100000000 } from './1764100000000-cost-allocation.js';
import { DashboardIndexes1764150000000 } from './1764150000000-dashboard-indexes.js';
import { DashboardIndexes1764200000000 } from './1764200000000-dashboard-indexes.js';
import { ImportMappings1764300000000 } from './1764300000000-import-mappings.js';
import { RestorableFunctions1764380000000 } from './1764380000000-restorable-functions.js';
import { OnboardingNotes1764410000000 } from './1764410000000-onboarding-notes.js';
import { Meetings1764420000000 } from './1764420000000-meetings.js';
import { WavesAndGuides1764430000000 } from './1764430000000-waves-and-guides.js';
import { Notifications1764440000000 } from './1764440000000-notifications.js';
import { MeetingWave1764460000000 } from './1764460000000-meeting-wave.js';
import { PublicStatus1764500000000 } from './1764500000000-public-status.js';
import { OnboardingSegments1764510000000 } from './1764510000000-onboarding-segments.js';
import { InteractiveReadIndexes1764520000000 } from './1764520000000-interactive-read-indexes.js';
import { PublicSearchKeyAccents1764575000000 } from './1764575000000-public-search-key-accents.js';
import { PublicStatusVersion1764574000000 } from './1764574000000-public-status-version.js';
import { StageBoardIndexes1764572000000 } from './1764572000000-stage-board-indexes.js';
import { DashboardCurrentSegments1764573000000 } from './1764573000000-dashboard-current-segments.js';
import { MilestoneService1764576000000 } from './1764576000000-milestone-service.js';
import { DashboardStayIndex1764573100000 } from './1764573100000-dashboard-stay-index.js';
import { OnboardingAuthorityStageIndex1764570000000 } from './1764570000000-onboarding-authority-stage-index.js';

/** Every migration in order. Add new ones at the end. */
export const MIGRATIONS = [
  InitialSchema1763800000000,
  OnboardingWorkflow1763900000000,
  Accounts1764000000000,
  CostAllocation1764100000000,
  DashboardIndexes1764150000000,
  DashboardIndexes1764200000000,
  ImportMappings1764300000000,
  RestorableFunctions1764380000000,
  OnboardingNotes1764410000000,
  Meetings1764420000000,
  WavesAndGuides1764430000000,
  Notifications1764440000000,
  MeetingWave1764460000000,
  PublicStatus1764500000000,
  OnboardingSegments1764510000000,
  InteractiveReadIndexes1764520000000,
  OnboardingAuthorityStageIndex1764570000000,
  StageBoardIndexes1764572000000,
  DashboardCurrentSegments1764573000000,
  DashboardStayIndex1764573100000,
  PublicStatusVersion1764574000000,
  PublicSearchKeyAccents1764575000000,
  MilestoneService1764576000000,
];

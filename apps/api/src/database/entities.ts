import { User } from '../account/user.entity.js';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { Authority } from '../authority/authority.entity.js';
import { Blocker } from '../blocker/blocker.entity.js';
import { CostKey } from '../costs/cost-key.entity.js';
import { ServiceCost } from '../costs/service-cost.entity.js';
import { MeetingItem } from '../meeting/meeting-item.entity.js';
import { Meeting } from '../meeting/meeting.entity.js';
import { Milestone } from '../milestone/milestone.entity.js';
import { OnboardingNote } from '../onboarding/onboarding-note.entity.js';
import { OnboardingTransition } from '../onboarding/onboarding-transition.entity.js';
import { Onboarding } from '../onboarding/onboarding.entity.js';
import { OnlineService } from '../online-service/online-service.entity.js';
import { MilestoneTemplate } from '../pipeline/milestone-template.entity.js';
import { ServiceStage } from '../pipeline/service-stage.entity.js';
import { ReuseContract } from '../reuse-contract/reuse-contract.entity.js';
import { ReuseVariant } from '../reuse-variant/reuse-variant.entity.js';
import { SpecialistSystem } from '../specialist-system/specialist-system.entity.js';
import { State } from '../state/state.entity.js';
import { Wave } from '../wave/wave.entity.js';
import { GuideSection, GuideSectionVersion } from '../guide/guide-section.entity.js';

export const ENTITIES = [
  State,
  Authority,
  OnlineService,
  SpecialistSystem,
  ReuseContract,
  ReuseVariant,
  ServiceStage,
  MilestoneTemplate,
  Onboarding,
  OnboardingTransition,
  OnboardingNote,
  Milestone,
  Blocker,
  AuditEvent,
  User,
  CostKey,
  ServiceCost,
  Wave,
  GuideSection,
  GuideSectionVersion,
  Meeting,
  MeetingItem,
];

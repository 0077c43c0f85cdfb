/**
 * Who may do what. One table names, for every GraphQL operation, the rule
 * that governs it; the API enforces it (and refuses operations without a
 * rule), the console uses it to offer only what a user may do.
 * Object-level rules (a state coordinator works only in their own state,
 * and sees other states' internal data redacted) are functions below.
 */
import { issueText, type CodedMessage } from './messages.js';

export const Role = {
  ADMIN: 'ADMIN',
  ROLLOUT_MANAGER: 'ROLLOUT_MANAGER',
  STATE_COORDINATOR: 'STATE_COORDINATOR',
  STEERING_MEMBER: 'STEERING_MEMBER',
} as const;
export type Role = (typeof Role)[keyof typeof Role];
export const ROLES: Role[] = Object.values(Role);

export interface Principal {
  userId: string;
  role: Role;
  /** The state a coordinator is bound to. */
  stateId?: string | null;
}

/**
 * public: also without sign-in; self: any signed-in user, on their own account;
 * read: any signed-in user; state: administrators, rollout managers and (in
 * their own state) state coordinators; rollout: administrators and rollout
 * managers; admin: administrators only.
 */
export type AccessRule = 'public' | 'self' | 'read' | 'state' | 'rollout' | 'admin';

export const RULE_ROLES: Record<AccessRule, readonly Role[]> = {
  public: ROLES,
  self: ROLES,
  read: ROLES,
  state: [Role.ADMIN, Role.ROLLOUT_MANAGER, Role.STATE_COORDINATOR],
  rollout: [Role.ADMIN, Role.ROLLOUT_MANAGER],
  admin: [Role.ADMIN],
};

const crud = (type: string, plural: string, write: AccessRule, del: AccessRule = write): Record<string, AccessRule> => ({
  [type]: 'read',
  [`all${plural}`]: 'read',
  [`_all${plural}Meta`]: 'read',
  [`create${type}`]: write,
  [`update${type}`]: write,
  [`delete${type}`]: del,
});

/** The rule of every GraphQL query and mutation. An operation missing here is refused. */
export const OPERATION_ACCESS: Readonly<Record<string, AccessRule>> = {
  // account
  signIn: 'public',
  me: 'self',
  // Also without a valid session: it clears the console's cookie of an ended session.
  signOut: 'public',
  changePassword: 'self',
  // Accounts (e-mail addresses, roles, sign-ins) are for administrators only.
  ...crud('User', 'Users', 'admin'),
  User: 'admin',
  allUsers: 'admin',
  _allUsersMeta: 'admin',
  setUserPassword: 'admin',
  // reference data
  ...crud('State', 'States', 'admin'),
  ...crud('Service', 'Services', 'admin'),
  ...crud('ServiceStage', 'ServiceStages', 'admin'),
  ...crud('MilestoneTemplate', 'MilestoneTemplates', 'admin'),
  ...crud('SpecialistSystem', 'SpecialistSystems', 'rollout'),
  // a state's own data
  ...crud('Authority', 'Authorities', 'state', 'admin'),
  ...crud('ReuseContract', 'ReuseContracts', 'state', 'admin'),
  ...crud('ReuseVariant', 'ReuseVariants', 'state'),
  declareInterest: 'state',
  startNegotiation: 'state',
  signContract: 'state',
  terminateContract: 'state',
  // the rollout
  ...crud('Onboarding', 'Onboardings', 'rollout', 'admin'),
  updateOnboarding: 'state',
  advanceOnboarding: 'rollout',
  advanceOnboardings: 'rollout',
  moveOnboardingBack: 'rollout',
  pauseOnboarding: 'rollout',
  resumeOnboarding: 'rollout',
  cancelOnboarding: 'rollout',
  reopenOnboarding: 'admin',
  setPlannedGoLive: 'rollout',
  ...crud('Milestone', 'Milestones', 'rollout'),
  completeMilestone: 'rollout',
  reopenMilestone: 'rollout',
  markMilestoneNotApplicable: 'rollout',
  ...crud('Blocker', 'Blockers', 'rollout'),
  resolveBlocker: 'rollout',
  reopenBlocker: 'rollout',
  // rollout waves (project teams) and connection guides: planned by administrators and rollout managers, read by everyone
  ...crud('Wave', 'Waves', 'rollout'),
  assignToWave: 'rollout',
  waveMemberCandidates: 'rollout',
  ...crud('GuideSection', 'GuideSections', 'rollout'),
  guideSectionVersions: 'read',
  connectionGuide: 'read',
  reorderGuideSections: 'rollout',
  // cost allocation: keys and contract-year costs are written by administrators and rollout managers, read by everyone
  ...crud('CostKey', 'CostKeys', 'rollout'),
  ...crud('ServiceCost', 'ServiceCosts', 'rollout'),
  costAllocation: 'read',
  // meetings: everyone reads; administrators and rollout managers write; a state coordinator writes the
  // meetings (and their decisions and action items) whose only participating state is their own
  // (CrudService.authorizeWrite with the meeting's stateOf), e.g. their state's information events
  ...crud('Meeting', 'Meetings', 'state'),
  ...crud('MeetingItem', 'MeetingItems', 'state'),
  agendaSuggestion: 'read',
  overdueActionItems: 'read',
  // history and figures
  dashboard: 'read',
  history: 'read',
  onboardingTimeline: 'read',
  // the stage board (one lean query; obstacles and pause reasons of other states hidden from coordinators)
  stageBoard: 'read',
  // notifications and the calendar feed: every signed-in user, on their own watches, notifications and settings
  watch: 'self',
  unwatch: 'self',
  myWatches: 'self',
  myNotifications: 'self',
  unreadNotificationCount: 'self',
  markNotificationRead: 'self',
  markAllNotificationsRead: 'self',
  notificationSettings: 'self',
  updateNotificationSettings: 'self',
  regenerateCalendarToken: 'self',
  revokeCalendarToken: 'self',
};

export type AccessDecision = 'ALLOWED' | 'UNAUTHENTICATED' | 'FORBIDDEN';

/**
 * The rule of every REST route that is not public (GraphQL operations are in OPERATION_ACCESS;
 * the monthly report routes follow the `dashboard` operation's rule).
 */
export const ROUTE_ACCESS: Readonly<Record<string, AccessRule>> = {
  // everything, the audit log included: administrators only
  'GET /export/full': 'admin',
};

/**
 * The rule of the spreadsheet import (POST /import/:target): importing is creating and changing
 * records, so it follows the GraphQL rule of `createAuthority` (administrators, rollout managers,
 * coordinators for their own state's rows). The console offers its import page by the same rule.
 */
export const IMPORT_ACCESS_OPERATION = 'createAuthority';

/** May this principal use the spreadsheet import at all? */
export const mayImport = (principal: Principal | null): AccessDecision => mayCall(principal, IMPORT_ACCESS_OPERATION);

/** May this principal (null = not signed in) call this operation at all? */
export function mayCall(principal: Principal | null, operation: string): AccessDecision {
  return decide(principal, OPERATION_ACCESS[operation]);
}

/** May this principal use this REST route (e.g. 'GET /export/full')? No rule = refused. */
export function mayUseRoute(principal: Principal | null, route: string): AccessDecision {
  return decide(principal, ROUTE_ACCESS[route]);
}

function decide(principal: Principal | null, rule: AccessRule | undefined): AccessDecision {
  if (rule === 'public') return 'ALLOWED';
  if (!principal) return 'UNAUTHENTICATED';
  if (!rule) return 'FORBIDDEN';
  return RULE_ROLES[rule].includes(principal.role) ? 'ALLOWED' : 'FORBIDDEN';
}

/** May this principal change records of this state? Coordinators only in their own. */
export function mayWriteInState(principal: Principal, stateId: string | null | undefined): boolean {
  if (principal.role === Role.ADMIN || principal.role === Role.ROLLOUT_MANAGER) return true;
  return principal.role === Role.STATE_COORDINATOR && Boolean(principal.stateId) && principal.stateId === stateId;
}

/**
 * Internal data a state coordinator does not see of other states: notes,
 * contacts and evidence, the comments and reasons given with a move (a pause
 * reason is also the statusReason), and obstacles (Blocker) altogether.
 * Everything else (stages, dates, milestones' status, contracts' status) is
 * shared, as the steering group works with it.
 */
export const INTERNAL_FIELDS: Readonly<Record<string, readonly string[]>> = {
  Authority: ['notes', 'email'],
  Onboarding: ['notes', 'subjectContact', 'technicalContact', 'statusReason'],
  OnboardingTransition: ['comment'],
  ReuseContract: ['notes'],
  ReuseVariant: ['note'],
  Milestone: ['note', 'evidenceUrl'],
};
export const INTERNAL_TYPES: readonly string[] = ['Blocker', 'OnboardingNote'];

/** Does this principal see the internal data of records of this state? */
export function seesInternals(principal: Principal, stateId: string | null | undefined): boolean {
  return principal.role !== Role.STATE_COORDINATOR || (Boolean(principal.stateId) && principal.stateId === stateId);
}

/** No state has this id: scopes a coordinator without a state to nothing. */
export const NO_STATE_ID = '00000000-0000-0000-0000-000000000000';

/**
 * Whose obstacles (Blocker, internal) this principal sees: null = every state's;
 * a state coordinator only their own state's.
 */
export function obstacleScopeOf(principal: Principal | null | undefined): string | null {
  if (principal?.role !== Role.STATE_COORDINATOR) return null;
  return principal.stateId || NO_STATE_ID;
}

/** What a coordinator may change on their own state's onboardings: the contact data. */
export const COORDINATOR_ONBOARDING_FIELDS: readonly string[] = ['subjectContact', 'technicalContact'];

/** Password rules (ASVS L2): at least 12 characters, at most 128, not the e-mail address. */
export function checkPassword(password: string, email?: string): CodedMessage[] {
  const problems: CodedMessage[] = [];
  if (password.length < 12) problems.push(issueText('TOO_SHORT', { min: 12 }));
  if (password.length > 128) problems.push(issueText('PASSWORD_TOO_LONG', { max: 128 }));
  if (email && password.toLowerCase().includes(email.toLowerCase().split('@')[0]) && email.split('@')[0].length >= 4) problems.push(issueText('PASSWORD_CONTAINS_EMAIL'));
  return problems;
}

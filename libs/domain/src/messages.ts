/**
 * Stable codes for the domain's refusal reasons and validation issues. Each
 * code has an English template for API clients (the `message`); the params
 * fill it. Clients that show their own wording (the console, in German and
 * English) translate the code with the params and ignore the message, so a
 * change of English wording breaks no client.
 */

export type MessageParams = Record<string, string | number>;

/** A coded reason or issue text: what went wrong (code), its details (params) and the English message. */
export interface CodedMessage {
  code: string;
  params: MessageParams;
  message: string;
}

type Template = (p: MessageParams) => string;

/** Why a move or an action is refused (TRANSITION_NOT_ALLOWED, `extensions.refusals`). */
export const REASON_TEMPLATES = {
  ONBOARDING_CANCELLED: () => 'the onboarding is cancelled; only an administrator can reopen it',
  ONBOARDING_PAUSED: () => 'the onboarding is paused; resume it first',
  ONBOARDING_NOT_PAUSED: () => 'the onboarding is not paused',
  ONBOARDING_ALREADY_CANCELLED: () => 'the onboarding is already cancelled',
  ONBOARDING_NOT_CANCELLED: () => 'only a cancelled onboarding can be reopened',
  ALREADY_LAST_STAGE: (p) => `the onboarding is already in the last stage (${p.stage})`,
  UNKNOWN_STAGE: (p) => `"${p.stage}" is not a stage of this service's pipeline`,
  STAGE_NOT_AFTER: (p) => `${p.stage} is not after the current stage ${p.current}; use moveOnboardingBack with a reason to go back`,
  STAGE_NOT_BEFORE: (p) => `${p.stage} is not before the current stage ${p.current}`,
  BLOCKING_OBSTACLE: (p) => `open blocking obstacle: ${p.title}`,
  CONTRACT_NOT_SIGNED: () => "the state's reuse contract for this service is not signed",
  MILESTONE_NOT_DONE: (p) => `required milestone not done: ${p.milestone} (${p.stage})`,
  MOVE_BACK_NEEDS_REASON: () => 'moving back needs a reason',
  PAUSE_NEEDS_REASON: () => 'pausing needs a reason',
  CANCEL_NEEDS_REASON: () => 'cancelling needs a reason',
  REOPEN_NEEDS_REASON: () => 'reopening needs a reason',
  LIVE_AT_NOT_A_DATE: (p) => `liveAt is not a date: "${p.value}"`,
  LIVE_AT_IN_FUTURE: (p) => `liveAt (${p.value}) must not be in the future`,
  LIVE_AT_BEFORE_STAGE: (p) => `liveAt (${p.value}) must not be before the onboarding entered its current stage (${p.enteredAt})`,
  LIVE_AT_ONLY_FOR_LIVE: (p) => `liveAt is only given when moving to ${p.stage}`,
  CONTRACT_ALREADY: (p) => `the contract is already ${p.status}`,
  CONTRACT_BACKWARDS: (p) => `a contract cannot go back from ${p.from} to ${p.to}`,
  CONTRACT_TERMINATE_UNSIGNED: (p) => `only a signed contract can be terminated (it is ${p.status})`,
  TERMINATE_NEEDS_REASON: () => 'terminating needs a reason',
  MILESTONE_ALREADY_DONE: () => 'the milestone is already done',
  MILESTONE_ALREADY_OPEN: () => 'the milestone is already open',
  MILESTONE_ALREADY_NOT_APPLICABLE: () => 'the milestone is already marked not applicable',
  OBSTACLE_ALREADY_RESOLVED: (p) => `the obstacle was already resolved on ${p.date}`,
  OBSTACLE_STILL_OPEN: () => 'the obstacle is still open',
  LAST_ADMINISTRATOR: () => 'at least one active administrator must remain',
  OBSTACLE_DELETE_BLOCKING: (p) => `the obstacle "${p.title}" is open and blocking; resolve it instead of deleting it`,
  MILESTONE_DELETE_REQUIRED: (p) => `"${p.milestone}" is required; mark it not applicable with a reason instead of deleting it`,
} satisfies Record<string, Template>;

export type ReasonCode = keyof typeof REASON_TEMPLATES;

/** What is wrong with an input field (VALIDATION, `extensions.issues[].code`). */
export const ISSUE_TEMPLATES = {
  REQUIRED: () => 'is required',
  ARS_REQUIRED: () => 'is required (12 digits)',
  TOO_LONG: (p) => `must be at most ${p.max} characters`,
  TOO_SHORT: (p) => `must be at least ${p.min} characters long`,
  NOT_ONE_OF: (p) => `must be one of ${p.values}, got "${p.input}"`,
  NOT_A_STATE_CODE: (p) => `must be one of the 16 state codes (${p.values}), got "${p.input}"`,
  NOT_HTTP_URL: () => 'must be an http(s) address',
  NOT_EMAIL: () => 'is not an e-mail address',
  NOT_A_NUMBER: () => 'must be a number',
  NOT_WHOLE_NUMBER: () => 'must be a whole number',
  NEGATIVE: () => 'must not be negative',
  TOO_SMALL: (p) => `must be at least ${p.min}`,
  TOO_LARGE: (p) => `must be at most ${p.max}`,
  NOT_A_DATE: () => 'must be a real date written YYYY-MM-DD',
  NOT_A_PERCENTAGE: () => 'must be a percentage between 0 and 100',
  ARS_PREFIX_FORMAT: () => 'must be two digits 01-16',
  ARS_FORMAT: (p) => (p.input === undefined ? 'must be exactly 12 digits' : `must be exactly 12 digits, got "${p.input}"`),
  ARS_UNKNOWN_PREFIX: (p) => `starts with ${p.prefix}, which is no state's regional key (01-16)`,
  ARS_OTHER_STATE: (p) => `starts with ${p.prefix} (${p.prefixState}) but the authority belongs to ${p.state} (${p.statePrefix})`,
  STATE_REQUIRED: () => 'must name an existing state',
  OZG_ID_FORMAT: () => 'must be 1 to 6 digits',
  LEIKA_FORMAT: () => 'must be a 14-digit LeiKa key',
  VERSION_FORMAT: () => 'must be a version like 1.17',
  STAGE_KEY_FORMAT: () => 'must be upper-case letters, digits and _ (e.g. KICK_OFF)',
  JIRA_KEY_FORMAT: () => 'must be a Jira issue key like EFA-123',
  DATE_BEFORE: (p) => `(${p.value}) must not be before ${p.other} (${p.otherValue})`,
  REQUIRED_FOR_STATUS: (p) => `is required when the status is ${p.status}`,
  EMPTY_FOR_STATUS: (p) => `must be empty while the status is ${p.status}`,
  COMPLETED_AT_REQUIRED: () => 'is required when the milestone is done',
  COMPLETED_AT_NOT_DONE: () => 'must be empty unless the milestone is done',
  NOT_APPLICABLE_NEEDS_REASON: () => 'must give the reason why the milestone does not apply',
  STATE_FOR_COORDINATOR: () => 'is required for a state coordinator',
  STATE_ONLY_FOR_COORDINATOR: () => 'is only for state coordinators',
  PASSWORD_TOO_LONG: (p) => `must be at most ${p.max} characters long`,
  PASSWORD_CONTAINS_EMAIL: () => 'must not contain the e-mail address',
  NOT_IN_FUTURE: (p) => `(${p.value}) must not be in the future`,
  REFERENCE_NOT_FOUND: (p) => `no ${p.label} has the id "${p.id}"`,
  NOT_A_STAGE_OF_SERVICE: (p) => `"${p.stage}" is not a stage of this service`,
  EMAIL_TAKEN: () => 'another account has this e-mail address',
  RESOLUTION_REQUIRED: () => 'is required: say how the obstacle was resolved',
  OBSTACLE_REOPEN_REASON_REQUIRED: () => 'is required: say why the obstacle is back',
  NOT_APPLICABLE_REASON_REQUIRED: () => 'is required: say why the milestone does not apply',
  // Unique and foreign-key constraints of the database, named at their field by the API.
  DUPLICATE_STATE_CODE: () => 'another state already has this code',
  DUPLICATE_ARS_PREFIX: () => 'another state already has this regional key prefix',
  DUPLICATE_ARS: () => 'another authority already has this ARS',
  DUPLICATE_OZG_ID: () => 'another service already has this OZG-ID',
  DUPLICATE_PRODUCT: () => 'this vendor already has a product with this name',
  DUPLICATE_CONTRACT: () => 'this state already has a reuse contract for this service',
  DUPLICATE_VARIANT: () => 'this state already has a reuse variant for this service',
  DUPLICATE_ONBOARDING: () => 'this authority already has an onboarding for this service',
  DUPLICATE_COST_KEY: () => 'a cost key with this name already exists for this year',
  DUPLICATE_SERVICE_COST: () => 'the costs of this service for this year are already recorded; edit that record',
  DUPLICATE_STAGE_KEY: () => 'this service already has a stage with this key',
  DUPLICATE_STAGE_POSITION: () => 'this service already has a stage at this position',
  DUPLICATE_TEMPLATE_KEY: () => 'this service already has a milestone template with this key',
  DUPLICATE_MILESTONE_KEY: () => 'this onboarding already has a milestone with this key',
  NO_SUCH_STATE: () => 'no state has this id',
  NO_SUCH_SPECIALIST_SYSTEM: () => 'no specialist system has this id',
  NO_SUCH_SERVICE: () => 'no service has this id',
} satisfies Record<string, Template>;

export type IssueCode = keyof typeof ISSUE_TEMPLATES;

/** A refusal reason with its English message. */
export function refusalReason(code: ReasonCode, params: MessageParams = {}): CodedMessage {
  return { code, params, message: REASON_TEMPLATES[code](params) };
}

/** An issue text with its English message (the field is added by the caller). */
export function issueText(code: IssueCode, params: MessageParams = {}): CodedMessage {
  return { code, params, message: ISSUE_TEMPLATES[code](params) };
}

export const isIssueCode = (code: string): code is IssueCode => Object.hasOwn(ISSUE_TEMPLATES, code);
export const isReasonCode = (code: string): code is ReasonCode => Object.hasOwn(REASON_TEMPLATES, code);

/**
 * Stable codes for the domain's refusal reasons and validation issues. Each
 * code has an English template for API clients (the `message`); the params
 * fill it. Clients that show their own wording (the console, in German and
 * English) translate the code with the params and ignore the message, so a
 * change of English wording breaks no client.
 */

import type { FieldIssue } from './errors.js';

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
  // Why a state pays nothing in a contract year (costs.ts NonPayingReason, the cost allocation's `reason` and `params`).
  NO_CONTRACT: () => 'no reuse contract for this service',
  NOT_SIGNED: () => 'the reuse contract is not signed',
  SIGNED_LATER: (p) => `signed only on ${p.signedAt}, after ${p.year}`,
  TERMINATED_BEFORE: (p) => `terminated on ${p.terminatedAt}, before ${p.year}`,
  ZERO_IN_KEY: () => 'signed, but its value in the key is 0',
} satisfies Record<string, Template>;

export type ReasonCode = keyof typeof REASON_TEMPLATES;

/** What is wrong with an input field (VALIDATION, `extensions.issues[].code`). */
export const ISSUE_TEMPLATES = {
  REQUIRED: () => 'is required',
  ARS_REQUIRED: () => 'is required (12 digits)',
  TOO_LONG: (p) => `must be at most ${p.max} characters`,
  NUL_CHARACTER: () => 'must not contain the NUL character (\\u0000)',
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
  OZG_ID_FORMAT: (p) => (p.input === undefined ? 'must be 1 to 6 digits' : `must be 1 to 6 digits, got "${p.input}"`),
  LEIKA_FORMAT: () => 'must be a 14-digit LeiKa key',
  LEIKA_LIST: () => 'must be a list of 14-digit keys',
  LEIKA_KEYS_INVALID: (p) => `must be 14-digit keys; invalid: ${p.invalid}`,
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
  // Cost keys and yearly costs (costs.ts) and the cost allocation's arguments (API costs/).
  YEAR_OUT_OF_RANGE: (p) => `must be a year between ${p.min} and ${p.max}, got ${p.value}`,
  NOT_A_STATE_CODE_OF: (p) => `"${p.input}" is not a state code (${p.values})`,
  STATE_LISTED_TWICE: (p) => `${p.stateCode} is listed twice`,
  VALUES_NEGATIVE: (p) => `values must be non-negative numbers; not so: ${p.values}`,
  STATES_MISSING: (p) => `needs a value for each of the 16 states; missing: ${p.missing}`,
  ALL_VALUES_ZERO: () => 'gives every state 0; at least one value must be positive',
  NAME_TOO_LONG: (p) => `must be at most ${p.max} characters long`,
  KOENIGSTEINER_NO_COMPONENTS: () => 'a KOENIGSTEINER key has factors, not components',
  COMBINED_NO_FACTORS: () => 'a COMBINED key has components, not factors (its factors are computed from them)',
  COMBINED_NEEDS_COMPONENT: () => 'a COMBINED key needs at least one component',
  COMPONENT_NAME_TAKEN: (p) => `"${p.name}" is used by another component`,
  NOT_NON_NEGATIVE_NUMBER: (p) => `must be a non-negative number, got ${p.value}`,
  WEIGHTS_SUM_ZERO: () => 'the weights must sum to more than 0',
  NOT_CENTS: (p) => `must be a whole, non-negative number of cents, got ${p.value}`,
  TOTAL_TOO_LARGE: () => 'the total is too large',
  COST_KEY_NAME_TAKEN: (p) => `a cost key "${p.name}" for ${p.year} already exists`,
  SERVICE_COST_RECORDED: (p) => `the costs of this service for ${p.year} are already recorded; edit that record`,
  COST_KEYS_REQUIRED: () => 'name at least one cost key',
  TOO_MANY_COST_KEYS: (p) => `compare at most ${p.max} keys at once, got ${p.count}`,
  LISTED_MORE_THAN_ONCE: (p) => `lists ${p.ids} more than once`,
  NO_SUCH_COST_KEY: (p) => `no cost key has the id ${p.ids}`,
  NO_COSTS_RECORDED: (p) => `no costs are recorded for ${p.service} in ${p.year}; record them first (ServiceCost)`,
  NO_STATE_SIGNED: (p) => `no state has signed for ${p.year} to ${p.service} (key "${p.key}"): nobody to share its costs`,
  SIGNERS_ZERO_IN_KEY: (p) => `every state that signed for ${p.year} has 0 in the key to ${p.service} (key "${p.key}"): nobody to share its costs`,
  // Query parameters (report routes, history, dashboard, lists).
  GIVEN_ONCE: () => 'must be given once',
  NOT_A_DATE_OR_DATE_TIME: (p) => `must be a date (YYYY-MM-DD) or a date and time (ISO 8601), got ${p.value}`,
  NOT_A_DATE_TIME: () => 'is not a date and time',
  NOT_AN_ID: (p) => `is not a valid id: ${p.value}`,
  WATCH_TARGET_NOT_FOUND: (p) => `there is no ${p.target} with id ${p.value}`,
  MUST_BE_BEFORE: (p) => `must be before ${p.other}`,
  NOT_CURRENT_PASSWORD: () => 'is not your current password',
  NO_PIPELINE_STAGES: (p) => `${p.service} has no pipeline stages yet`,
  NOT_SORTABLE: (p) => `cannot sort by "${p.input}"; sortable: ${p.values}`,
  NOT_A_SORT_ORDER: (p) => `must be ASC or DESC, got "${p.input}"`,
  NOT_BETWEEN: (p) => `must be between ${p.min} and ${p.max}, got ${p.value}`,
  NOT_ZERO_OR_MORE: (p) => `must be 0 or more, got ${p.value}`,
  NOT_WHOLE_NUMBER_BETWEEN: (p) => `must be a whole number from ${p.min} to ${p.max}, got ${p.value}`,
  TOO_MANY_AT_ONCE: (p) => `at most ${p.max} at once, got ${p.count}`,
  REFERENCE_MISSING: () => 'refers to a record that does not exist',
  NOT_ACCEPTABLE: (p) => `is not acceptable (${p.detail})`,
  // Meetings and their decisions and action items (meetings.ts).
  NOT_A_TIME_ZONE: () => 'must be a time zone by its IANA name, e.g. Europe/Berlin',
  ENDS_NOT_AFTER_START: () => 'must be after the start',
  TOO_MANY_ATTACHMENTS: (p) => `at most ${p.max} attachments`,
  OWNER_USER_OR_ORGANISATION: () => 'give either a user or an organisation as the owner, not both',
  OWNER_REQUIRED: () => 'an action item needs an owner: a user or an organisation',
  ONLY_FOR_ACTION_ITEMS: () => 'is only for action items, not for decisions',
  // Spreadsheet import (import.ts): the file, the column mapping and the values of a row.
  IMPORT_EMPTY_FILE: () => 'the file is empty: it needs a header row and at least one data row',
  IMPORT_NO_DATA_ROWS: () => 'the file has a header row but no data rows',
  IMPORT_BROKEN_UTF_ENCODING: (p) => `row ${p.row} is not valid UTF-8, though the file began as UTF-8; save the whole file as UTF-8 (or as Windows-1252)`,
  IMPORT_NOT_A_SPREADSHEET: () => 'is neither a CSV file nor an Excel workbook (.xlsx)',
  IMPORT_TOO_LARGE: (p) => `the file is larger than ${p.max} bytes`,
  IMPORT_UNKNOWN_COLUMN: (p) => `names the column "${p.column}", which the file does not have (columns: ${p.columns})`,
  IMPORT_UNKNOWN_FIELD: (p) => `"${p.input}" is no field of ${p.target}; fields: ${p.values}`,
  IMPORT_FIELD_TWICE: (p) => `${p.field} is mapped from two columns: ${p.columns}`,
  IMPORT_NO_KEY_COLUMN: (p) => `no column is mapped to ${p.fields}: rows cannot be matched`,
  IMPORT_NOT_A_DATE: (p) => `must be a date like 31.08.2023 or 2023-08-31, got "${p.input}"`,
  IMPORT_NOT_A_NUMBER: (p) => `must be a number like 1.234,5 or 1234.5, got "${p.input}"`,
  IMPORT_UNKNOWN_STATE: (p) => `names no state: "${p.input}" (a state code like BB or a state name)`,
  IMPORT_UNKNOWN_VALUE: (p) => `"${p.input}" is not one of ${p.values}`,
  IMPORT_UNKNOWN_SPECIALIST_SYSTEM: (p) => `names no specialist system: "${p.input}"`,
  IMPORT_AMBIGUOUS_SPECIALIST_SYSTEM: (p) => `"${p.input}" names several specialist systems: ${p.candidates}; write vendor and product`,
  IMPORT_AMBIGUOUS_MATCH: (p) => `matches several authorities: ${p.candidates}; give the ARS`,
  IMPORT_NO_MATCH: () => 'matches no authority, and a new one needs an ARS',
  IMPORT_DUPLICATE_ROW: (p) => `repeats row ${p.row}`,
  IMPORT_CONFLICTING_ROW: (p) => `writes the same record as row ${p.row} with other values`,
  IMPORT_UNKNOWN_SERVICE: (p) => `names no service: "${p.input}" (its name, OZG-ID or LeiKa key)`,
  IMPORT_AMBIGUOUS_SERVICE: (p) => `"${p.input}" names several services: ${p.candidates}; give the OZG-ID`,
  IMPORT_NO_AUTHORITY: () => 'matches no authority; give its ARS, or its name and state',
  IMPORT_NO_ONBOARDING: (p) => `the authority has no onboarding for ${p.service}; contacts of a service are kept on its onboarding, start it first`,
  IMPORT_NEEDS_SERVICE: () => 'needs a service in the row: subject-matter and technical contacts are kept per service',
  // Rollout waves (waves.ts) and connection guides.
  DUPLICATE_WAVE_NAME: () => 'this service already has a wave with this name',
  WAVE_NOT_OF_SERVICE: (p) => `the wave "${p.wave}" is not a wave of ${p.service}`,
  LISTED_TWICE: (p) => `lists "${p.value}" twice`,
  WAVE_OTHER_SERVICE: (p) => `the wave "${p.wave}" is for ${p.waveService}, but ${p.authority}'s onboarding is for ${p.service}`,
  MEETING_WAVE_OTHER_SERVICE: (p) => `the wave "${p.wave}" is for ${p.service}, which is not among the meeting's services`,
  WAVE_SERVICE_FIXED: () => 'cannot change while onboardings are assigned to the wave',
  NO_SUCH_USER: (p) => `no user has the id "${p.id}"`,
  NO_SUCH_MILESTONE_TEMPLATE: (p) => `"${p.key}" is no milestone template of this service`,
  NOT_ALL_SECTIONS: (p) => `must list each section of the guide exactly once (${p.count} sections)`,
  IMPORT_OTHER_STATE: (p) => `belongs to ${p.state}; a state coordinator imports only rows of their own state`,
  // Onboarding status import (import-onboardings.ts) and Jira import (jira.ts).
  IMPORT_UNKNOWN_AUTHORITY: (p) => `names no authority: "${p.input}" (give the ARS or the name as the authority list writes it)`,
  IMPORT_UNKNOWN_STAGE: (p) => `"${p.input}" is no stage of ${p.service} (stages: ${p.values})`,
  IMPORT_LIVE_DATE_NOT_LIVE: (p) => `is a go-live date, but the onboarding is not in the stage ${p.stage}`,
  IMPORT_LIVE_BEFORE_STAGE: (p) => `(${p.value}) is before the onboarding entered its current stage ${p.stage} (${p.enteredAt}); the transition log would be out of order`,
  IMPORT_REOPEN_NEEDS_ADMIN: () => 'would reopen a cancelled onboarding; only an administrator may do that',
  IMPORT_JIRA_KEY_TAKEN: (p) => `${p.key} is already the Jira key of another onboarding (${p.other})`,
  JIRA_NOT_A_DATE: (p) => `must be a Jira date like 12/Mar/24 10:15 AM or 12.03.2024 10:15, got "${p.input}"`,
  JIRA_NOT_A_COMMENT: (p) => `is not a Jira comment "date;author;text": "${p.input}"`,
  JIRA_NOT_A_KEY: (p) => `must be a Jira issue key like EFAAT-101, got "${p.input}"`,
  JIRA_UNMAPPED_STATUS: (p) => `the Jira status "${p.input}" is mapped to no stage; add it to jiraMapping.statuses (stages: ${p.values}, or ON_HOLD, CANCELLED)`,
  JIRA_NO_AUTHORITY: (p) => `names no authority: ${p.where}`,
  JIRA_NO_SERVICE: (p) => `names no service: ${p.where}; map a column, a summary pattern with a service group, or jiraMapping.service`,
  JIRA_MAPPING_UNKNOWN_KEY: (p) => `"${p.input}" is no part of a Jira mapping (${p.values})`,
  JIRA_MAPPING_NOT_TEXT: () => 'must be text or null',
  JIRA_MAPPING_NOT_OBJECT: () => 'must be a JSON object with statuses, summaryPattern and service',
  JIRA_TRACKED_ELSEWHERE: (p) => `the onboarding of ${p.authority} for ${p.service} is tracked in ${p.other} already`,
  JIRA_MAPPING_STATUSES: () => 'must be an object of Jira status → stage key (or ON_HOLD, CANCELLED)',
  JIRA_MAPPING_STAGE: (p) => `must be a stage key like KICK_OFF (or ON_HOLD, CANCELLED), got "${p.input}"`,
  JIRA_PATTERN_INVALID: (p) => `is not a regular expression (${p.detail})`,
  JIRA_PATTERN_NO_GROUP: () => 'must have a named group (?<authority>…) or (?<service>…)',
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

/** A coded issue at a field (`{ field, code, params, message }`). */
export function issueAt(field: string, code: IssueCode, params: MessageParams = {}): FieldIssue {
  return { field, ...issueText(code, params) };
}

export const isIssueCode = (code: string): code is IssueCode => Object.hasOwn(ISSUE_TEMPLATES, code);
export const isReasonCode = (code: string): code is ReasonCode => Object.hasOwn(REASON_TEMPLATES, code);

import type { IssueCode, ReasonCode } from '@efa/domain';
import { DEFAULT_LOCALE, INTL_LOCALES, isAppLocale } from '../i18n/locales';
import { stageName, type StageLabelSource } from '../onboardings/logic';

/**
 * The console's wording of the coded refusal reasons (`reason.*`) and
 * validation issues (`issue.*`) of libs/domain (messages.ts): the API sends
 * `code` and `params` next to its English message, the domain's rules give
 * them in the console too, and `localizeCoded` fills the template of the
 * user's language with the params. A code the catalogue does not know (a
 * newer API) shows the API's message. The types make tsc reject a code
 * missing here.
 */
const en: { reason: Record<ReasonCode, string>; issue: Record<IssueCode, string> } = {
  reason: {
    ONBOARDING_CANCELLED: 'the onboarding is cancelled; only an administrator can reopen it',
    ONBOARDING_PAUSED: 'the onboarding is paused; resume it first',
    ONBOARDING_NOT_PAUSED: 'the onboarding is not paused',
    ONBOARDING_ALREADY_CANCELLED: 'the onboarding is already cancelled',
    ONBOARDING_NOT_CANCELLED: 'only a cancelled onboarding can be reopened',
    ALREADY_LAST_STAGE: 'the onboarding is already in the last stage (%{stage})',
    UNKNOWN_STAGE: '"%{stage}" is not a stage of this service\'s pipeline',
    STAGE_NOT_AFTER: '%{stage} is not after the current stage %{current}; move it back with a reason instead',
    STAGE_NOT_BEFORE: '%{stage} is not before the current stage %{current}',
    BLOCKING_OBSTACLE: 'open blocking obstacle: %{title}',
    CONTRACT_NOT_SIGNED: "the state's reuse contract for this service is not signed",
    MILESTONE_NOT_DONE: 'required milestone not done: %{milestone} (%{stage})',
    MOVE_BACK_NEEDS_REASON: 'moving back needs a reason',
    PAUSE_NEEDS_REASON: 'pausing needs a reason',
    CANCEL_NEEDS_REASON: 'cancelling needs a reason',
    REOPEN_NEEDS_REASON: 'reopening needs a reason',
    LIVE_AT_NOT_A_DATE: 'the go-live date is not a date: "%{value}"',
    LIVE_AT_IN_FUTURE: 'the go-live date (%{value}) must not be in the future',
    LIVE_AT_BEFORE_STAGE: 'the go-live date (%{value}) must not be before the onboarding entered its current stage (%{enteredAt})',
    LIVE_AT_ONLY_FOR_LIVE: 'a go-live date is only given when moving to %{stage}',
    CONTRACT_ALREADY: 'the contract is already "%{status}"',
    CONTRACT_BACKWARDS: 'a contract cannot go back from "%{from}" to "%{to}"',
    CONTRACT_TERMINATE_UNSIGNED: 'only a signed contract can be terminated (it is "%{status}")',
    TERMINATE_NEEDS_REASON: 'terminating needs a reason',
    MILESTONE_ALREADY_DONE: 'the milestone is already done',
    MILESTONE_ALREADY_OPEN: 'the milestone is already open',
    MILESTONE_ALREADY_NOT_APPLICABLE: 'the milestone is already marked not applicable',
    OBSTACLE_ALREADY_RESOLVED: 'the obstacle was already resolved on %{date}',
    OBSTACLE_STILL_OPEN: 'the obstacle is still open',
    LAST_ADMINISTRATOR: 'at least one active administrator must remain',
    OBSTACLE_DELETE_BLOCKING: 'the obstacle "%{title}" is open and blocking; resolve it instead of deleting it',
    MILESTONE_DELETE_REQUIRED: '"%{milestone}" is required; mark it not applicable with a reason instead of deleting it',
    NO_CONTRACT: 'No reuse contract for this service',
    NOT_SIGNED: 'Reuse contract not signed',
    SIGNED_LATER: 'Signed only on %{signedAt}, after %{year}',
    TERMINATED_BEFORE: 'Terminated on %{terminatedAt}, before %{year}',
    ZERO_IN_KEY: 'Signed, but 0 in the key',
  },
  issue: {
    REQUIRED: 'is required',
    ARS_REQUIRED: 'is required (12 digits)',
    TOO_LONG: 'must be at most %{max} characters',
    TOO_SHORT: 'must be at least %{min} characters long',
    NOT_ONE_OF: 'must be one of %{values}, got "%{input}"',
    NOT_A_STATE_CODE: 'must be one of the 16 state codes (%{values}), got "%{input}"',
    NOT_HTTP_URL: 'must be an http(s) address',
    NOT_EMAIL: 'is not an e-mail address',
    NOT_A_NUMBER: 'must be a number',
    NOT_WHOLE_NUMBER: 'must be a whole number',
    NEGATIVE: 'must not be negative',
    TOO_SMALL: 'must be at least %{min}',
    TOO_LARGE: 'must be at most %{max}',
    NOT_A_DATE: 'must be a real date written YYYY-MM-DD',
    NOT_A_PERCENTAGE: 'must be a percentage between 0 and 100',
    ARS_PREFIX_FORMAT: 'must be two digits 01-16',
    ARS_FORMAT: 'must be exactly 12 digits',
    ARS_UNKNOWN_PREFIX: "starts with %{prefix}, which is no state's regional key (01-16)",
    ARS_OTHER_STATE: 'starts with %{prefix} (%{prefixState}) but the authority belongs to %{state} (%{statePrefix})',
    STATE_REQUIRED: 'must name an existing state',
    OZG_ID_FORMAT: 'must be 1 to 6 digits',
    LEIKA_FORMAT: 'must be a 14-digit LeiKa key',
    LEIKA_LIST: 'must be a list of 14-digit keys',
    LEIKA_KEYS_INVALID: 'must be 14-digit keys; invalid: %{invalid}',
    VERSION_FORMAT: 'must be a version like 1.17',
    STAGE_KEY_FORMAT: 'must be upper-case letters, digits and _ (e.g. KICK_OFF)',
    JIRA_KEY_FORMAT: 'must be a Jira issue key like EFA-123',
    DATE_BEFORE: '(%{value}) must not be before %{other} (%{otherValue})',
    REQUIRED_FOR_STATUS: 'is required when the status is "%{status}"',
    EMPTY_FOR_STATUS: 'must be empty while the status is "%{status}"',
    COMPLETED_AT_REQUIRED: 'is required when the milestone is done',
    COMPLETED_AT_NOT_DONE: 'must be empty unless the milestone is done',
    NOT_APPLICABLE_NEEDS_REASON: 'must give the reason why the milestone does not apply',
    STATE_FOR_COORDINATOR: 'is required for a state coordinator',
    STATE_ONLY_FOR_COORDINATOR: 'is only for state coordinators',
    PASSWORD_TOO_LONG: 'must be at most %{max} characters long',
    PASSWORD_CONTAINS_EMAIL: 'must not contain the e-mail address',
    NOT_IN_FUTURE: '(%{value}) must not be in the future',
    REFERENCE_NOT_FOUND: 'no %{label} has the id "%{id}"',
    NOT_A_STAGE_OF_SERVICE: '"%{stage}" is not a stage of this service',
    EMAIL_TAKEN: 'another account has this e-mail address',
    RESOLUTION_REQUIRED: 'is required: say how the obstacle was resolved',
    OBSTACLE_REOPEN_REASON_REQUIRED: 'is required: say why the obstacle is back',
    NOT_APPLICABLE_REASON_REQUIRED: 'is required: say why the milestone does not apply',
    DUPLICATE_STATE_CODE: 'another state already has this code',
    DUPLICATE_ARS_PREFIX: 'another state already has this regional key prefix',
    DUPLICATE_ARS: 'another authority already has this ARS',
    DUPLICATE_OZG_ID: 'another service already has this OZG-ID',
    DUPLICATE_PRODUCT: 'this vendor already has a product with this name',
    DUPLICATE_CONTRACT: 'this state already has a reuse contract for this service',
    DUPLICATE_VARIANT: 'this state already has a reuse variant for this service',
    DUPLICATE_ONBOARDING: 'this authority already has an onboarding for this service',
    DUPLICATE_COST_KEY: 'a cost key with this name already exists for this year',
    DUPLICATE_SERVICE_COST: 'the costs of this service for this year are already recorded; edit that record',
    DUPLICATE_STAGE_KEY: 'this service already has a stage with this key',
    DUPLICATE_STAGE_POSITION: 'this service already has a stage at this position',
    DUPLICATE_TEMPLATE_KEY: 'this service already has a milestone template with this key',
    DUPLICATE_MILESTONE_KEY: 'this onboarding already has a milestone with this key',
    NO_SUCH_STATE: 'no state has this id',
    NO_SUCH_SPECIALIST_SYSTEM: 'no specialist system has this id',
    NO_SUCH_SERVICE: 'no service has this id',
    YEAR_OUT_OF_RANGE: 'must be a year between %{min} and %{max}, got %{value}',
    NOT_A_STATE_CODE_OF: '"%{input}" is not a state code (%{values})',
    STATE_LISTED_TWICE: '%{stateCode} is listed twice',
    VALUES_NEGATIVE: 'values must be non-negative numbers; not so: %{values}',
    STATES_MISSING: 'needs a value for each of the 16 states; missing: %{missing}',
    ALL_VALUES_ZERO: 'gives every state 0; at least one value must be positive',
    NAME_TOO_LONG: 'must be at most %{max} characters long',
    KOENIGSTEINER_NO_COMPONENTS: 'a Königsteiner key has factors, not components',
    COMBINED_NO_FACTORS: 'a combined key has components, not factors (its factors are computed from them)',
    COMBINED_NEEDS_COMPONENT: 'a combined key needs at least one component',
    COMPONENT_NAME_TAKEN: '"%{name}" is used by another component',
    NOT_NON_NEGATIVE_NUMBER: 'must be a non-negative number, got %{value}',
    WEIGHTS_SUM_ZERO: 'the weights must sum to more than 0',
    NOT_CENTS: 'must be a whole, non-negative amount in cents, got %{value}',
    TOTAL_TOO_LARGE: 'the total is too large',
    COST_KEY_NAME_TAKEN: 'a cost key "%{name}" for %{year} already exists',
    SERVICE_COST_RECORDED: 'the costs of this service for %{year} are already recorded; edit that record',
    COST_KEYS_REQUIRED: 'choose at least one cost key',
    TOO_MANY_COST_KEYS: 'compare at most %{max} keys at once (chosen: %{count})',
    LISTED_MORE_THAN_ONCE: 'lists %{ids} more than once',
    NO_SUCH_COST_KEY: 'no cost key has the id %{ids}',
    NO_COSTS_RECORDED: 'no costs are recorded for %{service} in %{year}; record them first (yearly costs)',
    NO_STATE_SIGNED: 'no state has signed for %{year} to %{service} (key "%{key}"): nobody to share its costs',
    SIGNERS_ZERO_IN_KEY: 'every state that signed for %{year} has 0 in the key "%{key}" (%{service}): nobody to share its costs',
    GIVEN_ONCE: 'must be given once',
    NOT_A_DATE_OR_DATE_TIME: 'must be a date (YYYY-MM-DD) or a date and time (ISO 8601), got %{value}',
    NOT_A_DATE_TIME: 'is not a date and time',
    NOT_AN_ID: 'is not a valid id: %{value}',
    MUST_BE_BEFORE: 'must be before %{other}',
    NOT_CURRENT_PASSWORD: 'is not your current password',
    NO_PIPELINE_STAGES: '%{service} has no pipeline stages yet',
    NOT_SORTABLE: 'cannot sort by "%{input}"; sortable: %{values}',
    NOT_A_SORT_ORDER: 'must be ASC or DESC, got "%{input}"',
    NOT_BETWEEN: 'must be between %{min} and %{max}, got %{value}',
    NOT_ZERO_OR_MORE: 'must be 0 or more, got %{value}',
    NOT_WHOLE_NUMBER_BETWEEN: 'must be a whole number from %{min} to %{max}, got %{value}',
    TOO_MANY_AT_ONCE: 'at most %{max} at once, got %{count}',
    REFERENCE_MISSING: 'refers to a record that does not exist',
    NOT_ACCEPTABLE: 'is not acceptable (%{detail})',
  },
};

const de: typeof en = {
  reason: {
    ONBOARDING_CANCELLED: 'Die Anbindung ist abgebrochen; nur die Administration kann sie wieder aufnehmen.',
    ONBOARDING_PAUSED: 'Die Anbindung ist pausiert; setzen Sie sie zuerst fort.',
    ONBOARDING_NOT_PAUSED: 'Die Anbindung ist nicht pausiert.',
    ONBOARDING_ALREADY_CANCELLED: 'Die Anbindung ist bereits abgebrochen.',
    ONBOARDING_NOT_CANCELLED: 'Nur eine abgebrochene Anbindung kann wieder aufgenommen werden.',
    ALREADY_LAST_STAGE: 'Die Anbindung ist bereits in der letzten Phase (%{stage}).',
    UNKNOWN_STAGE: '„%{stage}“ ist keine Phase dieser Leistung.',
    STAGE_NOT_AFTER: '%{stage} liegt nicht nach der aktuellen Phase %{current}; stufen Sie die Anbindung stattdessen mit Begründung zurück.',
    STAGE_NOT_BEFORE: '%{stage} liegt nicht vor der aktuellen Phase %{current}.',
    BLOCKING_OBSTACLE: 'Offenes blockierendes Hemmnis: %{title}',
    CONTRACT_NOT_SIGNED: 'Der Nachnutzungsvertrag des Landes für diese Leistung ist nicht unterzeichnet.',
    MILESTONE_NOT_DONE: 'Pflicht-Meilenstein nicht erledigt: %{milestone} (%{stage})',
    MOVE_BACK_NEEDS_REASON: 'Zum Zurückstufen ist eine Begründung nötig.',
    PAUSE_NEEDS_REASON: 'Zum Pausieren ist eine Begründung nötig.',
    CANCEL_NEEDS_REASON: 'Zum Abbrechen ist eine Begründung nötig.',
    REOPEN_NEEDS_REASON: 'Zum Wiederaufnehmen ist eine Begründung nötig.',
    LIVE_AT_NOT_A_DATE: 'Das Go-Live-Datum ist kein Datum: „%{value}“',
    LIVE_AT_IN_FUTURE: 'Das Go-Live-Datum (%{value}) darf nicht in der Zukunft liegen.',
    LIVE_AT_BEFORE_STAGE: 'Das Go-Live-Datum (%{value}) darf nicht vor dem Eintritt in die aktuelle Phase (%{enteredAt}) liegen.',
    LIVE_AT_ONLY_FOR_LIVE: 'Ein Go-Live-Datum wird nur beim Weiterschalten nach %{stage} angegeben.',
    CONTRACT_ALREADY: 'Der Vertrag hat bereits den Status „%{status}“.',
    CONTRACT_BACKWARDS: 'Ein Vertrag kann nicht von „%{from}“ auf „%{to}“ zurückgehen.',
    CONTRACT_TERMINATE_UNSIGNED: 'Nur ein unterzeichneter Vertrag kann beendet werden (Status: „%{status}“).',
    TERMINATE_NEEDS_REASON: 'Zum Beenden ist eine Begründung nötig.',
    MILESTONE_ALREADY_DONE: 'Der Meilenstein ist bereits erledigt.',
    MILESTONE_ALREADY_OPEN: 'Der Meilenstein ist bereits offen.',
    MILESTONE_ALREADY_NOT_APPLICABLE: 'Der Meilenstein ist bereits als entfallen markiert.',
    OBSTACLE_ALREADY_RESOLVED: 'Das Hemmnis wurde bereits am %{date} gelöst.',
    OBSTACLE_STILL_OPEN: 'Das Hemmnis ist noch offen.',
    LAST_ADMINISTRATOR: 'Mindestens eine aktive Administration muss bleiben.',
    OBSTACLE_DELETE_BLOCKING: 'Das Hemmnis „%{title}“ ist offen und blockierend; lösen Sie es, statt es zu löschen.',
    MILESTONE_DELETE_REQUIRED: '„%{milestone}“ ist Pflicht; markieren Sie ihn mit Begründung als entfallen, statt ihn zu löschen.',
    NO_CONTRACT: 'Kein Nachnutzungsvertrag für diese Leistung',
    NOT_SIGNED: 'Nachnutzungsvertrag nicht unterzeichnet',
    SIGNED_LATER: 'Erst am %{signedAt} unterzeichnet, also nach %{year}',
    TERMINATED_BEFORE: 'Am %{terminatedAt} beendet, also vor %{year}',
    ZERO_IN_KEY: 'Unterzeichnet, im Schlüssel aber mit 0',
  },
  issue: {
    REQUIRED: 'ist erforderlich',
    ARS_REQUIRED: 'ist erforderlich (12 Ziffern)',
    TOO_LONG: 'darf höchstens %{max} Zeichen lang sein',
    TOO_SHORT: 'muss mindestens %{min} Zeichen lang sein',
    NOT_ONE_OF: 'muss einer der Werte %{values} sein, nicht „%{input}“',
    NOT_A_STATE_CODE: 'muss eines der 16 Länderkürzel sein (%{values}), nicht „%{input}“',
    NOT_HTTP_URL: 'muss eine http(s)-Adresse sein',
    NOT_EMAIL: 'ist keine E-Mail-Adresse',
    NOT_A_NUMBER: 'muss eine Zahl sein',
    NOT_WHOLE_NUMBER: 'muss eine ganze Zahl sein',
    NEGATIVE: 'darf nicht negativ sein',
    TOO_SMALL: 'muss mindestens %{min} sein',
    TOO_LARGE: 'darf höchstens %{max} sein',
    NOT_A_DATE: 'muss ein gültiges Datum (JJJJ-MM-TT) sein',
    NOT_A_PERCENTAGE: 'muss ein Prozentwert zwischen 0 und 100 sein',
    ARS_PREFIX_FORMAT: 'muss aus zwei Ziffern 01–16 bestehen',
    ARS_FORMAT: 'muss aus genau 12 Ziffern bestehen',
    ARS_UNKNOWN_PREFIX: 'beginnt mit %{prefix}, das ist kein Regionalschlüssel eines Landes (01–16)',
    ARS_OTHER_STATE: 'beginnt mit %{prefix} (%{prefixState}), die Behörde gehört aber zu %{state} (%{statePrefix})',
    STATE_REQUIRED: 'muss ein vorhandenes Land nennen',
    OZG_ID_FORMAT: 'muss aus 1 bis 6 Ziffern bestehen',
    LEIKA_FORMAT: 'muss ein 14-stelliger LeiKa-Schlüssel sein',
    LEIKA_LIST: 'muss eine Liste 14-stelliger Schlüssel sein',
    LEIKA_KEYS_INVALID: 'muss aus 14-stelligen Schlüsseln bestehen; ungültig: %{invalid}',
    VERSION_FORMAT: 'muss eine Version wie 1.17 sein',
    STAGE_KEY_FORMAT: 'darf nur Großbuchstaben, Ziffern und _ enthalten (z. B. KICK_OFF)',
    JIRA_KEY_FORMAT: 'muss ein Jira-Schlüssel wie EFA-123 sein',
    DATE_BEFORE: '(%{value}) darf nicht vor %{other} (%{otherValue}) liegen',
    REQUIRED_FOR_STATUS: 'ist beim Status „%{status}“ erforderlich',
    EMPTY_FOR_STATUS: 'muss beim Status „%{status}“ leer sein',
    COMPLETED_AT_REQUIRED: 'ist erforderlich, wenn der Meilenstein erledigt ist',
    COMPLETED_AT_NOT_DONE: 'muss leer sein, solange der Meilenstein nicht erledigt ist',
    NOT_APPLICABLE_NEEDS_REASON: 'muss begründen, warum der Meilenstein entfällt',
    STATE_FOR_COORDINATOR: 'ist für die Landeskoordination erforderlich',
    STATE_ONLY_FOR_COORDINATOR: 'ist nur für die Landeskoordination vorgesehen',
    PASSWORD_TOO_LONG: 'darf höchstens %{max} Zeichen lang sein',
    PASSWORD_CONTAINS_EMAIL: 'darf die E-Mail-Adresse nicht enthalten',
    NOT_IN_FUTURE: '(%{value}) darf nicht in der Zukunft liegen',
    REFERENCE_NOT_FOUND: 'kein Datensatz (%{label}) hat die ID „%{id}“',
    NOT_A_STAGE_OF_SERVICE: '„%{stage}“ ist keine Phase dieser Leistung',
    EMAIL_TAKEN: 'ein anderes Konto hat diese E-Mail-Adresse',
    RESOLUTION_REQUIRED: 'ist erforderlich: Wie wurde das Hemmnis gelöst?',
    OBSTACLE_REOPEN_REASON_REQUIRED: 'ist erforderlich: Warum ist das Hemmnis wieder da?',
    NOT_APPLICABLE_REASON_REQUIRED: 'ist erforderlich: Warum entfällt der Meilenstein?',
    DUPLICATE_STATE_CODE: 'ein anderes Land hat bereits dieses Kürzel',
    DUPLICATE_ARS_PREFIX: 'ein anderes Land hat bereits diesen Regionalschlüssel-Anfang',
    DUPLICATE_ARS: 'eine andere Behörde hat bereits diesen Regionalschlüssel',
    DUPLICATE_OZG_ID: 'eine andere Leistung hat bereits diese OZG-ID',
    DUPLICATE_PRODUCT: 'dieser Hersteller hat bereits ein Produkt mit diesem Namen',
    DUPLICATE_CONTRACT: 'dieses Land hat bereits einen Nachnutzungsvertrag für diese Leistung',
    DUPLICATE_VARIANT: 'dieses Land hat bereits eine Nachnutzungsvariante für diese Leistung',
    DUPLICATE_ONBOARDING: 'diese Behörde hat bereits eine Anbindung für diese Leistung',
    DUPLICATE_COST_KEY: 'für dieses Jahr gibt es bereits einen Kostenschlüssel mit diesem Namen',
    DUPLICATE_SERVICE_COST: 'die Kosten dieser Leistung für dieses Jahr sind bereits erfasst; bearbeiten Sie diesen Eintrag',
    DUPLICATE_STAGE_KEY: 'diese Leistung hat bereits eine Phase mit diesem Schlüssel',
    DUPLICATE_STAGE_POSITION: 'diese Leistung hat bereits eine Phase an dieser Position',
    DUPLICATE_TEMPLATE_KEY: 'diese Leistung hat bereits eine Meilenstein-Vorlage mit diesem Schlüssel',
    DUPLICATE_MILESTONE_KEY: 'diese Anbindung hat bereits einen Meilenstein mit diesem Schlüssel',
    NO_SUCH_STATE: 'kein Land hat diese ID',
    NO_SUCH_SPECIALIST_SYSTEM: 'kein Fachverfahren hat diese ID',
    NO_SUCH_SERVICE: 'keine Leistung hat diese ID',
    YEAR_OUT_OF_RANGE: 'muss ein Jahr zwischen %{min} und %{max} sein (angegeben: %{value})',
    NOT_A_STATE_CODE_OF: '„%{input}“ ist kein Länderkürzel (%{values})',
    STATE_LISTED_TWICE: '%{stateCode} ist doppelt aufgeführt',
    VALUES_NEGATIVE: 'Werte dürfen nicht negativ sein; betroffen: %{values}',
    STATES_MISSING: 'braucht einen Wert für jedes der 16 Länder; es fehlen: %{missing}',
    ALL_VALUES_ZERO: 'gibt jedem Land 0; mindestens ein Wert muss positiv sein',
    NAME_TOO_LONG: 'darf höchstens %{max} Zeichen lang sein',
    KOENIGSTEINER_NO_COMPONENTS: 'ein Königsteiner Schlüssel hat Faktoren, keine Komponenten',
    COMBINED_NO_FACTORS: 'ein kombinierter Schlüssel hat Komponenten, keine Faktoren (seine Faktoren werden daraus berechnet)',
    COMBINED_NEEDS_COMPONENT: 'ein kombinierter Schlüssel braucht mindestens eine Komponente',
    COMPONENT_NAME_TAKEN: '„%{name}“ wird bereits von einer anderen Komponente verwendet',
    NOT_NON_NEGATIVE_NUMBER: 'muss eine nicht negative Zahl sein (angegeben: %{value})',
    WEIGHTS_SUM_ZERO: 'die Gewichte müssen zusammen größer als 0 sein',
    NOT_CENTS: 'muss ein ganzzahliger, nicht negativer Centbetrag sein (angegeben: %{value})',
    TOTAL_TOO_LARGE: 'die Summe ist zu groß',
    COST_KEY_NAME_TAKEN: 'einen Kostenschlüssel „%{name}“ für %{year} gibt es bereits',
    SERVICE_COST_RECORDED: 'die Kosten dieser Leistung für %{year} sind bereits erfasst; bitte bearbeiten Sie diesen Eintrag',
    COST_KEYS_REQUIRED: 'wählen Sie mindestens einen Kostenschlüssel',
    TOO_MANY_COST_KEYS: 'vergleichen Sie höchstens %{max} Schlüssel auf einmal (gewählt: %{count})',
    LISTED_MORE_THAN_ONCE: 'nennt %{ids} mehrfach',
    NO_SUCH_COST_KEY: 'kein Kostenschlüssel hat die ID %{ids}',
    NO_COSTS_RECORDED: 'für %{service} sind für %{year} keine Kosten erfasst; erfassen Sie zuerst die Jahreskosten',
    NO_STATE_SIGNED: 'kein Land hat für %{year} unterzeichnet (%{service}, Schlüssel „%{key}“): niemand, auf den die Kosten verteilt werden können',
    SIGNERS_ZERO_IN_KEY: 'alle Länder, die für %{year} unterzeichnet haben, haben im Schlüssel „%{key}“ den Wert 0 (%{service}): niemand, auf den die Kosten verteilt werden können',
    GIVEN_ONCE: 'darf nur einmal angegeben werden',
    NOT_A_DATE_OR_DATE_TIME: 'muss ein Datum (JJJJ-MM-TT) oder ein Zeitpunkt (ISO 8601) sein (angegeben: %{value})',
    NOT_A_DATE_TIME: 'ist kein gültiger Zeitpunkt',
    NOT_AN_ID: 'ist keine gültige ID: %{value}',
    MUST_BE_BEFORE: 'muss vor %{other} liegen',
    NOT_CURRENT_PASSWORD: 'ist nicht Ihr aktuelles Passwort',
    NO_PIPELINE_STAGES: '%{service} hat noch keine Phasen',
    NOT_SORTABLE: 'danach kann nicht sortiert werden: „%{input}“; sortierbar: %{values}',
    NOT_A_SORT_ORDER: 'muss ASC oder DESC sein (angegeben: „%{input}“)',
    NOT_BETWEEN: 'muss zwischen %{min} und %{max} liegen (angegeben: %{value})',
    NOT_ZERO_OR_MORE: 'muss 0 oder größer sein (angegeben: %{value})',
    NOT_WHOLE_NUMBER_BETWEEN: 'muss eine ganze Zahl von %{min} bis %{max} sein (angegeben: %{value})',
    TOO_MANY_AT_ONCE: 'höchstens %{max} auf einmal (angegeben: %{count})',
    REFERENCE_MISSING: 'verweist auf einen Datensatz, den es nicht gibt',
    NOT_ACCEPTABLE: 'ist nicht zulässig (%{detail})',
  },
};

export const codedMessages = { de, en };

/** A reason or issue as the API or the domain gives it: a code with params (absent from older sources) and the English message. */
export interface CodedText {
  code?: string;
  params?: Record<string, unknown>;
  message: string;
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** Params naming a stage key, shown by the stage's name. */
const STAGE_PARAMS = new Set(['stage', 'current']);
/** Params naming a contract status, shown by its label. */
const STATUS_PARAMS = new Set(['status', 'from', 'to']);
/** Params naming a calendar day (YYYY-MM-DD), shown as the locale writes dates (01.03.2026 in German). */
const DATE_PARAMS = new Set(['date', 'enteredAt', 'signedAt', 'terminatedAt']);

function localDay(value: string, locale: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const intl = INTL_LOCALES[isAppLocale(locale) ? locale : DEFAULT_LOCALE];
  return new Intl.DateTimeFormat(intl, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${value}T00:00:00Z`));
}

/**
 * The text of a coded reason (`kind` 'reason') or issue ('issue') in the
 * console's language: the catalogue's template filled with the params, stage
 * keys by their names, contract statuses by their labels, days as the
 * locale writes them, and a param `x`
 * replaced by `x_<locale>` where the source gives one (milestone names).
 * Without a code, or with one the catalogue lacks, the English message.
 */
export function localizeCoded(kind: 'reason' | 'issue', item: CodedText, translate: Translate, locale: string, stages: readonly StageLabelSource[] = []): string {
  if (!item.code) return item.message;
  const raw = item.params ?? {};
  const params: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (/_(de|en)$/.test(name)) continue;
    const own = raw[`${name}_${locale}`];
    if (own !== undefined && own !== null && own !== '') params[name] = own;
    else if (STAGE_PARAMS.has(name) && typeof value === 'string') params[name] = stageName(value, locale, stages);
    else if (STATUS_PARAMS.has(name) && typeof value === 'string') params[name] = translate(`app.enum.ContractStatus.${value}`, { _: value });
    else if (DATE_PARAMS.has(name) && typeof value === 'string') params[name] = localDay(value, locale);
    else params[name] = value;
  }
  return translate(`${kind}.${item.code}`, { ...params, _: item.message });
}

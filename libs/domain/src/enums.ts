/** Enumerations of the domain. Values are stable identifiers stored in the database. */

export const AuthorityKind = {
  FOREIGNERS_AUTHORITY: 'FOREIGNERS_AUTHORITY',
  MUNICIPALITY: 'MUNICIPALITY',
  DISTRICT_ADMINISTRATION: 'DISTRICT_ADMINISTRATION',
  STATE_AUTHORITY: 'STATE_AUTHORITY',
  OTHER: 'OTHER',
} as const;
export type AuthorityKind = (typeof AuthorityKind)[keyof typeof AuthorityKind];

/** Administrative level the authority sits at. */
export const AuthorityLevel = {
  /** Landkreis / Kreis */
  DISTRICT: 'DISTRICT',
  /** kreisfreie Stadt / Stadtkreis / Regionalverband */
  DISTRICT_FREE_CITY: 'DISTRICT_FREE_CITY',
  /** kreisangehörige Gemeinde */
  MUNICIPALITY: 'MUNICIPALITY',
  /** Land (state-level authority, e.g. a central foreigners' authority) */
  STATE: 'STATE',
} as const;
export type AuthorityLevel = (typeof AuthorityLevel)[keyof typeof AuthorityLevel];

export const ContractStatus = {
  NONE: 'NONE',
  INTEREST_DECLARED: 'INTEREST_DECLARED',
  NEGOTIATING: 'NEGOTIATING',
  SIGNED: 'SIGNED',
  TERMINATED: 'TERMINATED',
} as const;
export type ContractStatus = (typeof ContractStatus)[keyof typeof ContractStatus];

/** The four legal routes a state contract goes. */
export const LegalRoute = {
  FIT_STORE: 'FIT_STORE',
  GOVDIGITAL_MARKETPLACE: 'GOVDIGITAL_MARKETPLACE',
  MUNICIPAL_AGENT_MODEL: 'MUNICIPAL_AGENT_MODEL',
  ADMINISTRATIVE_AGREEMENT: 'ADMINISTRATIVE_AGREEMENT',
} as const;
export type LegalRoute = (typeof LegalRoute)[keyof typeof LegalRoute];

/** How municipalities inside a state get access to the service. */
export const MunicipalAccessModel = {
  FREE_PASS_THROUGH: 'FREE_PASS_THROUGH',
  PAID_IN_HOUSE: 'PAID_IN_HOUSE',
  MUNICIPAL_AGENT_MODEL: 'MUNICIPAL_AGENT_MODEL',
  MARKETPLACE: 'MARKETPLACE',
} as const;
export type MunicipalAccessModel = (typeof MunicipalAccessModel)[keyof typeof MunicipalAccessModel];

/** The 14 OZG topic fields (Themenfelder). */
export const TopicField = {
  WORK_AND_RETIREMENT: 'WORK_AND_RETIREMENT',
  BUILDING_AND_HOUSING: 'BUILDING_AND_HOUSING',
  EDUCATION: 'EDUCATION',
  IMMIGRATION_AND_EMIGRATION: 'IMMIGRATION_AND_EMIGRATION',
  ENGAGEMENT_AND_HOBBY: 'ENGAGEMENT_AND_HOBBY',
  FAMILY_AND_CHILD: 'FAMILY_AND_CHILD',
  RESEARCH_AND_FUNDING: 'RESEARCH_AND_FUNDING',
  HEALTH: 'HEALTH',
  MOBILITY_AND_TRAVEL: 'MOBILITY_AND_TRAVEL',
  CROSS_CUTTING: 'CROSS_CUTTING',
  LAW_AND_ORDER: 'LAW_AND_ORDER',
  TAXES_AND_CUSTOMS: 'TAXES_AND_CUSTOMS',
  ENVIRONMENT: 'ENVIRONMENT',
  BUSINESS: 'BUSINESS',
} as const;
export type TopicField = (typeof TopicField)[keyof typeof TopicField];

/** German names of the topic fields as the OZG catalogue writes them. */
export const TOPIC_FIELD_LABELS_DE: Record<TopicField, string> = {
  WORK_AND_RETIREMENT: 'Arbeit & Ruhestand',
  BUILDING_AND_HOUSING: 'Bauen & Wohnen',
  EDUCATION: 'Bildung',
  IMMIGRATION_AND_EMIGRATION: 'Ein- und Auswanderung',
  ENGAGEMENT_AND_HOBBY: 'Engagement & Hobby',
  FAMILY_AND_CHILD: 'Familie & Kind',
  RESEARCH_AND_FUNDING: 'Forschung & Förderung',
  HEALTH: 'Gesundheit',
  MOBILITY_AND_TRAVEL: 'Mobilität & Reisen',
  CROSS_CUTTING: 'Querschnitt',
  LAW_AND_ORDER: 'Recht & Ordnung',
  TAXES_AND_CUSTOMS: 'Steuern & Zoll',
  ENVIRONMENT: 'Umwelt',
  BUSINESS: 'Unternehmensführung & -entwicklung',
};

/** What a state intends for a service. */
export const ReuseVariant = {
  EFA_REUSE: 'EFA_REUSE',
  OWN_FORM: 'OWN_FORM',
  EXISTING_STATE_SOLUTION: 'EXISTING_STATE_SOLUTION',
  NONE_PLANNED: 'NONE_PLANNED',
} as const;
export type ReuseVariant = (typeof ReuseVariant)[keyof typeof ReuseVariant];

/** The five reuse dimensions obstacles fall into. */
export const BlockerCategory = {
  ORGANISATIONAL: 'ORGANISATIONAL',
  SUBJECT_MATTER: 'SUBJECT_MATTER',
  TECHNICAL: 'TECHNICAL',
  LEGAL: 'LEGAL',
  FINANCIAL: 'FINANCIAL',
} as const;
export type BlockerCategory = (typeof BlockerCategory)[keyof typeof BlockerCategory];

export const BlockerSeverity = {
  INFO: 'INFO',
  DELAYING: 'DELAYING',
  BLOCKING: 'BLOCKING',
} as const;
export type BlockerSeverity = (typeof BlockerSeverity)[keyof typeof BlockerSeverity];

/** Default ordered pipeline stages plus the two side states. */
export const OnboardingStage = {
  INTEREST: 'INTEREST',
  KICK_OFF: 'KICK_OFF',
  PREPARATION: 'PREPARATION',
  CONNECTION: 'CONNECTION',
  TEST: 'TEST',
  LIVE: 'LIVE',
} as const;
export type OnboardingStage = (typeof OnboardingStage)[keyof typeof OnboardingStage];

export const OnboardingStatus = {
  ACTIVE: 'ACTIVE',
  ON_HOLD: 'ON_HOLD',
  CANCELLED: 'CANCELLED',
} as const;
export type OnboardingStatus = (typeof OnboardingStatus)[keyof typeof OnboardingStatus];

export const MilestoneStatus = {
  OPEN: 'OPEN',
  DONE: 'DONE',
  NOT_APPLICABLE: 'NOT_APPLICABLE',
} as const;
export type MilestoneStatus = (typeof MilestoneStatus)[keyof typeof MilestoneStatus];

/** OZG type 1-5: who regulates and who executes. */
export const OZG_TYPES = [1, 2, 3, 4, 5] as const;
/** Maturity level (Reifegrad) 0-4 of an online service. */
export const MATURITY_LEVELS = [0, 1, 2, 3, 4] as const;

export function enumValues<T extends Record<string, string>>(e: T): T[keyof T][] {
  return Object.values(e) as T[keyof T][];
}

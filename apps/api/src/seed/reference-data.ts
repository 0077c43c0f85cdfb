import { ContractStatus, LegalRoute, MunicipalAccessModel, TopicField } from '@efa/domain';

/**
 * Real public facts used as seed data.
 * Services of the OZG topic field "Ein- und Auswanderung" (lead: Brandenburg)
 * as published on digitale-verwaltung.de; OZG-IDs where published.
 */
/** What the services run by Brandenburg over XAusländer have in common. */
const BRANDENBURG_XAUSLAENDER = {
  topicField: TopicField.IMMIGRATION_AND_EMIGRATION,
  leadState: 'BB',
  provider: 'Land Brandenburg',
  ozgType: 2,
  standard: 'XAusländer',
  requiredStandardVersion: '1.17',
} as const;

export const SERVICES: ReadonlyArray<{
  name: string;
  ozgId: string | null;
  topicField: TopicField;
  leadState: string;
  provider: string;
  ozgType: number;
  standard: string | null;
  requiredStandardVersion: string | null;
  description: string | null;
}> = [
  {
    ...BRANDENBURG_XAUSLAENDER,
    name: 'Aufenthaltstitel',
    ozgId: '10255',
    description: 'Antrag auf Erteilung oder Verlängerung eines Aufenthaltstitels (EfA-Onlinedienst).',
  },
  {
    ...BRANDENBURG_XAUSLAENDER,
    name: 'Aufenthaltskarten und aufenthaltsrelevante Bescheinigungen',
    ozgId: '10596',
    description: 'Aufenthaltskarten für Familienangehörige von Unionsbürgern und weitere aufenthaltsrelevante Bescheinigungen.',
  },
  { ...BRANDENBURG_XAUSLAENDER, name: 'Beschäftigungserlaubnis', ozgId: null, description: null },
  {
    name: 'Einbürgerung',
    ozgId: null,
    topicField: TopicField.IMMIGRATION_AND_EMIGRATION,
    leadState: 'NW',
    provider: 'd-NRW im Auftrag des Landes Nordrhein-Westfalen',
    ozgType: 2,
    standard: 'XEinbürgerung',
    requiredStandardVersion: null,
    description: 'Initialer Einbürgerungsantrag.',
  },
  {
    name: 'Verpflichtungserklärung',
    ozgId: null,
    topicField: TopicField.IMMIGRATION_AND_EMIGRATION,
    leadState: 'HE',
    provider: 'Land Hessen',
    ozgType: 2,
    standard: null,
    requiredStandardVersion: null,
    description: null,
  },
];

/** Specialist products with the XAusländer OZG interface (vendor, product). */
export const SPECIALIST_SYSTEMS = [
  { vendor: 'Kommunix', product: 'ADVIS' },
  { vendor: 'HSH', product: 'AUSO' },
  { vendor: 'Axians Infoma', product: 'ALSWsystem' },
  { vendor: 'AKDB', product: 'OK.VISA' },
  { vendor: 'Beister', product: 'Stranger ABH' },
  { vendor: 'Komm.One', product: 'LaDiVA' },
  { vendor: 'Komm.One', product: 'KM-Ausländer' },
  { vendor: 'DXC', product: 'Paula' },
].map((s) => ({ ...s, standard: 'XAusländer', supportedVersions: ['1.15', '1.17'], ozgInterface: true }));

/**
 * Reuse contracts for "Aufenthaltstitel" mirroring the public figures
 * (2022: 14 states declared interest, 8 signed; three more signed in early
 * 2023). Which state is in which status is illustrative: the public reports
 * give the totals, not the list.
 * Brandenburg leads the service and needs no reuse contract.
 */
export const AUFENTHALTSTITEL_CONTRACTS: Array<{
  state: string;
  status: ContractStatus;
  interestDeclaredAt?: string;
  negotiationStartedAt?: string;
  signedAt?: string;
  legalRoute?: LegalRoute;
  municipalAccess?: MunicipalAccessModel;
}> = [
  { state: 'ST', status: 'SIGNED', interestDeclaredAt: '2021-02-15', negotiationStartedAt: '2021-05-03', signedAt: '2021-10-28', legalRoute: 'FIT_STORE', municipalAccess: 'FREE_PASS_THROUGH' },
  { state: 'NW', status: 'SIGNED', interestDeclaredAt: '2021-01-20', negotiationStartedAt: '2021-04-12', signedAt: '2021-09-30', legalRoute: 'FIT_STORE', municipalAccess: 'MUNICIPAL_AGENT_MODEL' },
  { state: 'HE', status: 'SIGNED', interestDeclaredAt: '2021-03-01', negotiationStartedAt: '2021-06-01', signedAt: '2021-12-10', legalRoute: 'FIT_STORE', municipalAccess: 'FREE_PASS_THROUGH' },
  { state: 'SN', status: 'SIGNED', interestDeclaredAt: '2021-03-15', negotiationStartedAt: '2021-07-01', signedAt: '2022-02-17', legalRoute: 'FIT_STORE', municipalAccess: 'FREE_PASS_THROUGH' },
  { state: 'TH', status: 'SIGNED', interestDeclaredAt: '2021-04-08', negotiationStartedAt: '2021-09-01', signedAt: '2022-03-24', legalRoute: 'FIT_STORE', municipalAccess: 'FREE_PASS_THROUGH' },
  { state: 'NI', status: 'SIGNED', interestDeclaredAt: '2021-02-01', negotiationStartedAt: '2021-08-16', signedAt: '2022-04-29', legalRoute: 'FIT_STORE', municipalAccess: 'PAID_IN_HOUSE' },
  { state: 'SH', status: 'SIGNED', interestDeclaredAt: '2021-05-10', negotiationStartedAt: '2021-10-04', signedAt: '2022-06-15', legalRoute: 'GOVDIGITAL_MARKETPLACE', municipalAccess: 'MARKETPLACE' },
  { state: 'MV', status: 'SIGNED', interestDeclaredAt: '2021-06-21', negotiationStartedAt: '2022-01-10', signedAt: '2022-07-28', legalRoute: 'ADMINISTRATIVE_AGREEMENT', municipalAccess: 'FREE_PASS_THROUGH' },
  // Signed in early 2023: by the end of August 2023 authorities in 12 states (with Brandenburg) are live.
  { state: 'RP', status: 'SIGNED', interestDeclaredAt: '2021-09-02', negotiationStartedAt: '2022-03-01', signedAt: '2023-01-19', legalRoute: 'FIT_STORE', municipalAccess: 'FREE_PASS_THROUGH' },
  { state: 'SL', status: 'SIGNED', interestDeclaredAt: '2021-11-18', negotiationStartedAt: '2022-05-02', signedAt: '2023-02-23', legalRoute: 'FIT_STORE', municipalAccess: 'FREE_PASS_THROUGH' },
  { state: 'HB', status: 'SIGNED', interestDeclaredAt: '2022-01-12', negotiationStartedAt: '2022-06-20', signedAt: '2023-03-09', legalRoute: 'ADMINISTRATIVE_AGREEMENT', municipalAccess: 'FREE_PASS_THROUGH' },
  { state: 'HH', status: 'NEGOTIATING', interestDeclaredAt: '2022-02-03', negotiationStartedAt: '2022-07-11' },
  { state: 'BE', status: 'INTEREST_DECLARED', interestDeclaredAt: '2022-03-30' },
  { state: 'BW', status: 'INTEREST_DECLARED', interestDeclaredAt: '2022-05-19' },
  { state: 'BY', status: 'NONE' },
];

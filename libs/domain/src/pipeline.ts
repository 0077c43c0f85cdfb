import { OnboardingStage } from './enums.js';

/**
 * The default onboarding pipeline the product ships and seeds. Stages and
 * milestones are data per service (a template); this is the starting point.
 */
export interface StageDefinition {
  key: string;
  name: { de: string; en: string };
  position: number;
}

export interface MilestoneDefinition {
  key: string;
  /** The stage by whose end the milestone should be done. */
  stage: string;
  name: { de: string; en: string };
  required: boolean;
  position: number;
}

export const DEFAULT_STAGES: readonly StageDefinition[] = [
  { key: OnboardingStage.INTEREST, position: 1, name: { de: 'Interesse', en: 'Interest' } },
  { key: OnboardingStage.KICK_OFF, position: 2, name: { de: 'Kick-off', en: 'Kick-off' } },
  { key: OnboardingStage.PREPARATION, position: 3, name: { de: 'Vorbereitung', en: 'Preparation' } },
  { key: OnboardingStage.CONNECTION, position: 4, name: { de: 'Anbindung', en: 'Connection' } },
  { key: OnboardingStage.TEST, position: 5, name: { de: 'Test', en: 'Test' } },
  { key: OnboardingStage.LIVE, position: 6, name: { de: 'Live', en: 'Live' } },
];

/** The real connection steps of the published guides, each a milestone. */
export const DEFAULT_MILESTONES: readonly MilestoneDefinition[] = [
  { key: 'CONTACTS_NAMED', stage: 'INTEREST', required: true, position: 1, name: { de: 'Nachnutzung registriert, fachliche und technische Ansprechpersonen benannt', en: 'Reuse registered, subject-matter and technical contacts named' } },
  { key: 'TENANT_SET_UP', stage: 'KICK_OFF', required: true, position: 2, name: { de: 'Stammdaten/Mandant eingerichtet', en: 'Base data / tenant set up' } },
  { key: 'DATA_PROTECTION_AGREEMENT', stage: 'PREPARATION', required: true, position: 3, name: { de: 'AVV bzw. Vereinbarung nach Art. 26 DSGVO, Datenschutz- und IT-Sicherheitskonzept', en: 'Processing agreement (AVV) or Art. 26 GDPR agreement, data-protection and IT-security concept' } },
  { key: 'SERVICE_DIRECTORY_ENTRY', stage: 'PREPARATION', required: true, position: 4, name: { de: 'Eintrag im Verwaltungsportal/Zuständigkeitsfinder (PVOG, BUS-BB)', en: 'Service-directory entry (PVOG, BUS-BB)' } },
  { key: 'WEB_COMPONENT_EMBEDDED', stage: 'PREPARATION', required: true, position: 5, name: { de: 'Webkomponente eingebunden, Texte in PRE konfiguriert', en: 'Web component embedded, texts configured in PRE' } },
  { key: 'DVDV_ENTRY', stage: 'CONNECTION', required: true, position: 6, name: { de: 'DVDV-Eintrag und Zertifikat (oder FIT-Connect-Zustellpunkt)', en: 'DVDV entry and certificate (or FIT-Connect destination)' } },
  { key: 'SPECIALIST_INTERFACE', stage: 'CONNECTION', required: true, position: 7, name: { de: 'XAusländer-OZG-Schnittstelle im Fachverfahren freigeschaltet', en: 'XAusländer OZG interface enabled in the specialist software' } },
  { key: 'TEST_APPLICATION', stage: 'TEST', required: true, position: 8, name: { de: 'Testantrag Ende-zu-Ende erfolgreich', en: 'Test application received end to end' } },
  { key: 'GO_LIVE_PRO', stage: 'LIVE', required: true, position: 9, name: { de: 'Go-Live in Produktion (PRO)', en: 'Go-live in production (PRO)' } },
  { key: 'ANNOUNCEMENT', stage: 'LIVE', required: false, position: 10, name: { de: 'Bekanntmachung', en: 'Announcement' } },
];

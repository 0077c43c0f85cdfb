/**
 * The boot screen's texts (BootScreen.tsx), on their own so that the first
 * chunk does not carry the whole catalogues (and with them react-admin's
 * messages and the domain library); en.ts and de.ts include them as `app.boot`.
 */
export const bootMessagesEn = {
  loading: 'Connecting to the API …',
  unreachable_title: 'The API is not reachable',
  unreachable_text:
    'The console could not reach the GraphQL endpoint /graphql. Please check that the API server is running, then try again.',
  details: 'Technical details',
  retry: 'Try again',
};

export type BootMessages = typeof bootMessagesEn;

export const bootMessagesDe: BootMessages = {
  loading: 'Verbindung zur API wird hergestellt …',
  unreachable_title: 'Die API ist nicht erreichbar',
  unreachable_text:
    'Die Konsole konnte den GraphQL-Endpunkt /graphql nicht erreichen. Bitte prüfen Sie, ob der API-Server läuft, und versuchen Sie es dann erneut.',
  details: 'Technische Details',
  retry: 'Erneut versuchen',
};

import { parse } from 'graphql';
import type { DataProvider } from 'react-admin';
import type { SessionDataProvider } from '../dataProvider';

/** An action item overdue today (API `overdueActionItems`, also the dashboard's figure). */
export interface OverdueActionItem {
  itemId: string;
  meetingId: string;
  meetingTitle: string;
  text: string;
  owner: string;
  status: string;
  dueDate: string;
  daysOverdue: number;
  onboardingId: string | null;
  authorityId: string | null;
  authorityName: string | null;
  stateCode: string | null;
}

export interface OverdueActionItems {
  total: number;
  items: OverdueActionItem[];
}

export const OVERDUE_ITEM_FIELDS = 'itemId meetingId meetingTitle text owner status dueDate daysOverdue onboardingId authorityId authorityName stateCode';

export interface MeetingMethods {
  /** The agenda (Markdown) from the changes since the previous meeting of the same kind. */
  getAgendaSuggestion(params: { meetingId?: string; kind?: string; startsAt?: string; serviceIds?: string[]; stateIds?: string[]; language: string }): Promise<{ data: { markdown: string; previousMeetingTitle: string | null } }>;
  getOverdueActionItems(params: { onboardingId?: string; authorityId?: string }): Promise<{ data: OverdueActionItems }>;
}

export type MeetingDataProvider = DataProvider & MeetingMethods;

const AGENDA = parse(`query agendaSuggestion($meetingId: ID, $kind: MeetingKind, $startsAt: DateTime, $serviceIds: [ID!], $stateIds: [ID!], $language: String) {
  agendaSuggestion(meetingId: $meetingId, kind: $kind, startsAt: $startsAt, serviceIds: $serviceIds, stateIds: $stateIds, language: $language) { markdown previousMeetingTitle }
}`);
const OVERDUE = parse(`query overdueActionItems($onboardingId: ID, $authorityId: ID) {
  overdueActionItems(onboardingId: $onboardingId, authorityId: $authorityId) { total items { ${OVERDUE_ITEM_FIELDS} } }
}`);

/** Adds the meeting queries to the session data provider. */
export function withMeetingMethods<T extends SessionDataProvider>(dataProvider: T): T & MeetingMethods {
  return {
    ...dataProvider,
    getAgendaSuggestion: async ({ meetingId, kind, startsAt, serviceIds, stateIds, language }) => ({
      data: (
        await dataProvider.query<{ agendaSuggestion: { markdown: string; previousMeetingTitle: string | null } }>(AGENDA, {
          meetingId: meetingId ?? null,
          kind: kind ?? null,
          startsAt: startsAt ?? null,
          serviceIds: serviceIds ?? null,
          stateIds: stateIds ?? null,
          language,
        })
      ).agendaSuggestion,
    }),
    getOverdueActionItems: async ({ onboardingId, authorityId }) => ({
      data: (await dataProvider.query<{ overdueActionItems: OverdueActionItems }>(OVERDUE, { onboardingId: onboardingId ?? null, authorityId: authorityId ?? null })).overdueActionItems,
    }),
  };
}

import { ActionItemStatus, MeetingItemKind, MeetingKind, enumValues } from '@efa/domain';
import { Chip } from '@mui/material';
import { useFieldValue, useRecordContext, useTranslate } from 'react-admin';
import { useIntlLocale } from '../common/useIntlLocale';
import { messageChoices } from '../onboardings/shared';

export const KIND_CHOICES = messageChoices(enumValues(MeetingKind), 'meeting.kind');
export const ITEM_KIND_CHOICES = messageChoices(enumValues(MeetingItemKind), 'meeting.item_kind');
export const STATUS_CHOICES = messageChoices(enumValues(ActionItemStatus), 'meeting.status');

export interface MeetingRecord {
  id: string;
  version: number;
  kind: string;
  title: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  location: string | null;
  onlineUrl: string | null;
  agenda: string | null;
  minutes: string | null;
  attachments: Array<{ title: string; url: string }>;
  serviceIds: string[];
  waveId: string | null;
  stateIds: string[];
  authorityIds: string[];
}

export interface MeetingItemRecord {
  id: string;
  version: number;
  meetingId: string;
  kind: string;
  text: string;
  ownerUserId: string | null;
  ownerOrganisation: string | null;
  ownerName: string | null;
  dueDate: string | null;
  status: string | null;
  closedAt: string | null;
  onboardingId: string | null;
  reuseContractId: string | null;
  authorityId: string | null;
  blockerId: string | null;
  overdue: boolean;
}

/** The fields the console reads of a meeting (no nested items in lists). */
export const MEETING_FIELDS = ['id', 'version', 'waveId', 'kind', 'title', 'startsAt', 'endsAt', 'timeZone', 'location', 'onlineUrl', 'agenda', 'minutes', { attachments: ['title', 'url'] }, 'serviceIds', 'stateIds', 'authorityIds'];
export const MEETING_META = { sparseFields: MEETING_FIELDS };
export const ITEM_FIELDS = ['id', 'version', 'meetingId', 'kind', 'text', 'ownerUserId', 'ownerOrganisation', 'ownerName', 'dueDate', 'status', 'closedAt', 'onboardingId', 'reuseContractId', 'authorityId', 'blockerId', 'overdue'];
export const ITEM_META = { sparseFields: ITEM_FIELDS };

/** A meeting's start (and end) in its own time zone, with the zone named when it is not the browser's. */
export function useMeetingTimeFormat() {
  const locale = useIntlLocale();
  return (m: { startsAt: string; endsAt?: string; timeZone: string }) => {
    const f = new Intl.DateTimeFormat(locale, { timeZone: m.timeZone, dateStyle: 'medium', timeStyle: 'short' });
    const t = new Intl.DateTimeFormat(locale, { timeZone: m.timeZone, timeStyle: 'short' });
    const start = new Date(m.startsAt);
    const end = m.endsAt ? new Date(m.endsAt) : null;
    return `${f.format(start)}${end ? ` – ${t.format(end)}` : ''} (${m.timeZone})`;
  };
}

export const MeetingTimeField = (_: { label?: string; sortable?: boolean; source?: string }) => {
  const record = useRecordContext<MeetingRecord>();
  const format = useMeetingTimeFormat();
  return record ? <span>{format(record)}</span> : null;
};

/** Status of an action item as a chip, red when overdue. */
export const ItemStatusField = (_: { label?: string; source?: string; sortable?: boolean }) => {
  const translate = useTranslate();
  const status = useFieldValue({ source: 'status' }) as string | null;
  const overdue = useFieldValue({ source: 'overdue' }) as boolean | undefined;
  if (!status) return null;
  return (
    <span>
      <Chip size="small" label={translate(`meeting.status.${status}`, { _: status })} color={status === 'DONE' ? 'success' : status === 'CANCELLED' ? 'default' : 'info'} variant="outlined" />
      {overdue ? <Chip size="small" sx={{ ml: 0.5 }} color="error" label={translate('meeting.item_fields.overdue')} data-testid="item-overdue" /> : null}
    </span>
  );
};

/** Removes GraphQL's __typename from embedded objects before a write. */
export function withoutTypename<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutTypename) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== '__typename').map(([k, v]) => [k, withoutTypename(v)])) as T;
  }
  return value;
}

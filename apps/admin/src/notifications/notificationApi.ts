import { parse, type DocumentNode } from 'graphql';
import type { DataProvider } from 'react-admin';
import type { SessionDataProvider } from '../dataProvider';

/**
 * Watches, the notification list, settings and the calendar feed as custom
 * data provider methods, through the session's Apollo client.
 */
export type WatchTarget = 'AUTHORITY' | 'ONBOARDING' | 'SERVICE' | 'STATE';
export type MailMode = 'OFF' | 'IMMEDIATE' | 'WEEKLY_DIGEST';

export interface NotificationItem {
  id: string;
  kind: string;
  title: string;
  read: boolean;
  createdAt: string;
  link: string;
}

export interface NotificationPage {
  items: NotificationItem[];
  total: number;
  unread: number;
}

export interface NotificationSettings {
  mailMode: MailMode;
  language: 'de' | 'en';
  mailEnabled: boolean;
  calendarFeedActive: boolean;
  calendarTokenCreatedAt: string | null;
}

export interface NotificationMethods {
  getMyNotifications(params: { page: number; perPage: number; unreadOnly?: boolean }): Promise<{ data: NotificationPage }>;
  getUnreadNotificationCount(): Promise<{ data: number }>;
  markNotificationRead(params: { id: string }): Promise<{ data: NotificationItem }>;
  markAllNotificationsRead(): Promise<{ data: number }>;
  isWatching(params: { targetType: WatchTarget; targetId: string }): Promise<{ data: boolean }>;
  setWatching(params: { targetType: WatchTarget; targetId: string; watching: boolean }): Promise<{ data: boolean }>;
  getNotificationSettings(): Promise<{ data: NotificationSettings }>;
  updateNotificationSettings(params: { mailMode?: MailMode; language?: 'de' | 'en' }): Promise<{ data: NotificationSettings }>;
  regenerateCalendarToken(): Promise<{ data: { url: string } }>;
  revokeCalendarToken(): Promise<{ data: boolean }>;
}

export type NotificationDataProvider = DataProvider & NotificationMethods;

const ITEM = 'id kind title read createdAt link';
const SETTINGS = 'mailMode language mailEnabled calendarFeedActive calendarTokenCreatedAt';
const Q = {
  list: parse(`query myNotifications($page: Int, $perPage: Int, $unreadOnly: Boolean) { myNotifications(page: $page, perPage: $perPage, unreadOnly: $unreadOnly) { total unread items { ${ITEM} } } }`),
  unread: parse(`query unreadNotificationCount { unreadNotificationCount }`),
  markRead: parse(`mutation markNotificationRead($id: ID!) { markNotificationRead(id: $id) { ${ITEM} } }`),
  markAll: parse(`mutation markAllNotificationsRead { markAllNotificationsRead }`),
  watches: parse(`query myWatches($targetType: WatchTarget, $targetId: ID) { myWatches(targetType: $targetType, targetId: $targetId) { id } }`),
  watch: parse(`mutation watch($targetType: WatchTarget!, $targetId: ID!) { watch(targetType: $targetType, targetId: $targetId) { id } }`),
  unwatch: parse(`mutation unwatch($targetType: WatchTarget!, $targetId: ID!) { unwatch(targetType: $targetType, targetId: $targetId) }`),
  settings: parse(`query notificationSettings { notificationSettings { ${SETTINGS} } }`),
  updateSettings: parse(`mutation updateNotificationSettings($mailMode: MailMode, $language: Language) { updateNotificationSettings(mailMode: $mailMode, language: $language) { ${SETTINGS} } }`),
  regenerate: parse(`mutation regenerateCalendarToken { regenerateCalendarToken { url } }`),
  revoke: parse(`mutation revokeCalendarToken { revokeCalendarToken }`),
};

/** Listeners told when notifications were read (the app bar's badge refreshes). */
const listeners = new Set<() => void>();
export const onNotificationsChanged = (listener: () => void) => {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
};
const changed = () => listeners.forEach((l) => l());

export function withNotificationMethods<T extends SessionDataProvider>(dataProvider: T): T & NotificationMethods {
  const run = <R,>(query: DocumentNode, variables: Record<string, unknown> = {}): Promise<R> => dataProvider.query<R>(query, variables);
  const mutate = <R,>(query: DocumentNode, variables: Record<string, unknown> = {}): Promise<R> => dataProvider.mutate<R>(query, variables);
  return {
    ...dataProvider,
    getMyNotifications: async (v) => ({ data: (await run<{ myNotifications: NotificationPage }>(Q.list, v)).myNotifications }),
    getUnreadNotificationCount: async () => ({ data: (await run<{ unreadNotificationCount: number }>(Q.unread)).unreadNotificationCount }),
    markNotificationRead: async (v) => {
      const data = (await mutate<{ markNotificationRead: NotificationItem }>(Q.markRead, v)).markNotificationRead;
      changed();
      return { data };
    },
    markAllNotificationsRead: async () => {
      const data = (await mutate<{ markAllNotificationsRead: number }>(Q.markAll)).markAllNotificationsRead;
      changed();
      return { data };
    },
    isWatching: async (v) => ({ data: (await run<{ myWatches: unknown[] }>(Q.watches, v)).myWatches.length > 0 }),
    setWatching: async ({ watching, ...v }) => {
      if (watching) await mutate(Q.watch, v);
      else await mutate(Q.unwatch, v);
      return { data: watching };
    },
    getNotificationSettings: async () => ({ data: (await run<{ notificationSettings: NotificationSettings }>(Q.settings)).notificationSettings }),
    updateNotificationSettings: async (v) => ({ data: (await mutate<{ updateNotificationSettings: NotificationSettings }>(Q.updateSettings, v)).updateNotificationSettings }),
    regenerateCalendarToken: async () => ({ data: (await mutate<{ regenerateCalendarToken: { url: string } }>(Q.regenerate)).regenerateCalendarToken }),
    revokeCalendarToken: async () => ({ data: (await mutate<{ revokeCalendarToken: boolean }>(Q.revoke)).revokeCalendarToken }),
  };
}

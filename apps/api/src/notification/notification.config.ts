import type { MailConfig } from '../config.js';

/** What the notification feature needs to know at start (from the environment, or a test's overrides). */
export interface NotificationConfig {
  /** SMTP; undefined = mails off (in-console notifications still work). */
  mail: MailConfig | undefined;
  /** The console's public address, for links in mails and the calendar feed's URL. */
  publicUrl: string;
  /** Run the delivery worker in this process (graphile-worker on PostgreSQL, the poller on PGlite). */
  worker: boolean;
  /** How often the worker looks for jobs without a notification (ms; graphile-worker also wakes on LISTEN/NOTIFY). */
  pollIntervalMs: number;
}

export const NOTIFICATION_CONFIG = Symbol('NOTIFICATION_CONFIG');

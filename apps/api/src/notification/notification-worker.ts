import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import { Logger as GraphileLogger0, run, type Runner, type WorkerEvents } from 'graphile-worker';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { NOTIFICATION_CONFIG, type NotificationConfig } from './notification.config.js';
import { NotificationDelivery } from './notification-delivery.service.js';
import { DIGEST_TASK, MAIL_TASK, MAX_MAIL_ATTEMPTS, NotificationQueue, SCHEDULE_TASK } from './notification-queue.js';

/** graphile-worker's schema (its own migrations), installed at start-up on PostgreSQL. */
export async function installJobQueue(connectionString: string): Promise<void> {
  const { runMigrations } = await import('graphile-worker');
  await runMigrations({ connectionString, logger: quietLogger() });
}

function quietLogger() {
  // graphile-worker's Logger, reporting warnings and errors through Nest's logger only.
  return new GraphileLogger();
}

class GraphileLogger extends GraphileLogger0 {
  constructor() {
    const log = new Logger('graphile-worker');
    super(() => (level: string, message: string) => {
      if (level === 'error') log.error(message);
      else if (level === 'warning') log.warn(message);
    });
  }
}

/**
 * Runs delivery in this process.
 *
 * PostgreSQL: a graphile-worker runner on its own small pool (same
 * database): the mail and digest jobs that writes enqueued, and an hourly cron
 * job for the time-based events and the digests. A job stays in
 * `graphile_worker` until its task finished; a process that dies mid-job
 * leaves it locked and another (or the restarted) worker takes it up after
 * the lock expires; a failed job is retried with exponential back-off.
 *
 * PGlite (`npm start` without DATABASE_URL): graphile-worker needs a second
 * connection and LISTEN/NOTIFY, which the in-process PGlite does not give, so
 * a poller reads the pending rows of `notification` every few seconds (with
 * attempts and back-off in the row) and runs the schedule hourly. Only one
 * process can open the PGlite folder, so nothing else delivers beside it.
 */
@Injectable()
export class NotificationWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('Notifications');
  private runner: Runner | undefined;
  private pool: pg.Pool | undefined;
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private lastSchedule = 0;
  /** The graphile-worker workers of this process, to unlock their jobs on shutdown. */
  private readonly workerIds = new Set<string>();
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly delivery: NotificationDelivery,
    private readonly queue: NotificationQueue,
    @Inject(NOTIFICATION_CONFIG) private readonly config: NotificationConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.worker) return;
    if (this.queue.usesGraphileWorker) await this.startGraphileWorker();
    else this.startPoller();
  }

  private async startGraphileWorker(): Promise<void> {
    const url = (this.dataSource.options as { url?: string }).url;
    if (!url) throw new Error('graphile-worker needs the PostgreSQL connection string');
    this.pool = new pg.Pool({ connectionString: url, max: 4 });
    // Errors of idle and of checked-out clients (a restarted database server) are logged, not thrown into the process.
    this.pool.on('error', (e) => this.log.warn(`job queue connection: ${e.message}`));
    this.pool.on('connect', (client) => client.on('error', (e) => this.log.warn(`job queue connection: ${e.message}`)));
    const events: WorkerEvents = new EventEmitter() as WorkerEvents;
    events.on('worker:create', ({ worker }) => this.workerIds.add(worker.workerId));
    this.runner = await run({
      pgPool: this.pool,
      events,
      concurrency: 2,
      noHandleSignals: true,
      pollInterval: this.config.pollIntervalMs,
      logger: quietLogger(),
      taskList: {
        [MAIL_TASK]: async (payload) => {
          await this.delivery.sendImmediate((payload as { notificationId: string }).notificationId);
        },
        [DIGEST_TASK]: async (payload) => {
          const p = payload as { userId: string; week: string; before: string };
          await this.delivery.sendDigest(p.userId, p.week, new Date(p.before));
        },
        [SCHEDULE_TASK]: async () => {
          await this.delivery.runSchedule(new Date());
        },
      },
      // Hourly, with a job key so that several instances run it once; backfill catches up an hour missed during a restart.
      crontab: `0 * * * * ${SCHEDULE_TASK} ?fill=1h&jobKey=${SCHEDULE_TASK}&max=3`,
    });
  }

  private startPoller(): void {
    const tick = () => {
      if (this.stopped || this.polling) return;
      this.polling = this.pollOnce()
        .catch((e) => this.log.warn(`notification poller: ${String(e)}`))
        .finally(() => {
          this.polling = undefined;
        });
    };
    this.timer = setInterval(tick, this.config.pollIntervalMs);
    this.timer.unref();
    tick();
  }

  /** One round of the PGlite poller: due mails, and the schedule once an hour. */
  async pollOnce(now = new Date()): Promise<void> {
    if (now.getTime() - this.lastSchedule >= 3_600_000) {
      this.lastSchedule = now.getTime();
      await this.delivery.runSchedule(now);
    }
    if (!this.delivery.mailer.enabled) return;
    const due: Array<{ id: string; mail_attempts: number }> = await this.dataSource.query(
      `SELECT id, mail_attempts FROM notification
        WHERE delivery = 'IMMEDIATE' AND mail_sent_at IS NULL AND mail_attempts < $1 AND (mail_next_attempt_at IS NULL OR mail_next_attempt_at <= now())
        ORDER BY created_at, id LIMIT 50`,
      [MAX_MAIL_ATTEMPTS],
    );
    for (const n of due) {
      if (this.stopped) return;
      try {
        await this.delivery.sendImmediate(n.id);
      } catch (e) {
        // The same back-off as graphile-worker: exp(attempts) seconds.
        await this.dataSource.query(
          `UPDATE notification SET mail_attempts = mail_attempts + 1, mail_error = $2, mail_next_attempt_at = now() + make_interval(secs => exp(least(mail_attempts + 1, 10))) WHERE id = $1`,
          [n.id, String(e).slice(0, 1000)],
        );
      }
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.polling;
    if (this.runner) await this.runner.stop();
    // A job a worker had just locked when the pool stopped would stay locked (graphile-worker frees
    // locks only after 4 hours): unlock whatever this process's workers still hold, so the next
    // start (or another instance) runs it at once.
    if (this.pool && this.workerIds.size) {
      await this.pool.query(`SELECT graphile_worker.force_unlock_workers($1::text[])`, [[...this.workerIds]]).catch((e) => this.log.warn(`unlocking jobs: ${String(e)}`));
    }
    if (this.pool) await this.pool.end();
    this.runner = undefined;
    this.pool = undefined;
  }
}

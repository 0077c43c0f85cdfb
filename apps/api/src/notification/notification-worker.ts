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

/** First key of the advisory locks (pg_advisory_lock(int, int)) by which a job worker pool shows it is alive; the second key is hashtext(pool id). */
export const WORKER_LOCK_NAMESPACE = 0x45664131;
/** How often a running process looks for jobs of worker pools that are gone (besides at start). */
const SWEEP_EVERY_MS = 60_000;

/**
 * Runs delivery in this process.
 *
 * PostgreSQL: a graphile-worker runner on its own small pool (same
 * database): the mail and digest jobs that writes enqueued, and an hourly cron
 * job for the time-based events and the digests. A job stays in
 * `graphile_worker` until its task finished; a failed job is retried with
 * exponential back-off. A process that dies mid-job (kill -9, a crashed
 * machine) leaves the job locked, and graphile-worker 0.17 frees such locks
 * only after 4 hours (it has no worker heartbeat). So the worker pool of a
 * process (0.17 locks jobs with the pool's id) holds a session advisory lock
 * on its id, on a connection of its own, for as long as the process lives
 * (taken before the pool may fetch a job); at start and every minute a
 * process looks at the locked jobs, and a pool whose advisory lock is free is
 * gone (its session ended with the process): its jobs are unlocked
 * (force_unlock_workers) and run at once by a live worker. Delivery stays at
 * least once: a mail the dead process had sent just before it died is sent
 * again.
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
  /** The connection holding this process's workers' liveness locks. */
  private liveness: pg.Client | undefined;
  private sweepTimer: NodeJS.Timeout | undefined;
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private lastSchedule = 0;
  /** The graphile-worker pools of this process (jobs are locked by pool id), to unlock their jobs on shutdown and to leave them alone when sweeping. */
  private readonly poolIds: string[] = [];
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
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    this.pool = pool;
    // Errors of idle and of checked-out clients (a restarted database server) are logged, not thrown into the process.
    pool.on('error', (e) => this.log.warn(`job queue connection: ${e.message}`));
    pool.on('connect', (client) => client.on('error', (e) => this.log.warn(`job queue connection: ${e.message}`)));
    // graphile-worker 0.17 locks jobs with the id of its worker pool (`pool-<random>`), known only when the
    // pool is created (event pool:create, before any worker fetches a job). Until this process holds the
    // liveness lock of that id, the pool hands out no connection, so no job is locked by a pool that
    // does not yet show it is alive.
    let gate: Promise<void> = Promise.resolve();
    const connect = pool.connect.bind(pool) as () => Promise<pg.PoolClient>;
    pool.connect = ((callback?: unknown) => {
      if (callback) return (connect as (cb: unknown) => void)(callback);
      return gate.then(connect);
    }) as typeof pool.connect;
    const events: WorkerEvents = new EventEmitter() as WorkerEvents;
    events.on('pool:create', ({ workerPool }) => {
      this.poolIds.push(workerPool.id);
      gate = this.holdLiveness(url, workerPool.id).catch((e) => this.log.warn(`job worker liveness lock: ${String(e)}`));
      // At start: free what pools of processes that are gone still hold (through the gate, so after the lock above).
      void gate.then(() => this.releaseJobsOfGonePools());
    });
    this.runner = await run({
      pgPool: pool,
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
    this.sweepTimer = setInterval(() => void this.releaseJobsOfGonePools(), SWEEP_EVERY_MS);
    this.sweepTimer.unref();
  }

  /**
   * Takes the liveness locks of this process's workers on a connection of their own, and takes
   * them again on a new connection when that one breaks (a restarted database server).
   */
  private async holdLiveness(url: string, poolId: string): Promise<void> {
    const client = new pg.Client({ connectionString: url, application_name: 'efa-job-liveness' });
    let lost = false;
    const onLost = (why: string) => {
      if (lost) return;
      lost = true;
      if (this.liveness === client) this.liveness = undefined;
      client.end().catch(() => undefined);
      if (this.stopped) return;
      this.log.warn(`job worker liveness connection lost (${why}); taking the locks again`);
      const retry = () => {
        if (this.stopped) return;
        this.holdLiveness(url, poolId).catch(() => setTimeout(retry, 2_000).unref());
      };
      setTimeout(retry, 1_000).unref();
    };
    client.on('error', (e) => onLost(e.message));
    client.on('end', () => onLost('closed'));
    try {
      await client.connect();
      const [{ taken }] = (await client.query(`SELECT pg_try_advisory_lock($1::int, hashtext($2)) AS taken`, [WORKER_LOCK_NAMESPACE, poolId])).rows;
      if (!taken) this.log.warn(`the liveness lock of job worker pool ${poolId} is held by another session`);
      this.liveness = client;
    } catch (e) {
      lost = true;
      await client.end().catch(() => undefined);
      throw e;
    }
  }

  /**
   * Unlocks the jobs of worker pools that are gone: pools of other processes whose liveness lock
   * nobody holds any more (never throws; answers their ids).
   */
  async releaseJobsOfGonePools(): Promise<string[]> {
    const pool = this.pool;
    if (!pool || this.stopped) return [];
    let client: pg.PoolClient | undefined;
    try {
      client = await pool.connect();
      const lockedBy: string[] = (
        await client.query(`SELECT DISTINCT locked_by FROM graphile_worker.jobs WHERE locked_by IS NOT NULL AND NOT (locked_by = ANY($1::text[]))`, [this.poolIds])
      ).rows.map((r) => r.locked_by);
      const gone: string[] = [];
      for (const poolId of lockedBy) {
        const [{ free }] = (await client.query(`SELECT pg_try_advisory_lock($1::int, hashtext($2)) AS free`, [WORKER_LOCK_NAMESPACE, poolId])).rows;
        if (!free) continue; // alive
        await client.query(`SELECT pg_advisory_unlock($1::int, hashtext($2))`, [WORKER_LOCK_NAMESPACE, poolId]);
        gone.push(poolId);
      }
      if (gone.length) {
        await client.query(`SELECT graphile_worker.force_unlock_workers($1::text[])`, [gone]);
        this.log.warn(`released the jobs of ${gone.length} job worker pool(s) that are gone: ${gone.join(', ')}`);
      }
      return gone;
    } catch (e) {
      this.log.warn(`releasing jobs of worker pools that are gone: ${String(e)}`);
      return [];
    } finally {
      client?.release();
    }
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
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    await this.polling;
    if (this.runner) await this.runner.stop();
    // A job the pool had just locked when it stopped would stay locked (graphile-worker frees
    // locks only after 4 hours): unlock whatever this process's pool still holds (jobs are locked by
    // the pool's id in 0.17), so the next start (or another instance) runs it at once.
    if (this.pool && this.poolIds.length) {
      await this.pool.query(`SELECT graphile_worker.force_unlock_workers($1::text[])`, [this.poolIds]).catch((e) => this.log.warn(`unlocking jobs: ${String(e)}`));
    }
    if (this.pool) await this.pool.end();
    await this.liveness?.end().catch(() => undefined);
    this.liveness = undefined;
    this.runner = undefined;
    this.pool = undefined;
  }
}

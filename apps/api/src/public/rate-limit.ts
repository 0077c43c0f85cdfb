import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PUBLIC_CONFIG, type PublicConfig } from './public.config.js';

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window ends (Retry-After when refused). */
  resetSeconds: number;
}

/**
 * Per-address request limit of the public endpoints, shared by every API instance through the
 * table public_rate_limit (address × fixed window → hits). An instance counts locally and merges
 * its counts into the table with one upsert every PUBLIC_RATE_FLUSH_MS; the upsert answers the
 * merged totals of the addresses it sent, and the decision is taken on merged total + local count.
 * No database round trip per request; an address spread over instances is held to the limit
 * within one flush interval.
 */
@Injectable()
export class PublicRateLimiter implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('PublicRateLimit');
  private windowStart = 0;
  /** Hits of this window not yet merged into the table. */
  private pending = new Map<string, number>();
  /** Totals of this window across all instances, as of this instance's last merge. */
  private merged = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private lastCleanup = 0;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(PUBLIC_CONFIG) private readonly config: PublicConfig,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush().catch((e) => this.logger.warn(`merging the counters failed: ${(e as Error).message}`)), this.config.rateFlushMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.flush().catch(() => undefined);
  }

  private get windowMs(): number {
    return this.config.rateWindowSeconds * 1000;
  }

  /** Counts one request of `address` and decides on it. */
  hit(address: string, now = Date.now()): RateDecision {
    const start = now - (now % this.windowMs);
    if (start !== this.windowStart) this.roll(start);
    const local = (this.pending.get(address) ?? 0) + 1;
    this.pending.set(address, local);
    const total = (this.merged.get(address) ?? 0) + local;
    const limit = this.config.rateLimit;
    const resetSeconds = Math.max(1, Math.ceil((start + this.windowMs - now) / 1000));
    if (limit === 0) return { allowed: true, limit: 0, remaining: 0, resetSeconds };
    return { allowed: total <= limit, limit, remaining: Math.max(0, limit - total), resetSeconds };
  }

  /** A new window: the old window's pending hits are still merged (for the record), then forgotten here. */
  private roll(start: number): void {
    if (this.pending.size && this.windowStart) void this.write(this.windowStart, this.pending).catch(() => undefined);
    this.pending = new Map();
    this.merged = new Map();
    this.windowStart = start;
  }

  /** Merges this instance's pending hits into the table and takes over the merged totals. */
  async flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    this.flushing = (async () => {
      try {
        if (this.pending.size) {
          const window = this.windowStart;
          const sent = this.pending;
          this.pending = new Map();
          const totals = await this.write(window, sent);
          if (window === this.windowStart) for (const [address, hits] of totals) this.merged.set(address, hits);
        }
        if (Date.now() - this.lastCleanup > 10 * this.windowMs) {
          this.lastCleanup = Date.now();
          await this.dataSource.query(`DELETE FROM public_rate_limit WHERE window_start < $1`, [new Date(Date.now() - 2 * this.windowMs)]);
        }
      } finally {
        this.flushing = undefined;
      }
    })();
    return this.flushing;
  }

  private async write(window: number, hits: Map<string, number>): Promise<Map<string, number>> {
    const rows: Array<{ address: string; hits: number }> = await this.dataSource.query(
      `INSERT INTO public_rate_limit AS r (address, window_start, hits)
       SELECT u.address, $1, u.hits FROM unnest($2::text[], $3::int[]) AS u(address, hits)
       ON CONFLICT (address, window_start) DO UPDATE SET hits = r.hits + EXCLUDED.hits
       RETURNING address, hits`,
      [new Date(window), [...hits.keys()], [...hits.values()]],
    );
    return new Map(rows.map((r) => [r.address, Number(r.hits)]));
  }
}

import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { PublicStatusValue, SearchableAuthority } from '@efa/domain';
import { DataSource } from 'typeorm';
import { PUBLIC_CONFIG, type PublicConfig } from './public.config.js';

/** One authority's public status for one service (a row of public_status, public fields only). */
export interface PublicRow extends SearchableAuthority {
  ars: string;
  name: string;
  level: string;
  stateCode: string;
  stateName: string;
  key: string;
  status: PublicStatusValue;
  liveSince: string | null;
  applyUrl: string | null;
  plannedQuarter: string | null;
  updatedAt: string;
}

export interface PublicFigure {
  live: number;
  preparing: number;
  total: number;
}

export interface PublicStateFigure extends PublicFigure {
  code: string;
  name: string;
}

export interface PublicServiceView extends PublicFigure {
  ozgId: string;
  name: string;
  /** Authorities by name. */
  rows: PublicRow[];
  byArs: Map<string, PublicRow>;
  states: PublicStateFigure[];
  /** Newest updatedAt of its rows. */
  updatedAt: string;
}

export interface PublicSnapshot {
  /** Counts up with every load (part of ETags). */
  version: number;
  loadedAt: Date;
  services: Map<string, PublicServiceView>;
  /** Services by name. */
  list: PublicServiceView[];
}

type Row = {
  ozg_id: string;
  service_name: string;
  ars: string;
  authority_name: string;
  authority_level: string;
  state_code: string;
  state_name: string;
  search_key: string;
  status: PublicStatusValue;
  live_since: string | null;
  apply_url: string | null;
  planned_quarter: string | null;
  updated_at: string;
};

/**
 * The in-memory copy of public_status every public answer is served from: a traffic spike never
 * reaches the database. Every PUBLIC_STATUS_CHECK_MS the instance asks public_status_version()
 * (migration 1764574000000: folds the rows the triggers add to public_status_change, one per
 * changing transaction, into a single version row and answers it) and reloads when the version
 * differs from the one it loaded. The version is read before the rows, so a change committed
 * during a load is picked up by the next check.
 */
@Injectable()
export class PublicStatusStore implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('PublicStatus');
  private snapshot: PublicSnapshot | undefined;
  private signature: string | undefined;
  private loads = 0;
  private timer: NodeJS.Timeout | undefined;
  private syncing: Promise<boolean> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(PUBLIC_CONFIG) private readonly config: PublicConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.sync().catch((e) => this.logger.warn(`public status not loaded: ${(e as Error).message}`));
    this.timer = setInterval(() => void this.sync().catch((e) => this.logger.warn(`public status check failed: ${(e as Error).message}`)), this.config.statusCheckMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** The loaded copy; undefined until the first load succeeded. */
  current(): PublicSnapshot | undefined {
    return this.snapshot;
  }

  /** Checks for changes and reloads when there are; answers whether it reloaded. */
  async sync(): Promise<boolean> {
    // A check already running may have read the signature before the caller's change: wait for it, then check again.
    while (this.syncing) await this.syncing.catch(() => undefined);
    this.syncing = (async () => {
      try {
        const [{ version }] = await this.dataSource.query(`SELECT public_status_version()::text AS version`);
        if (this.snapshot && version === this.signature) return false;
        await this.load();
        this.signature = version;
        return true;
      } finally {
        this.syncing = undefined;
      }
    })();
    return this.syncing;
  }

  private async load(): Promise<void> {
    const started = Date.now();
    const rows: Row[] = await this.dataSource.query(
      `SELECT ozg_id, service_name, ars, authority_name, authority_level, state_code, state_name, search_key, status,
              to_char(live_since, 'YYYY-MM-DD') AS live_since, apply_url, planned_quarter,
              to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS updated_at
       FROM public_status ORDER BY ozg_id, authority_name, ars`,
    );
    const services = new Map<string, PublicServiceView>();
    const states = new Map<string, Map<string, PublicStateFigure>>();
    // The driver makes a new string for every value of every row: state names, levels, statuses
    // and dates repeat thousands of times (and each authority once per service). One copy each.
    const strings = new Map<string, string>();
    const one = <T extends string | null>(v: T): T => {
      if (v === null) return v;
      const known = strings.get(v);
      if (known !== undefined) return known as T;
      strings.set(v, v);
      return v;
    };
    for (const r of rows) {
      let s = services.get(r.ozg_id);
      if (!s) {
        s = { ozgId: r.ozg_id, name: r.service_name, rows: [], byArs: new Map(), states: [], live: 0, preparing: 0, total: 0, updatedAt: r.updated_at };
        services.set(r.ozg_id, s);
        states.set(r.ozg_id, new Map());
      }
      const row: PublicRow = {
        ars: one(r.ars),
        name: one(r.authority_name),
        level: one(r.authority_level),
        stateCode: one(r.state_code),
        stateName: one(r.state_name),
        key: one(r.search_key),
        status: one(r.status),
        liveSince: one(r.live_since),
        applyUrl: one(r.apply_url),
        plannedQuarter: one(r.planned_quarter),
        updatedAt: one(r.updated_at),
      };
      s.rows.push(row);
      s.byArs.set(row.ars, row);
      if (row.updatedAt > s.updatedAt) s.updatedAt = row.updatedAt;
      const byState = states.get(r.ozg_id)!;
      let st = byState.get(r.state_code);
      if (!st) byState.set(r.state_code, (st = { code: r.state_code, name: r.state_name, live: 0, preparing: 0, total: 0 }));
      for (const f of [s, st]) {
        f.total++;
        if (row.status === 'LIVE') f.live++;
        else if (row.status === 'PREPARING') f.preparing++;
      }
    }
    for (const [ozgId, s] of services) s.states = [...states.get(ozgId)!.values()].sort((a, b) => a.name.localeCompare(b.name, 'de'));
    this.snapshot = {
      version: ++this.loads,
      loadedAt: new Date(),
      services,
      list: [...services.values()].sort((a, b) => a.name.localeCompare(b.name, 'de')),
    };
    this.logger.log(`public status loaded: ${rows.length} rows of ${services.size} services in ${Date.now() - started} ms`);
  }
}

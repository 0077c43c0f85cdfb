import { Injectable } from '@nestjs/common';
import { BUSINESS_TIME_ZONE, ContractStatus, DomainError, obstacleScopeOf, type Principal, issueAt } from '@efa/domain';
import { DataSource } from 'typeorm';
import { UUID_PATTERN } from '../common/crud.service.js';
import type {
  ContractFigures,
  Dashboard,
  DashboardScope,
  GoLiveWeek,
  LeadTime,
  LeadTimeBreakdown,
  LeadTimes,
  ObstacleFigures,
  OverdueMilestones,
  StuckOnboardings,
  GoLiveMonth, StageCount, StateFigures, StatusCounts, SystemFigures } from './dashboard.types.js';

/**
 * The steering group's figures, computed by the database from the transition
 * log, so they are right for any past moment: an onboarding's stage and
 * status at `asOf` are those of its last transition at or before it. The log is read
 * through onboarding_segment (each entry with the moment the next replaced it, kept
 * exact by triggers on onboarding_transition; migration 1764510000000), so "at asOf"
 * is a range scan of the service's segments, not a probe into the log per onboarding.
 *
 * Every statement is written for its scope: a state, wave or obstacle scope that is not given adds no
 * condition at all (no `$3 IS NULL OR …`), so the planner sees the plain national query (a condition
 * `$3 IS NULL OR x = $3` cannot be an index or hash condition: it made the state filter 11,401 probes
 * into authority per snapshot). The parameters stay $1..$4 in every statement (ARGS types them).
 */
const LIVE_STAGE = `live_stage AS (SELECT key FROM service_stage WHERE service_id = $1 ORDER BY position DESC LIMIT 1)`;

/** `condition` when the scope has the value, else nothing (TRUE): see above. */
const when = (value: unknown, condition: string) => (value ? condition : 'TRUE');

/**
 * The rows of onboarding_segment (the transition log with each entry's successor, kept by triggers:
 * migration 1764510000000) of the service's onboardings ($1) logged at or before the moment in `at`,
 * one range scan of ix_onboarding_segment_service (index only).
 */
const segmentsUpTo = (at: string) => `sg.service_id = $1 AND sg.valid_from <= ${at}`;

/**
 * The segment in force at the moment in `at` per onboarding of the service ($1): its current segment
 * (no successor) if logged by then, from ix_onboarding_segment_current (migration 1764573000000, one
 * row per onboarding), plus the segments closed after `at` — none when `at` is at or after the
 * service's last entry (today: a one-time filter on the index's last row skips that scan).
 */
const segmentsInForce = (at: string) => `(
      SELECT sg.onboarding_id, sg.stage, sg.status, sg.started, sg.stay_from FROM onboarding_segment sg
      WHERE sg.service_id = $1 AND sg.valid_to IS NULL AND sg.valid_from <= ${at}
      UNION ALL
      SELECT sg.onboarding_id, sg.stage, sg.status, sg.started, sg.stay_from FROM onboarding_segment sg
      WHERE ${segmentsUpTo(at)} AND sg.valid_to > ${at}
        AND ${at} < (SELECT max(l.valid_from) FROM onboarding_segment l WHERE l.service_id = $1)
    )`;

/**
 * Onboarding `o` of an authority in the state in parameter `state`: a join with the state's authorities,
 * hashed (OFFSET 0 keeps the planner from probing authority once per onboarding).
 */
const inStateOf = (o: string, state: string) => `JOIN (SELECT a.id FROM authority a WHERE a.state_id = ${state} OFFSET 0) sa ON sa.id = ${o}.authority_id`;

/**
 * Each onboarding's stage and status at the moment in parameter `at`, as CTE `name` (needs live_stage):
 * the segment in force at `at` per onboarding of the service (segmentsInForce), with the onboarding's
 * authority and planned go-live; `state`: the parameter of the state the onboardings must be in,
 * `wave`: the condition on their onboarding `o` (its wave), or null for none.
 */
const snapshotAt = (at: string, name: string, scope: { state: string | null; wave: string | null }) => `
  ${name} AS (
    SELECT o.id AS onboarding_id, o.authority_id, o.planned_go_live, sg.stage, sg.status, sg.started, sg.stay_from,
           (sg.stage = (SELECT key FROM live_stage) AND sg.status <> 'CANCELLED') AS live
    FROM ${segmentsInForce(at)} sg JOIN onboarding o ON o.id = sg.onboarding_id AND o.service_id = $1${scope.wave ? ` AND ${scope.wave}` : ''}
    ${scope.state ? inStateOf('o', scope.state) : ''}
  )`;

/** The request's snapshot at asOf ($2) in its state ($3) and wave ($4), as CTE `snap`. */
const snap = (scope: DashboardScope) => snapshotAt('$2', 'snap', { state: scope.stateId ? '$3' : null, wave: scope.waveId ? 'o.wave_id = $4' : null });

const TZ = BUSINESS_TIME_ZONE;
/** The calendar date of asOf ($2) in Europe/Berlin, for DATE columns (due dates, obstacles, contracts). */
const dateAt = (param: string) => `(${param}::timestamptz AT TIME ZONE '${TZ}')::date`;
const AS_OF_DATE = dateAt('$2');

/** Typed once in every figure statement, so $1..$4 are parameters even where no figure reads them. */
const ARGS = `args AS (SELECT $1::uuid AS service_id, $2::timestamptz AS as_of, $3::uuid AS state_id, $4::uuid AS wave_id)`;

/**
 * The entries into or out of the last stage up to asOf of the service's onboardings (segments, one range scan).
 * In a state or wave, only those of the onboardings in scope, i.e. of snap (every onboarding with an entry by
 * asOf is in it): OFFSET 0 keeps the scan one range scan, hashed against snap (else the planner probes the log
 * once per onboarding of snap, with heap fetches).
 */
const LIVE_MOVES = (scope: DashboardScope) => {
  const moves = `
    SELECT sg.onboarding_id, sg.valid_from AS occurred_at, sg.kind, sg.from_stage, sg.from_status, sg.stage AS to_stage, sg.status AS to_status
    FROM onboarding_segment sg
    WHERE ${segmentsUpTo('$2')} AND (sg.stage = (SELECT key FROM live_stage) OR sg.from_stage = (SELECT key FROM live_stage))`;
  return scope.stateId || scope.waveId ? `SELECT m.* FROM (${moves} OFFSET 0) m WHERE m.onboarding_id IN (SELECT onboarding_id FROM snap)` : moves;
};

/**
 * What the figures of one dashboard request read, computed once per statement ($1 service, $2 asOf,
 * $3 state or null, $4 wave or null), written for the scope; CTEs no figure of the statement reads are not computed.
 * - snapshot: `snap`, each onboarding's stage and status at asOf (its segment in force then), and
 *   `live_moves`, the transitions into or out of the last stage up to asOf (segments too);
 * - samples (lead times): `samples`, the stays in a stage up to asOf of the service's onboardings in
 *   scope: a stay starts with a transition into a stage other than the previous one and ends with the
 *   next such transition. Stage samples are the stays left by asOf (stage-changing segments with
 *   `stay_until` by then) outside the last stage, days from entering to leaving; live samples (stage
 *   null) the onboardings live at asOf, days from their first transition (`started`) to entering the
 *   live stay (`stay_from`). Days as float8 (the numeric quotient cast as percentile_cont casts it),
 *   with the authority only, so the sort for the percentiles is narrow;
 * - plain: the tables only (obstacles: `open_obstacles`; contracts).
 */
const BASES = {
  snapshot: (scope: DashboardScope) => `${ARGS}, ${LIVE_STAGE}, ${snap(scope)},
  live_moves AS (${LIVE_MOVES(scope)}
  )`,
  samples: (scope: DashboardScope) => `
  ${ARGS}, ${LIVE_STAGE}, ${snap(scope)},
  samples AS (
    SELECT x.stage, a.state_id, a.specialist_system_id, x.days
    FROM (
      SELECT sg.stage, o.authority_id, (extract(epoch FROM sg.stay_until - sg.valid_from) / 86400)::float8 AS days
      FROM onboarding_segment sg JOIN onboarding o ON o.id = sg.onboarding_id AND o.service_id = $1${scope.waveId ? ' AND o.wave_id = $4' : ''}
      ${scope.stateId ? inStateOf('o', '$3') : ''}
      -- ix_onboarding_segment_stay (migration 1764573100000); entered (valid_from) by asOf as left (stay_until) by then
      WHERE sg.service_id = $1 AND sg.stage_changed AND sg.stay_until <= $2 AND sg.stage <> (SELECT key FROM live_stage)
      UNION ALL
      SELECT NULL, sn.authority_id, (extract(epoch FROM sn.stay_from - sn.started) / 86400)::float8
      FROM snap sn WHERE sn.stage = (SELECT key FROM live_stage) AND sn.status <> 'CANCELLED'
    ) x JOIN authority a ON a.id = x.authority_id${scope.stateId ? ' AND a.state_id = $3' : ''}
  )`,
  // open_obstacles: the obstacles open at asOf's date of the service's onboardings in scope (a coordinator's own state
  // only), computed once for both obstacle figures
  plain: (scope: DashboardScope, bind: (value: unknown) => string) => `${ARGS},
  open_obstacles AS (
    SELECT b.id, b.onboarding_id, b.title, b.category, b.severity, b.opened_at, a.name AS authority_name, s.code
    FROM blocker b JOIN onboarding o ON o.id = b.onboarding_id JOIN authority a ON a.id = o.authority_id JOIN state s ON s.id = a.state_id
    WHERE o.service_id = $1 AND b.opened_at <= ${AS_OF_DATE} AND (b.resolved_at IS NULL OR b.resolved_at > ${AS_OF_DATE})
      AND ${when(scope.stateId, 'a.state_id = $3')} AND ${when(scope.waveId, 'o.wave_id = $4')} AND ${scope.obstacleStateId ? `a.state_id = ${bind(scope.obstacleStateId)}` : 'TRUE'}
  )`,
};
type Basis = keyof typeof BASES;

/** A contract's status at asOf from its dated lifecycle columns (the last step reached by then). */
const CONTRACT_STATUS_AT = `CASE WHEN rc.terminated_at <= ${AS_OF_DATE} THEN 'TERMINATED' WHEN rc.signed_at <= ${AS_OF_DATE} THEN 'SIGNED'
  WHEN rc.negotiation_started_at <= ${AS_OF_DATE} THEN 'NEGOTIATING' WHEN rc.interest_declared_at <= ${AS_OF_DATE} THEN 'INTEREST_DECLARED' ELSE 'NONE' END`;
const CONTRACT_STATUSES = Object.values(ContractStatus);

/** A whole-number argument within bounds, else VALIDATION naming it. */
function checkCount(field: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) throw DomainError.validation([issueAt(field, 'NOT_WHOLE_NUMBER_BETWEEN', { min, max, value: String(value) })]);
}

const COUNTS = `
  count(a.id)::int AS authorities,
  count(*) FILTER (WHERE sn.live)::int AS live,
  count(*) FILTER (WHERE NOT sn.live AND sn.status = 'ACTIVE')::int AS in_rollout,
  count(*) FILTER (WHERE NOT sn.live AND sn.status = 'ON_HOLD')::int AS paused,
  count(*) FILTER (WHERE NOT sn.live AND sn.status = 'CANCELLED')::int AS cancelled,
  count(*) FILTER (WHERE sn.onboarding_id IS NULL)::int AS not_started`;

type CountRow = { authorities: number; live: number; in_rollout: number; paused: number; cancelled: number; not_started: number };

const counts = (r: CountRow): StatusCounts => ({
  authorities: r.authorities,
  live: r.live,
  inRollout: r.in_rollout,
  paused: r.paused,
  cancelled: r.cancelled,
  notStarted: r.not_started,
  shareLive: r.authorities ? r.live / r.authorities : 0,
});

/**
 * A figure's SELECT over its basis (BASES) (and the tables), given `bind`, which adds a parameter of its own
 * and returns its placeholder; $1 service, $2 asOf and $3 state are shared.
 */
type FigureSql = (bind: (value: unknown) => string) => string;

/**
 * The figures of one request (one scope) asked for in the same turn of the event loop — by the
 * dashboard's fields, which GraphQL resolves side by side, or by a caller's Promise.all — run as one
 * statement per basis (BASES), each figure a JSON column of its rows; the statements run at the same
 * time on separate connections of the pool (one after the other on PGlite's one connection).
 * Figures are memoised by key for the scope's lifetime (one request), so fields sharing rows
 * (totals and states) read them once.
 */
class FigureBatch {
  private readonly done = new Map<string, Promise<unknown[]>>();
  private pending: Array<{ basis: Basis; statement: string; sql: FigureSql; resolve: (rows: unknown[]) => void; reject: (e: unknown) => void }> = [];

  constructor(
    private readonly scope: DashboardScope,
    private readonly run: (sql: string, params: unknown[]) => Promise<Array<Record<string, unknown>>>,
  ) {}

  rows<T>(basis: Basis, statement: string, key: string, sql: FigureSql): Promise<T[]> {
    let rows = this.done.get(key);
    if (!rows) {
      rows = new Promise<unknown[]>((resolve, reject) => {
        this.pending.push({ basis, statement, sql, resolve, reject });
        if (this.pending.length === 1) setImmediate(() => this.flush());
      });
      this.done.set(key, rows);
    }
    return rows as Promise<T[]>;
  }

  private flush(): void {
    const figures = this.pending;
    this.pending = [];
    for (const statement of new Set(figures.map((f) => f.statement))) {
      const group = figures.filter((f) => f.statement === statement);
      void this.statement(group[0].basis, group);
    }
  }

  private async statement(basis: Basis, figures: FigureBatch['pending']): Promise<void> {
    const params: unknown[] = [this.scope.serviceId, this.scope.asOf, this.scope.stateId, this.scope.waveId];
    const bind = (value: unknown) => `$${params.push(value)}`;
    const base = BASES[basis](this.scope, bind);
    const columns = figures.map((f, i) => `(SELECT coalesce(json_agg(r), '[]'::json) FROM (${f.sql(bind)}) r) AS f${i}`);
    try {
      const [row] = await this.run(`WITH ${base} SELECT ${columns.join(',\n')}`, params);
      figures.forEach((f, i) => {
        const value = row[`f${i}`];
        f.resolve((typeof value === 'string' ? JSON.parse(value) : value) as unknown[]);
      });
    } catch (e) {
      for (const f of figures) f.reject(e);
    }
  }
}

@Injectable()
export class DashboardService {
  private readonly batches = new WeakMap<DashboardScope, FigureBatch>();

  constructor(private readonly dataSource: DataSource) {}

  /**
   * The rows of one figure, run with the scope's other figures of the same `statement` asked for in
   * the same turn (FigureBatch); figures with heavy reads of their own get a statement of their own,
   * run at the same time as the others.
   */
  private figure<T>(scope: DashboardScope, basis: Basis, key: string, sql: FigureSql, statement: string = basis): Promise<T[]> {
    let batch = this.batches.get(scope);
    if (!batch) {
      batch = new FigureBatch(scope, (text, params) => this.dataSource.query(text, params));
      this.batches.set(scope, batch);
    }
    return batch.rows<T>(basis, statement, key, sql);
  }

  private async serviceOf(serviceId: string | null | undefined): Promise<{ id: string; name: string }> {
    if (serviceId) {
      const [s] = UUID_PATTERN.test(serviceId) ? await this.dataSource.query(`SELECT id, name FROM service WHERE id = $1`, [serviceId]) : [];
      if (!s) throw DomainError.notFound('Service', serviceId);
      return s;
    }
    // Aufenthaltstitel by its unique OZG-ID first: counting every service's onboardings is needed only without it.
    const [aufenthaltstitel] = await this.dataSource.query(`SELECT id, name FROM service WHERE ozg_id = '10255'`);
    if (aufenthaltstitel) return aufenthaltstitel;
    const [busiest] = await this.dataSource.query(
      `SELECT sv.id, sv.name FROM service sv ORDER BY (sv.ozg_id = '10255') DESC NULLS LAST, (SELECT count(*) FROM onboarding o WHERE o.service_id = sv.id) DESC, sv.name LIMIT 1`,
    );
    if (!busiest) throw DomainError.notFound('Service', '(any)');
    return busiest;
  }

  /**
   * The service, moment and state of a dashboard request, checked, without figures: the GraphQL
   * query resolves each figure as a field (DashboardResolver), all of them in one statement.
   */
  async head(args: { serviceId?: string | null; asOf?: Date | null; stateId?: string | null; waveId?: string | null }, viewer?: Principal | null): Promise<DashboardHead> {
    let wave: { id: string; name: string; service_id: string } | undefined;
    if (args.waveId) {
      [wave] = UUID_PATTERN.test(args.waveId) ? await this.dataSource.query(`SELECT id, name, service_id FROM wave WHERE id = $1`, [args.waveId]) : [];
      if (!wave) throw DomainError.validation([issueAt('waveId', 'REFERENCE_NOT_FOUND', { label: 'wave', id: args.waveId })]);
    }
    // A wave belongs to one service: without a service its service is the dashboard's.
    const service = await this.serviceOf(args.serviceId ?? wave?.service_id);
    if (wave && wave.service_id !== service.id) throw DomainError.validation([issueAt('waveId', 'WAVE_NOT_OF_SERVICE', { wave: wave.name, service: service.name })]);
    const asOf = args.asOf ?? new Date();
    if (Number.isNaN(asOf.getTime())) throw DomainError.validation([issueAt('asOf', 'NOT_A_DATE_TIME')]);
    if (args.stateId && !UUID_PATTERN.test(args.stateId)) throw DomainError.validation([issueAt('stateId', 'NOT_AN_ID', { value: args.stateId })]);
    const scope: DashboardScope = { serviceId: service.id, asOf, stateId: args.stateId ?? null, waveId: wave?.id ?? null, obstacleStateId: obstacleScopeOf(viewer) };
    return { serviceId: service.id, serviceName: service.name, asOf, scope };
  }

  /** The dashboard with its main figures (totals, states, funnel, specialist systems, go-lives per month). */
  async dashboard(args: { serviceId?: string | null; asOf?: Date | null; stateId?: string | null; waveId?: string | null }, viewer?: Principal | null): Promise<Dashboard> {
    const head = await this.head(args, viewer);
    const { scope } = head;
    const [totals, states, funnel, specialistSystems, goLivesPerMonth] = await Promise.all([
      this.totals(scope),
      this.states(scope),
      this.funnel(scope),
      this.specialistSystems(scope),
      this.goLivesPerMonth(scope),
    ]);
    return { ...head, totals, states, funnel, specialistSystems, goLivesPerMonth };
  }

  /** Live / in rollout / paused / cancelled / not started per state and in all (GROUPING SETS; total row with id null). */
  private stateRows(scope: DashboardScope) {
    return this.figure<CountRow & { id: string | null; code: string; name: string }>(
      scope,
      'snapshot',
      'states',
      () => `
       SELECT s.id, s.code, s.name, ${COUNTS}
       FROM state s JOIN authority a ON a.state_id = s.id LEFT JOIN snap sn ON sn.authority_id = a.id
       WHERE ${when(scope.stateId, 's.id = $3')} AND ${when(scope.waveId, 'sn.onboarding_id IS NOT NULL')}
       GROUP BY GROUPING SETS ((s.id, s.code, s.name, s.ars_prefix), ())
       ORDER BY s.ars_prefix NULLS LAST`,
    );
  }

  async totals(scope: DashboardScope): Promise<StatusCounts> {
    const total = (await this.stateRows(scope)).find((r) => r.id === null);
    return counts(total ?? { authorities: 0, live: 0, in_rollout: 0, paused: 0, cancelled: 0, not_started: 0 });
  }

  async states(scope: DashboardScope): Promise<StateFigures[]> {
    return (await this.stateRows(scope)).filter((r) => r.id !== null).map((r) => ({ stateId: r.id!, stateCode: r.code, stateName: r.name, ...counts(r) }));
  }

  async funnel(scope: DashboardScope): Promise<StageCount[]> {
    const rows = await this.figure<{ key: string; position: number; count: number; paused: number }>(
      scope,
      'snapshot',
      'funnel',
      () => `
       SELECT st.key, st.position,
              count(sn.onboarding_id) FILTER (WHERE sn.status <> 'CANCELLED')::int AS count,
              count(sn.onboarding_id) FILTER (WHERE sn.status = 'ON_HOLD')::int AS paused
       FROM service_stage st LEFT JOIN snap sn ON sn.stage = st.key
       WHERE st.service_id = $1
       GROUP BY st.key, st.position ORDER BY st.position`,
    );
    return rows.map((r) => ({ stage: r.key, position: r.position, count: r.count, paused: r.paused }));
  }

  async specialistSystems(scope: DashboardScope): Promise<SystemFigures[]> {
    const rows = await this.figure<{ id: string | null; name: string; live: number; in_rollout: number; blocked: number }>(
      scope,
      'snapshot',
      'specialistSystems',
      (bind) => `
       WITH blocked AS (
         SELECT DISTINCT b.onboarding_id FROM blocker b JOIN onboarding o ON o.id = b.onboarding_id
         ${scope.obstacleStateId ? `JOIN authority a ON a.id = o.authority_id AND a.state_id = ${bind(scope.obstacleStateId)}` : ''}
         WHERE o.service_id = $1 AND b.severity = 'BLOCKING' AND b.opened_at <= ${AS_OF_DATE} AND (b.resolved_at IS NULL OR b.resolved_at > ${AS_OF_DATE})
       )
       SELECT ss.id, coalesce(ss.vendor || ' ' || ss.product, '—') AS name,
              count(*) FILTER (WHERE sn.live)::int AS live,
              count(*) FILTER (WHERE NOT sn.live AND sn.status = 'ACTIVE')::int AS in_rollout,
              count(bl.onboarding_id) FILTER (WHERE NOT sn.live AND sn.status <> 'CANCELLED')::int AS blocked
       FROM snap sn JOIN authority a ON a.id = sn.authority_id
       LEFT JOIN specialist_system ss ON ss.id = a.specialist_system_id
       LEFT JOIN blocked bl ON bl.onboarding_id = sn.onboarding_id
       GROUP BY ss.id, ss.vendor, ss.product ORDER BY live DESC, name`,
    );
    return rows.map((r) => ({ specialistSystemId: r.id, name: r.name, live: r.live, inRollout: r.in_rollout, blocked: r.blocked }));
  }

  async goLivesPerMonth(scope: DashboardScope): Promise<GoLiveMonth[]> {
    return (await this.goLivesPer('month', scope)).map(({ period, goLives, cumulative, planned }) => ({ month: period, goLives, cumulative, planned }));
  }

  /** Go-lives per month or ISO week (Europe/Berlin), the running number live, and planned go-lives ahead of asOf. */
  async goLivesPer(unit: 'month' | 'week', scope: DashboardScope): Promise<Array<{ period: string; start: string; goLives: number; cumulative: number; planned: number }>> {
    const label = unit === 'month' ? `'YYYY-MM'` : `'IYYY-"W"IW'`;
    const rows = await this.figure<{ period: string; start: string; go_lives: number; cumulative: number; planned: number }>(
      scope,
      'snapshot',
      `goLivesPer:${unit}`,
      () => `
       WITH moves AS (
         SELECT date_trunc('${unit}', t.occurred_at AT TIME ZONE '${TZ}') AS period,
                -- a go-live: an advance to the live stage, or an import that set it (from another stage)
                (t.kind IN ('ADVANCE', 'IMPORT') AND t.to_stage = ls.key AND t.from_stage IS DISTINCT FROM ls.key) AS go_live,
                (t.to_stage = ls.key AND t.to_status <> 'CANCELLED')::int
                  - coalesce(t.from_stage = ls.key AND t.from_status <> 'CANCELLED', false)::int AS delta
         FROM live_moves t CROSS JOIN live_stage ls
       ),
       per AS (SELECT period, count(*) FILTER (WHERE go_live)::int AS go_lives, sum(delta)::int AS net FROM moves GROUP BY period),
       plans AS (
         SELECT date_trunc('${unit}', sn.planned_go_live::timestamp) AS period, count(*)::int AS n
         FROM snap sn
         WHERE NOT sn.live AND sn.status = 'ACTIVE' AND sn.planned_go_live > ${AS_OF_DATE}
         GROUP BY 1
       ),
       now_period AS (SELECT date_trunc('${unit}', $2::timestamptz AT TIME ZONE '${TZ}') AS p),
       periods AS (
         SELECT generate_series(
           coalesce((SELECT min(period) FROM per WHERE go_lives > 0 OR net <> 0), (SELECT p FROM now_period)),
           greatest((SELECT p FROM now_period), coalesce((SELECT max(period) FROM plans), (SELECT p FROM now_period))),
           interval '1 ${unit}') AS period
       )
       SELECT to_char(pe.period, ${label}) AS period, to_char(pe.period, 'YYYY-MM-DD') AS start,
              coalesce(per.go_lives, 0)::int AS go_lives,
              (sum(coalesce(per.net, 0)) OVER (ORDER BY pe.period))::int AS cumulative,
              coalesce(plans.n, 0)::int AS planned
       FROM periods pe LEFT JOIN per ON per.period = pe.period LEFT JOIN plans ON plans.period = pe.period
       ORDER BY pe.period`,
      'goLives',
    );
    return rows.map((r) => ({ period: r.period, start: r.start, goLives: r.go_lives, cumulative: r.cumulative, planned: r.planned }));
  }

  async goLivesPerWeek(scope: DashboardScope): Promise<GoLiveWeek[]> {
    return (await this.goLivesPer('week', scope)).map(({ period, start, goLives, cumulative, planned }) => ({ week: period, weekStart: start, goLives, cumulative, planned }));
  }

  /**
   * Median and 80th percentile days from the first transition to LIVE (onboardings live at asOf)
   * and of completed stays per stage (entered and left by asOf), overall, per state and per
   * specialist system: one query with GROUPING SETS and percentile_cont.
   */
  async leadTimes(scope: DashboardScope): Promise<LeadTimes> {
    type Row = { measure: 'LIVE' | 'STAGE'; stage: string | null; by_state: boolean; by_system: boolean; state_id: string | null; code: string | null; state_name: string | null; system_id: string | null; system_name: string; count: number; median: number; p80: number };
    const [stages, rows] = await Promise.all([
      this.figure<{ key: string; position: number }>(
        scope,
        'samples',
        'stages',
        () => `SELECT key, position FROM service_stage WHERE service_id = $1 AND position < (SELECT max(position) FROM service_stage WHERE service_id = $1) ORDER BY position`,
      ),
      this.figure<Row>(
        scope,
        'samples',
        'leadTimes',
        () => `
       WITH agg AS (
         SELECT CASE WHEN stage IS NULL THEN 'LIVE' ELSE 'STAGE' END AS measure, stage,
                GROUPING(state_id) = 0 AS by_state, GROUPING(specialist_system_id) = 0 AS by_system, state_id, specialist_system_id,
                count(*)::int AS count,
                round(percentile_cont(0.5) WITHIN GROUP (ORDER BY days)::numeric, 2)::float8 AS median,
                round(percentile_cont(0.8) WITHIN GROUP (ORDER BY days)::numeric, 2)::float8 AS p80
         FROM samples
         GROUP BY GROUPING SETS ((stage), (stage, state_id), (stage, specialist_system_id))
       )
       SELECT agg.*, agg.specialist_system_id AS system_id, s.code, s.name AS state_name, coalesce(ss.vendor || ' ' || ss.product, '—') AS system_name
       FROM agg LEFT JOIN state s ON s.id = agg.state_id LEFT JOIN specialist_system ss ON ss.id = agg.specialist_system_id
       ORDER BY s.ars_prefix NULLS FIRST, system_name`,
      ),
    ]);
    const figure = (r: Row | undefined): LeadTime => (r ? { count: r.count, medianDays: r.median, p80Days: r.p80 } : { count: 0, medianDays: null, p80Days: null });
    const breakdown = (group: Row[]): LeadTimeBreakdown => ({
      toLive: figure(group.find((r) => r.measure === 'LIVE')),
      stages: stages.map((st) => ({ stage: st.key, position: st.position, ...figure(group.find((r) => r.measure === 'STAGE' && r.stage === st.key)) })),
    });
    const groups = (pick: (r: Row) => boolean, key: (r: Row) => string) => {
      const map = new Map<string, Row[]>();
      for (const r of rows.filter(pick)) map.set(key(r), [...(map.get(key(r)) ?? []), r]);
      return [...map.values()];
    };
    return {
      overall: breakdown(rows.filter((r) => !r.by_state && !r.by_system)),
      states: groups((r) => r.by_state, (r) => r.state_id!).map((g) => ({ stateId: g[0].state_id!, stateCode: g[0].code!, stateName: g[0].state_name!, ...breakdown(g) })),
      specialistSystems: groups((r) => r.by_system, (r) => r.system_id ?? '').map((g) => ({ specialistSystemId: g[0].system_id, name: g[0].system_name, ...breakdown(g) })),
    };
  }

  /** Onboardings (active or paused, not live) in their stage for at least `minDays` at asOf, longest first. */
  async stuckOnboardings(scope: DashboardScope, minDays: number, limit: number): Promise<StuckOnboardings> {
    checkCount('minDays', minDays, 0, 36_500);
    checkCount('limit', limit, 1, 1000);
    const rows = await this.figure<{ onboarding_id: string; authority_name: string; code: string; stage: string; status: string; entered: string; days: number; total: number }>(
      scope,
      'snapshot',
      `stuck:${minDays}:${limit}`,
      // the stay each onboarding is in at asOf: its segment in force then, entered when that stay began (stay_from);
      // authority and state are read for the listed ones only
      (bind) => `
       WITH listed AS (
         SELECT sn.onboarding_id, sn.authority_id, sn.stage, sn.status, sn.stay_from, (count(*) OVER ())::int AS total
         FROM snap sn
         WHERE sn.status <> 'CANCELLED' AND sn.stage <> (SELECT key FROM live_stage)
           AND $2::timestamptz - sn.stay_from >= make_interval(days => ${bind(minDays)}::int)
         ORDER BY sn.stay_from, sn.onboarding_id LIMIT ${bind(limit)}
       )
       SELECT l.onboarding_id, a.name AS authority_name, s.code, l.stage, l.status, l.stay_from AS entered,
              floor(extract(epoch FROM $2::timestamptz - l.stay_from) / 86400)::int AS days, l.total
       FROM listed l JOIN authority a ON a.id = l.authority_id JOIN state s ON s.id = a.state_id
       ORDER BY l.stay_from, l.onboarding_id`,
    );
    return {
      total: rows[0]?.total ?? 0,
      items: rows.map((r) => ({ onboardingId: r.onboarding_id, authorityName: r.authority_name, stateCode: r.code, stage: r.stage, status: r.status, stageEnteredAt: new Date(r.entered), days: r.days })),
    };
  }

  /** Milestones due before asOf's date and not done by then (not applicable ones excluded), of onboardings not cancelled at asOf; longest overdue first. */
  async overdueMilestones(scope: DashboardScope, limit: number): Promise<OverdueMilestones> {
    checkCount('limit', limit, 1, 1000);
    const rows = await this.figure<{ id: string; onboarding_id: string; authority_name: string; code: string; key: string; name_de: string; stage: string; due_date: string; days: number; total: number }>(
      scope,
      'snapshot',
      `overdue:${limit}`,
      (bind) => `
       WITH open_due AS MATERIALIZED (
         -- The service's milestones open at asOf's date, due before it (not applicable ones never are): OPEN now
         -- (ix_milestone_service_open_due), or DONE after that date, i.e. done late (ix_milestone_service_done_late);
         -- both index only, on milestone.service_id (migration 1764576000000). MATERIALIZED: the planner takes snap for
         -- about one row for small services and loops over it; it then rescans these rows, not the index.
         SELECT m.id, m.due_date, m.position, m.onboarding_id FROM milestone m
         WHERE m.service_id = $1 AND m.status = 'OPEN' AND m.due_date < ${AS_OF_DATE}
         UNION ALL
         SELECT m.id, m.due_date, m.position, m.onboarding_id FROM milestone m
         WHERE m.service_id = $1 AND m.status = 'DONE' AND m.completed_at > m.due_date AND m.completed_at > ${AS_OF_DATE} AND m.due_date < ${AS_OF_DATE}
       ),
       due AS (
         -- of the onboardings not cancelled at asOf in scope
         SELECT m.id, m.due_date, m.position, sn.onboarding_id, sn.authority_id, (count(*) OVER ())::int AS total
         FROM open_due m JOIN snap sn ON sn.onboarding_id = m.onboarding_id
         WHERE sn.status <> 'CANCELLED'
       ),
       listed AS (
         SELECT due.*, a.name AS authority_name, a.state_id FROM due JOIN authority a ON a.id = due.authority_id
         ORDER BY due.due_date, a.name, due.position, due.id LIMIT ${bind(limit)}
       )
       -- only the listed milestones' names and states are read
       SELECT l.id, l.onboarding_id, l.authority_name, s.code, m.key, m.name_de, m.stage, l.due_date, (${AS_OF_DATE} - l.due_date)::int AS days, l.total
       FROM listed l JOIN milestone m ON m.id = l.id JOIN state s ON s.id = l.state_id
       ORDER BY l.due_date, l.authority_name, l.position, l.id`,
      'overdue',
    );
    return {
      total: rows[0]?.total ?? 0,
      items: rows.map((r) => ({ milestoneId: r.id, onboardingId: r.onboarding_id, authorityName: r.authority_name, stateCode: r.code, key: r.key, nameDe: r.name_de, stage: r.stage, dueDate: r.due_date, daysOverdue: r.days })),
    };
  }

  /** Obstacles open at asOf (opened on or before its date, not resolved by then), by category and severity, oldest first; a coordinator's own state only. */
  async obstacles(scope: DashboardScope, limit: number): Promise<ObstacleFigures> {
    checkCount('limit', limit, 1, 1000);
    const [byCategory, oldest] = await Promise.all([
      this.figure<{ category: string; severity: string; count: number }>(
        scope,
        'plain',
        'obstacles',
        () => `SELECT category, severity, count(*)::int AS count FROM open_obstacles GROUP BY category, severity ORDER BY category, severity`,
      ),
      this.figure<{ id: string; onboarding_id: string; authority_name: string; code: string; title: string; category: string; severity: string; opened_at: string; days: number }>(
        scope,
        'plain',
        `obstacles:${limit}`,
        (bind) => `SELECT *, (${AS_OF_DATE} - opened_at)::int AS days FROM open_obstacles ORDER BY opened_at, authority_name, id LIMIT ${bind(limit)}`,
      ),
    ]);
    return {
      total: byCategory.reduce((sum, r) => sum + r.count, 0),
      byCategory,
      oldest: oldest.map((r) => ({ blockerId: r.id, onboardingId: r.onboarding_id, authorityName: r.authority_name, stateCode: r.code, title: r.title, category: r.category, severity: r.severity, openedAt: r.opened_at, daysOpen: r.days })),
    };
  }

  /** Each state's reuse contract status at asOf, derived from the contract's dated lifecycle columns, with its reuse variant. */
  async contracts(scope: DashboardScope): Promise<ContractFigures> {
    const on = (column: string) => `CASE WHEN rc.${column} <= ${AS_OF_DATE} THEN rc.${column} END`;
    const perState = `
      per_state AS (
        SELECT s.id, s.code, s.name, s.ars_prefix, rc.id AS contract_id, ${CONTRACT_STATUS_AT} AS status,
               ${on('interest_declared_at')} AS interest, ${on('negotiation_started_at')} AS negotiation, ${on('signed_at')} AS signed, ${on('terminated_at')} AS terminated,
               rc.legal_route, CASE WHEN rv.created_at <= $2 THEN rv.variant END AS variant
        FROM state s
        LEFT JOIN reuse_contract rc ON rc.state_id = s.id AND rc.service_id = $1
        LEFT JOIN reuse_variant rv ON rv.state_id = s.id AND rv.service_id = $1
        WHERE ${when(scope.stateId, 's.id = $3')}
          AND ${when(scope.waveId, 'EXISTS (SELECT 1 FROM onboarding wo JOIN authority wa ON wa.id = wo.authority_id WHERE wo.wave_id = $4 AND wa.state_id = s.id)')}
      )`;
    type Row = { id: string; code: string; name: string; contract_id: string | null; status: string; interest: string | null; negotiation: string | null; signed: string | null; terminated: string | null; legal_route: string | null; variant: string | null };
    const [rows, statusCounts] = await Promise.all([
      this.figure<Row>(scope, 'plain', 'contracts', () => `WITH ${perState} SELECT * FROM per_state ORDER BY ars_prefix`),
      this.figure<{ status: string; count: number }>(
        scope,
        'plain',
        'contractCounts',
        (bind) => `
         WITH ${perState}
         SELECT st.status, count(ps.id)::int AS count
         FROM unnest(${bind(CONTRACT_STATUSES)}::text[]) WITH ORDINALITY AS st(status, n) LEFT JOIN per_state ps ON ps.status = st.status
         GROUP BY st.status, st.n ORDER BY st.n`,
      ),
    ]);
    return {
      counts: statusCounts,
      states: rows.map((r) => ({
        stateId: r.id,
        stateCode: r.code,
        stateName: r.name,
        contractId: r.contract_id,
        status: r.status,
        interestDeclaredAt: r.interest,
        negotiationStartedAt: r.negotiation,
        signedAt: r.signed,
        terminatedAt: r.terminated,
        legalRoute: r.legal_route,
        reuseVariant: r.variant,
      })),
    };
  }

  /**
   * What changed between `since` and asOf: onboardings live at asOf but not at since, onboardings
   * with an open blocking obstacle at asOf but none at since (a coordinator's own state only), and
   * contracts signed after since's date up to asOf's.
   */
  async changesBetween(scope: DashboardScope, since: Date): Promise<PeriodChanges> {
    const SINCE_DATE = dateAt('$4');
    const WAVE_5 = '($5::uuid IS NULL OR o.wave_id = $5)';
    const newlyLive: Array<{ onboarding_id: string; authority_name: string; code: string; live_since: Date }> = await this.dataSource.query(
      `WITH ${LIVE_STAGE}, ${snapshotAt('$2', 'snap', { state: null, wave: WAVE_5 })}, ${snapshotAt('$4', 'before', { state: null, wave: WAVE_5 })}
       SELECT sn.onboarding_id, a.name AS authority_name, s.code,
              (SELECT max(t.occurred_at) FROM onboarding_transition t WHERE t.onboarding_id = sn.onboarding_id AND t.occurred_at <= $2 AND t.to_stage = (SELECT key FROM live_stage) AND t.kind IN ('ADVANCE', 'IMPORT') AND t.from_stage IS DISTINCT FROM t.to_stage) AS live_since
       FROM snap sn LEFT JOIN before b ON b.onboarding_id = sn.onboarding_id
       JOIN authority a ON a.id = sn.authority_id JOIN state s ON s.id = a.state_id
       WHERE sn.live AND NOT coalesce(b.live, false) AND ($3::uuid IS NULL OR a.state_id = $3)
       ORDER BY live_since, a.name`,
      [scope.serviceId, scope.asOf, scope.stateId, since, scope.waveId],
    );
    const newlyBlocked: Array<{ onboarding_id: string; authority_name: string; code: string; titles: string; opened_at: string }> = await this.dataSource.query(
      `WITH blocking AS (
         SELECT b.onboarding_id, b.title, b.opened_at, a.name AS authority_name, s.code,
                (b.opened_at <= ${AS_OF_DATE} AND (b.resolved_at IS NULL OR b.resolved_at > ${AS_OF_DATE})) AS open_now,
                (b.opened_at <= ${SINCE_DATE} AND (b.resolved_at IS NULL OR b.resolved_at > ${SINCE_DATE})) AS open_before
         FROM blocker b JOIN onboarding o ON o.id = b.onboarding_id JOIN authority a ON a.id = o.authority_id JOIN state s ON s.id = a.state_id
         WHERE o.service_id = $1 AND b.severity = 'BLOCKING' AND ($3::uuid IS NULL OR a.state_id = $3) AND ($5::uuid IS NULL OR a.state_id = $5)
           AND ($6::uuid IS NULL OR o.wave_id = $6)
       )
       SELECT onboarding_id, authority_name, code, string_agg(title, '; ' ORDER BY opened_at, title) FILTER (WHERE open_now) AS titles,
              min(opened_at) FILTER (WHERE open_now) AS opened_at
       FROM blocking GROUP BY onboarding_id, authority_name, code
       HAVING bool_or(open_now) AND NOT bool_or(open_before)
       ORDER BY min(opened_at) FILTER (WHERE open_now), authority_name`,
      [scope.serviceId, scope.asOf, scope.stateId, since, scope.obstacleStateId, scope.waveId],
    );
    const contractsSigned: Array<{ code: string; name: string; signed_at: string; legal_route: string | null }> = await this.dataSource.query(
      `SELECT s.code, s.name, rc.signed_at, rc.legal_route
       FROM reuse_contract rc JOIN state s ON s.id = rc.state_id
       WHERE rc.service_id = $1 AND rc.signed_at > ${SINCE_DATE} AND rc.signed_at <= ${AS_OF_DATE} AND ($3::uuid IS NULL OR s.id = $3)
         AND ($5::uuid IS NULL OR EXISTS (SELECT 1 FROM onboarding wo JOIN authority wa ON wa.id = wo.authority_id WHERE wo.wave_id = $5 AND wa.state_id = s.id))
       ORDER BY rc.signed_at, s.code`,
      [scope.serviceId, scope.asOf, scope.stateId, since, scope.waveId],
    );
    return {
      newlyLive: newlyLive.map((r) => ({ onboardingId: r.onboarding_id, authorityName: r.authority_name, stateCode: r.code, liveSince: r.live_since })),
      newlyBlocked: newlyBlocked.map((r) => ({ onboardingId: r.onboarding_id, authorityName: r.authority_name, stateCode: r.code, obstacles: r.titles, openedAt: r.opened_at })),
      contractsSigned: contractsSigned.map((r) => ({ stateCode: r.code, stateName: r.name, signedAt: r.signed_at, legalRoute: r.legal_route })),
    };
  }
}

/** What changed between two moments (the monthly report's "changes since the previous report"). */
export interface PeriodChanges {
  newlyLive: Array<{ onboardingId: string; authorityName: string; stateCode: string; liveSince: Date }>;
  newlyBlocked: Array<{ onboardingId: string; authorityName: string; stateCode: string; obstacles: string; openedAt: string }>;
  contractsSigned: Array<{ stateCode: string; stateName: string; signedAt: string; legalRoute: string | null }>;
}

/** A dashboard request's service, moment and scope, before its figures. */
export type DashboardHead = Pick<Dashboard, 'serviceId' | 'serviceName' | 'asOf' | 'scope'>;

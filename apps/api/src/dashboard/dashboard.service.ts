import { Injectable } from '@nestjs/common';
import { DomainError } from '@efa/domain';
import { DataSource } from 'typeorm';
import { UUID_PATTERN } from '../common/crud.service.js';
import type { Dashboard, GoLiveMonth, StageCount, StateFigures, StatusCounts, SystemFigures } from './dashboard.types.js';

/**
 * The steering group's figures, computed by the database from the transition
 * log, so they are right for any past moment: an onboarding's stage and
 * status at `asOf` are those of its last transition at or before it.
 */
const SNAPSHOT = `
  live_stage AS (SELECT key FROM service_stage WHERE service_id = $1 ORDER BY position DESC LIMIT 1),
  snap AS (
    SELECT o.id AS onboarding_id, o.authority_id, t.to_stage AS stage, t.to_status AS status,
           (t.to_stage = (SELECT key FROM live_stage) AND t.to_status <> 'CANCELLED') AS live
    FROM onboarding o
    CROSS JOIN LATERAL (
      -- one probe per onboarding into ix_onboarding_transition_latest (index only)
      SELECT t.to_stage, t.to_status FROM onboarding_transition t
      WHERE t.onboarding_id = o.id AND t.occurred_at <= $2
      ORDER BY t.occurred_at DESC, t.id DESC LIMIT 1
    ) t
    WHERE o.service_id = $1
  )`;

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

@Injectable()
export class DashboardService {
  constructor(private readonly dataSource: DataSource) {}

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

  async dashboard(args: { serviceId?: string | null; asOf?: Date | null; stateId?: string | null }): Promise<Dashboard> {
    const service = await this.serviceOf(args.serviceId);
    const asOf = args.asOf ?? new Date();
    if (Number.isNaN(asOf.getTime())) throw DomainError.validation([{ field: 'asOf', message: 'is not a date and time' }]);
    if (args.stateId && !UUID_PATTERN.test(args.stateId)) throw DomainError.validation([{ field: 'stateId', message: `is not a valid id: ${args.stateId}` }]);
    const params = [service.id, asOf, args.stateId ?? null];

    const stateRows: Array<CountRow & { id: string | null; code: string; name: string }> = await this.dataSource.query(
      `WITH ${SNAPSHOT}
       SELECT s.id, s.code, s.name, ${COUNTS}
       FROM state s JOIN authority a ON a.state_id = s.id LEFT JOIN snap sn ON sn.authority_id = a.id
       WHERE $3::uuid IS NULL OR s.id = $3
       GROUP BY GROUPING SETS ((s.id, s.code, s.name, s.ars_prefix), ())
       ORDER BY s.ars_prefix NULLS LAST`,
      params,
    );
    const total = stateRows.find((r) => r.id === null);
    const states: StateFigures[] = stateRows.filter((r) => r.id !== null).map((r) => ({ stateId: r.id!, stateCode: r.code, stateName: r.name, ...counts(r) }));

    const funnelRows: Array<{ key: string; position: number; count: number; paused: number }> = await this.dataSource.query(
      `WITH ${SNAPSHOT}
       SELECT st.key, st.position,
              count(sn.onboarding_id) FILTER (WHERE sn.status <> 'CANCELLED')::int AS count,
              count(sn.onboarding_id) FILTER (WHERE sn.status = 'ON_HOLD')::int AS paused
       FROM service_stage st
       LEFT JOIN (snap sn JOIN authority a ON a.id = sn.authority_id AND ($3::uuid IS NULL OR a.state_id = $3)) ON sn.stage = st.key
       WHERE st.service_id = $1
       GROUP BY st.key, st.position ORDER BY st.position`,
      params,
    );
    const funnel: StageCount[] = funnelRows.map((r) => ({ stage: r.key, position: r.position, count: r.count, paused: r.paused }));

    const systemRows: Array<{ id: string | null; name: string; live: number; in_rollout: number; blocked: number }> = await this.dataSource.query(
      `WITH ${SNAPSHOT},
       blocked AS (
         SELECT DISTINCT b.onboarding_id FROM blocker b
         WHERE b.severity = 'BLOCKING' AND b.opened_at <= $2::timestamptz::date AND (b.resolved_at IS NULL OR b.resolved_at > $2::timestamptz::date)
       )
       SELECT ss.id, coalesce(ss.vendor || ' ' || ss.product, '—') AS name,
              count(*) FILTER (WHERE sn.live)::int AS live,
              count(*) FILTER (WHERE NOT sn.live AND sn.status = 'ACTIVE')::int AS in_rollout,
              count(bl.onboarding_id) FILTER (WHERE NOT sn.live AND sn.status <> 'CANCELLED')::int AS blocked
       FROM snap sn JOIN authority a ON a.id = sn.authority_id
       LEFT JOIN specialist_system ss ON ss.id = a.specialist_system_id
       LEFT JOIN blocked bl ON bl.onboarding_id = sn.onboarding_id
       WHERE $3::uuid IS NULL OR a.state_id = $3
       GROUP BY ss.id, ss.vendor, ss.product ORDER BY live DESC, name`,
      params,
    );
    const specialistSystems: SystemFigures[] = systemRows.map((r) => ({ specialistSystemId: r.id, name: r.name, live: r.live, inRollout: r.in_rollout, blocked: r.blocked }));

    const monthRows: Array<{ month: string; go_lives: number; cumulative: number; planned: number }> = await this.dataSource.query(
      `WITH live_stage AS (SELECT key FROM service_stage WHERE service_id = $1 ORDER BY position DESC LIMIT 1),
       moves AS (
         -- only the moves into and out of LIVE count; one row per month
         SELECT date_trunc('month', t.occurred_at AT TIME ZONE 'Europe/Berlin') AS month,
                sum(CASE WHEN t.kind = 'ADVANCE' THEN 1 ELSE 0 END) AS go_lives,
                sum(CASE WHEN t.kind = 'ADVANCE' THEN 1 ELSE -1 END) AS net
         FROM onboarding_transition t JOIN onboarding o ON o.id = t.onboarding_id JOIN authority a ON a.id = o.authority_id
         WHERE o.service_id = $1 AND t.occurred_at <= $2 AND ($3::uuid IS NULL OR a.state_id = $3)
           AND ((t.kind = 'ADVANCE' AND t.to_stage = (SELECT key FROM live_stage)) OR (t.kind = 'MOVE_BACK' AND t.from_stage = (SELECT key FROM live_stage)))
         GROUP BY 1
       ),
       plans AS (
         SELECT date_trunc('month', o.planned_go_live::timestamp) AS month, count(*)::int AS n
         FROM onboarding o JOIN authority a ON a.id = o.authority_id
         WHERE o.service_id = $1 AND o.live_at IS NULL AND o.status = 'ACTIVE' AND o.planned_go_live > ($2::timestamptz AT TIME ZONE 'Europe/Berlin')::date
           AND ($3::uuid IS NULL OR a.state_id = $3)
         GROUP BY 1
       ),
       span AS (
         SELECT coalesce((SELECT min(month) FROM moves), date_trunc('month', $2::timestamptz AT TIME ZONE 'Europe/Berlin')) AS first,
                greatest(date_trunc('month', $2::timestamptz AT TIME ZONE 'Europe/Berlin'), coalesce((SELECT max(month) FROM plans), date_trunc('month', $2::timestamptz AT TIME ZONE 'Europe/Berlin'))) AS last
       ),
       months AS (SELECT generate_series((SELECT first FROM span), (SELECT last FROM span), interval '1 month') AS month)
       SELECT to_char(m.month, 'YYYY-MM') AS month,
              coalesce(mv.go_lives, 0)::int AS go_lives,
              coalesce(sum(mv.net) OVER (ORDER BY m.month), 0)::int AS cumulative,
              coalesce((SELECT n FROM plans WHERE plans.month = m.month), 0)::int AS planned
       FROM months m LEFT JOIN moves mv ON mv.month = m.month ORDER BY m.month`,
      params,
    );
    const goLivesPerMonth: GoLiveMonth[] = monthRows.map((r) => ({ month: r.month, goLives: r.go_lives, cumulative: r.cumulative, planned: r.planned }));

    return {
      serviceId: service.id,
      serviceName: service.name,
      asOf,
      totals: counts(total ?? { authorities: 0, live: 0, in_rollout: 0, paused: 0, cancelled: 0, not_started: 0 }),
      states,
      funnel,
      specialistSystems,
      goLivesPerMonth,
    };
  }
}

import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, localDate, type Principal } from '@efa/domain';
import { CostAllocationService } from '../costs/cost-allocation.service.js';
import { DashboardService } from '../dashboard/dashboard.service.js';
import type { Dashboard, DashboardScope } from '../dashboard/dashboard.types.js';
import { germanDate, label, type MonthlyReport, type ReportSection } from './report.model.js';

/** What the sections of one report are built from. */
export interface ReportContext {
  scope: DashboardScope;
  serviceName: string;
  since: Date;
  viewer: Principal;
  /** The cost key asked for; null: the default. */
  costKeyId: string | null;
}

/**
 * Builds the monthly steering report once, as data, from the dashboard's own queries (one
 * source for GraphQL figures, XLSX and the printable page): headline figures at both dates,
 * the per-state table with contract status and reuse variant, the changes since the previous
 * report date, and the open obstacles.
 */
@Injectable()
export class MonthlyReportService {
  constructor(
    private readonly dashboards: DashboardService,
    private readonly costs: CostAllocationService,
  ) {}

  async build(args: { serviceId?: string | null; asOf: Date; since: Date; costKeyId?: string | null }, viewer: Principal): Promise<MonthlyReport> {
    const now = await this.dashboards.dashboard({ serviceId: args.serviceId, asOf: args.asOf }, viewer);
    const before = await this.dashboards.dashboard({ serviceId: now.serviceId, asOf: args.since }, viewer);
    const ctx: ReportContext = { scope: now.scope, serviceName: now.serviceName, since: args.since, viewer, costKeyId: args.costKeyId ?? null };

    const sections: ReportSection[] = [
      await this.headline(now, before),
      await this.stateTable(now),
      ...(await this.changes(ctx)),
      ...(await this.openObstacles(ctx)),
      ...(await this.costShareSections(ctx)),
    ];
    return {
      serviceId: now.serviceId,
      serviceName: now.serviceName,
      asOf: args.asOf,
      since: args.since,
      asOfDate: localDate(args.asOf),
      sinceDate: localDate(args.since),
      generatedAt: new Date(),
      sections,
    };
  }

  /**
   * The cost shares of the contract year of asOf (its calendar year in Berlin): the service's
   * recorded costs of that year shared by the chosen key (default: the year's Königsteiner
   * Schlüssel, else the latest one before it) among the states that signed for the year, through
   * CostAllocationService.allocateByKey and libs/domain. Without recorded costs (or without a key
   * or a signing state) the section says so in one row instead of inventing numbers. An unknown
   * costKeyId is a VALIDATION error naming it.
   */
  private async costShareSections(ctx: ReportContext): Promise<ReportSection[]> {
    const { serviceName } = ctx;
    const { serviceId } = ctx.scope;
    const year = Number(localDate(ctx.scope.asOf).slice(0, 4));
    const key = await this.costs.keyForYear(ctx.costKeyId, year, 'costKeyId');
    const section = { key: 'costShares', title: `Kostenanteile ${year}` };
    const notice = (message: string): ReportSection => ({ ...section, columns: [{ key: 'message', label: 'Hinweis', kind: 'text' }], rows: [{ message }] });
    if (!(await this.costs.hasCosts(serviceId, year))) return [notice(`Für ${serviceName} sind für ${year} keine Kosten erfasst.`)];
    if (!key) return [notice(`Es ist kein Königsteiner Schlüssel für ${year} oder ein früheres Jahr erfasst; wählen Sie einen Kostenschlüssel.`)];
    let allocation;
    try {
      allocation = await this.costs.allocateByKey(serviceId, year, key.id);
    } catch (e) {
      // Costs are recorded and the key exists: what remains is "nobody signed for the year (or has a share in the key)".
      if (e instanceof DomainError && e.code === ErrorCode.VALIDATION) return [notice(`Die Kosten ${year} lassen sich nach „${key.name} ${key.year}“ nicht verteilen: kein unterzeichnendes Land mit Anteil im Schlüssel.`)];
      throw e;
    }
    const euros = (cents: number) => cents / 100;
    return [
      {
        ...section,
        note: `Kostenschlüssel: ${allocation.keyName} ${allocation.keyYear}. Verteilt auf die ${allocation.payingStates} Länder, die für ${year} unterzeichnet haben.`,
        columns: [
          { key: 'stateCode', label: 'Land', kind: 'text' },
          { key: 'stateName', label: 'Name', kind: 'text' },
          { key: 'keyShare', label: 'Anteil im Schlüssel', kind: 'share' },
          { key: 'share', label: 'Anteil unter Unterzeichnern', kind: 'share' },
          { key: 'amount', label: 'Betrag (EUR)', kind: 'euro' },
          { key: 'pays', label: 'Zahlt / Grund', kind: 'text' },
        ],
        rows: [
          ...allocation.states.map((s) => ({
            stateCode: s.stateCode,
            stateName: s.stateName,
            keyShare: s.keyShare,
            share: s.share,
            amount: euros(s.cents),
            pays: s.pays ? 'zahlt' : label('reason', s.reason),
          })),
          { stateCode: 'Summe', stateName: null, keyShare: null, share: null, amount: euros(allocation.totalCents), pays: null },
        ],
      },
    ];
  }

  private async headline(now: Dashboard, before: Dashboard): Promise<ReportSection> {
    const [obstaclesNow, obstaclesBefore, overdueNow, overdueBefore, leadNow, leadBefore, contractsNow, contractsBefore] = await Promise.all([
      this.dashboards.obstacles(now.scope, 1),
      this.dashboards.obstacles(before.scope, 1),
      this.dashboards.overdueMilestones(now.scope, 1),
      this.dashboards.overdueMilestones(before.scope, 1),
      this.dashboards.leadTimes(now.scope),
      this.dashboards.leadTimes(before.scope),
      this.dashboards.contracts(now.scope),
      this.dashboards.contracts(before.scope),
    ]);
    const signed = (c: typeof contractsNow) => c.counts.find((x) => x.status === 'SIGNED')?.count ?? 0;
    const rows: Array<[string, string, number | null, number | null, 'int' | 'percent' | 'days']> = [
      ['authorities', 'Behörden', now.totals.authorities, before.totals.authorities, 'int'],
      ['live', 'Live', now.totals.live, before.totals.live, 'int'],
      ['inRollout', 'In Anbindung', now.totals.inRollout, before.totals.inRollout, 'int'],
      ['paused', 'Ruhend gestellt', now.totals.paused, before.totals.paused, 'int'],
      ['cancelled', 'Abgebrochen', now.totals.cancelled, before.totals.cancelled, 'int'],
      ['notStarted', 'Nicht begonnen', now.totals.notStarted, before.totals.notStarted, 'int'],
      ['shareLive', 'Anteil live', now.totals.shareLive, before.totals.shareLive, 'percent'],
      ['contractsSigned', 'Länder mit unterzeichnetem Vertrag', signed(contractsNow), signed(contractsBefore), 'int'],
      ['openObstacles', 'Offene Hemmnisse', obstaclesNow.total, obstaclesBefore.total, 'int'],
      ['overdueMilestones', 'Überfällige Meilensteine', overdueNow.total, overdueBefore.total, 'int'],
      ['medianDaysToLive', 'Median Tage bis live', leadNow.overall.toLive.medianDays, leadBefore.overall.toLive.medianDays, 'days'],
      ['p80DaysToLive', '80. Perzentil Tage bis live', leadNow.overall.toLive.p80Days, leadBefore.overall.toLive.p80Days, 'days'],
    ];
    return {
      key: 'headline',
      title: 'Kennzahlen',
      columns: [
        { key: 'figure', label: 'Kennzahl', kind: 'text' },
        { key: 'now', label: `Stand ${germanDate(localDate(now.asOf))}`, kind: 'byRow' },
        { key: 'before', label: `Vorbericht ${germanDate(localDate(before.asOf))}`, kind: 'byRow' },
        { key: 'change', label: 'Veränderung', kind: 'byRow' },
      ],
      // Each row carries its kind (the value columns are 'byRow') and a stable key; neither is a column.
      rows: rows.map(([key, figure, a, b, kind]) => ({ key, figure, now: a, before: b, change: a === null || b === null ? null : a - b, kind })),
    };
  }

  private async stateTable(now: Dashboard): Promise<ReportSection> {
    const contracts = await this.dashboards.contracts(now.scope);
    const contractOf = new Map(contracts.states.map((c) => [c.stateId, c]));
    return {
      key: 'states',
      title: 'Länder',
      columns: [
        { key: 'stateCode', label: 'Land', kind: 'text' },
        { key: 'stateName', label: 'Name', kind: 'text' },
        { key: 'authorities', label: 'Behörden', kind: 'int' },
        { key: 'live', label: 'Live', kind: 'int' },
        { key: 'inRollout', label: 'In Anbindung', kind: 'int' },
        { key: 'paused', label: 'Ruhend', kind: 'int' },
        { key: 'cancelled', label: 'Abgebrochen', kind: 'int' },
        { key: 'notStarted', label: 'Nicht begonnen', kind: 'int' },
        { key: 'shareLive', label: 'Anteil live', kind: 'percent' },
        { key: 'contract', label: 'Vertrag', kind: 'text' },
        { key: 'signedAt', label: 'Unterzeichnet am', kind: 'date' },
        { key: 'variant', label: 'Nachnutzungsvariante', kind: 'text' },
      ],
      rows: now.states.map((s) => {
        const c = contractOf.get(s.stateId);
        return {
          stateCode: s.stateCode,
          stateName: s.stateName,
          authorities: s.authorities,
          live: s.live,
          inRollout: s.inRollout,
          paused: s.paused,
          cancelled: s.cancelled,
          notStarted: s.notStarted,
          shareLive: s.shareLive,
          contract: label('contract', c?.status ?? 'NONE'),
          signedAt: c?.signedAt ?? null,
          variant: label('variant', c?.reuseVariant),
        };
      }),
    };
  }

  private async changes(ctx: ReportContext): Promise<ReportSection[]> {
    const changes = await this.dashboards.changesBetween(ctx.scope, ctx.since);
    return [
      {
        key: 'newlyLive',
        title: 'Neu live',
        columns: [
          { key: 'authorityName', label: 'Behörde', kind: 'text' },
          { key: 'stateCode', label: 'Land', kind: 'text' },
          { key: 'liveSince', label: 'Live seit', kind: 'dateTime' },
        ],
        rows: changes.newlyLive.map((r) => ({ authorityName: r.authorityName, stateCode: r.stateCode, liveSince: r.liveSince })),
      },
      {
        key: 'newlyBlocked',
        title: 'Neu blockiert',
        note: 'Anbindungen mit einem offenen blockierenden Hemmnis, die zum Vorbericht keines hatten.',
        columns: [
          { key: 'authorityName', label: 'Behörde', kind: 'text' },
          { key: 'stateCode', label: 'Land', kind: 'text' },
          { key: 'obstacles', label: 'Hemmnis', kind: 'text' },
          { key: 'openedAt', label: 'Erfasst am', kind: 'date' },
        ],
        rows: changes.newlyBlocked.map((r) => ({ authorityName: r.authorityName, stateCode: r.stateCode, obstacles: r.obstacles, openedAt: r.openedAt })),
      },
      {
        key: 'contractsSigned',
        title: 'Neu unterzeichnete Verträge',
        columns: [
          { key: 'stateCode', label: 'Land', kind: 'text' },
          { key: 'stateName', label: 'Name', kind: 'text' },
          { key: 'signedAt', label: 'Unterzeichnet am', kind: 'date' },
          { key: 'legalRoute', label: 'Rechtsweg', kind: 'text' },
        ],
        rows: changes.contractsSigned.map((r) => ({ stateCode: r.stateCode, stateName: r.stateName, signedAt: r.signedAt, legalRoute: label('legalRoute', r.legalRoute) })),
      },
    ];
  }

  private async openObstacles(ctx: ReportContext): Promise<ReportSection[]> {
    const o = await this.dashboards.obstacles(ctx.scope, 1000);
    return [
      {
        key: 'obstaclesByCategory',
        title: 'Hemmnisse nach Kategorie',
        columns: [
          { key: 'category', label: 'Kategorie', kind: 'text' },
          { key: 'severity', label: 'Schwere', kind: 'text' },
          { key: 'count', label: 'Offen', kind: 'int' },
        ],
        rows: o.byCategory.map((r) => ({ category: label('category', r.category), severity: label('severity', r.severity), count: r.count })),
      },
      {
        key: 'openObstacles',
        title: 'Offene Hemmnisse',
        note: o.total > o.oldest.length ? `Die ältesten ${o.oldest.length} von ${o.total}.` : undefined,
        columns: [
          { key: 'openedAt', label: 'Erfasst am', kind: 'date' },
          { key: 'daysOpen', label: 'Tage offen', kind: 'int' },
          { key: 'authorityName', label: 'Behörde', kind: 'text' },
          { key: 'stateCode', label: 'Land', kind: 'text' },
          { key: 'title', label: 'Hemmnis', kind: 'text' },
          { key: 'category', label: 'Kategorie', kind: 'text' },
          { key: 'severity', label: 'Schwere', kind: 'text' },
        ],
        rows: o.oldest.map((r) => ({
          openedAt: r.openedAt,
          daysOpen: r.daysOpen,
          authorityName: r.authorityName,
          stateCode: r.stateCode,
          title: r.title,
          category: label('category', r.category),
          severity: label('severity', r.severity),
        })),
      },
    ];
  }
}

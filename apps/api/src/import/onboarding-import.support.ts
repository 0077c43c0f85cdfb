import { Injectable } from '@nestjs/common';
import {
  AuthorityIndex,
  Role,
  foldText,
  matchService,
  planOnboardingImport,
  rowIssue,
  type AuthorityCandidate,
  type OnboardingImportPlan,
  type OnboardingSnapshot,
  type OnboardingTarget,
  type PipelineStage,
  type RowIssue,
  type ServiceCandidate,
} from '@efa/domain';
import type { EntityManager } from 'typeorm';
import { Authority } from '../authority/authority.entity.js';
import type { Actor } from '../common/actor.js';
import { Onboarding } from '../onboarding/onboarding.entity.js';
import { OnboardingService } from '../onboarding/onboarding.service.js';
import { OnboardingWorkflowService } from '../onboarding/onboarding-workflow.service.js';
import type { ImportContext, RefusedPlan } from './importer.js';

/** The reason an import's moves and changes carry in the transition log and the audit log. */
export const IMPORT_REASON = 'Import';

/** What an onboarding import writes for one row: the onboarding (or the pair to create) and the plan. */
export interface OnboardingWrite {
  current: Onboarding | null;
  authorityId: string;
  serviceId: string;
  plan: OnboardingImportPlan;
  /** When a new onboarding started (Jira's Created), default now. */
  createdAt?: Date;
  /** The reason in the logs, e.g. "Import" or "Import from Jira EFAAT-101". */
  reason: string;
}

/**
 * What the onboarding status target and the Jira import share, loaded once
 * per import inside its transaction: authorities (tolerant matching),
 * services and their pipelines, the onboardings by authority and service and
 * by Jira key; and the one way both write an onboarding: create it (back-dated
 * to when it started), move it by an IMPORT transition, change its fields,
 * each with its audit event.
 */
export class OnboardingLookups {
  readonly index: AuthorityIndex;
  private readonly authorities = new Map<string, Authority>();
  private readonly byPair = new Map<string, Onboarding>();
  private readonly byJira = new Map<string, Onboarding>();

  constructor(
    authorities: Authority[],
    onboardings: Onboarding[],
    readonly services: Array<ServiceCandidate & { name: string }>,
    private readonly stagesByService: Map<string, PipelineStage[]>,
    private readonly states: ImportContext['states'],
  ) {
    this.index = new AuthorityIndex(authorities);
    for (const a of authorities) this.authorities.set(a.id, a);
    for (const o of onboardings) this.remember(o);
  }

  remember(o: Onboarding): void {
    this.byPair.set(`${o.authorityId}|${o.serviceId}`, o);
    if (o.jiraKey) this.byJira.set(o.jiraKey, o);
  }

  stagesOf(serviceId: string): PipelineStage[] {
    return this.stagesByService.get(serviceId) ?? [];
  }

  authority(id: string): Authority | undefined {
    return this.authorities.get(id);
  }

  serviceName(id: string): string {
    return this.services.find((s) => s.id === id)?.name ?? id;
  }

  onboardingOf(authorityId: string, serviceId: string): Onboarding | null {
    return this.byPair.get(`${authorityId}|${serviceId}`) ?? null;
  }

  onboardingByJiraKey(key: string): Onboarding | null {
    return this.byJira.get(key) ?? null;
  }

  /** A state by code or name; null when the text names none. */
  state(text: string): { id: string; code: string; name: string } | null {
    const folded = foldText(text);
    return this.states.find((s) => s.code.toLowerCase() === folded || foldText(s.name) === folded) ?? null;
  }

  /**
   * The authority a row names (an ARS, or a name matched tolerantly within
   * the state when one is given), or why not: no match (ERROR) or several
   * (AMBIGUOUS, with the candidates), at the given column.
   */
  findAuthority(text: { ars?: string | null; name?: string | null; stateId?: string | null }, column: string | null, field: string): { authority: AuthorityCandidate } | RefusedPlan {
    const ars = text.ars ?? (text.name && /^\d{12}$/.test(text.name.replace(/\s/g, '')) ? text.name.replace(/\s/g, '') : null);
    const match = this.index.match({ ars, name: ars ? null : text.name, stateId: text.stateId });
    if (match.kind === 'AMBIGUOUS') {
      const candidates = match.candidates.map((c) => ({ id: c.id, name: c.name, ars: c.ars }));
      return {
        action: 'AMBIGUOUS',
        candidates,
        issues: [rowIssue(column, field, 'IMPORT_AMBIGUOUS_MATCH', { candidates: candidates.map((c) => `${c.name} (${c.ars})`).join(', ') })],
      };
    }
    if (match.kind === 'NONE') return { action: 'ERROR', issues: [rowIssue(column, field, 'IMPORT_UNKNOWN_AUTHORITY', { input: ars ?? text.name ?? '' })] };
    return { authority: match.candidate };
  }

  /** The service a text names, or the row issue why not. */
  findService(text: string, column: string | null): { service: ServiceCandidate } | { issue: RowIssue } {
    const match = matchService(text, this.services);
    if (match.kind === 'ONE') return { service: match.service };
    if (match.kind === 'AMBIGUOUS') return { issue: rowIssue(column, 'service', 'IMPORT_AMBIGUOUS_SERVICE', { input: text, candidates: match.candidates.map((s) => s.name).join(', ') }) };
    return { issue: rowIssue(column, 'service', 'IMPORT_UNKNOWN_SERVICE', { input: text }) };
  }
}

export const snapshotOf = (o: Onboarding | null): OnboardingSnapshot | null =>
  o && {
    stage: o.stage,
    status: o.status,
    stageEnteredAt: new Date(o.stageEnteredAt),
    liveAt: o.liveAt ? new Date(o.liveAt) : null,
    plannedGoLive: o.plannedGoLive,
    owner: o.owner,
    jiraKey: o.jiraKey,
    applyUrl: o.applyUrl,
  };

@Injectable()
export class OnboardingImportSupport {
  constructor(
    private readonly onboardings: OnboardingService,
    private readonly workflow: OnboardingWorkflowService,
  ) {}

  async load(em: EntityManager, context: ImportContext): Promise<OnboardingLookups> {
    const services: Array<{ id: string; name: string; ozgId: string | null }> = await em.query(`SELECT id, name, ozg_id AS "ozgId" FROM service ORDER BY name`);
    const stageRows: Array<{ serviceId: string; key: string; position: number; nameDe: string; nameEn: string }> = await em.query(
      `SELECT service_id AS "serviceId", key, position, name_de AS "nameDe", name_en AS "nameEn" FROM service_stage ORDER BY service_id, position`,
    );
    const stages = new Map<string, PipelineStage[]>();
    for (const s of stageRows) stages.set(s.serviceId, [...(stages.get(s.serviceId) ?? []), s]);
    return new OnboardingLookups(await em.find(Authority), await em.find(Onboarding), services, stages, context.states);
  }

  /** The plan of a row: what importing `target` into the onboarding of this authority and service changes, or why not (issues at their columns). */
  plan(lookups: OnboardingLookups, context: ImportContext, current: Onboarding | null, serviceId: string, target: OnboardingTarget, at?: Date): OnboardingImportPlan {
    return planOnboardingImport(snapshotOf(current), target, lookups.stagesOf(serviceId), { now: new Date(), at, mayReopen: context.actor.role === Role.ADMIN });
  }

  /** Writes one row's plan inside the import's transaction; answers the onboarding. */
  async write(em: EntityManager, lookups: OnboardingLookups, w: OnboardingWrite, actor: Actor): Promise<Onboarding> {
    const { plan } = w;
    const { liveAt: _liveAt, ...fields } = plan.patch;
    let o = w.current;
    if (!o) {
      o = await this.onboardings.createIn(em, { authorityId: w.authorityId, serviceId: w.serviceId, ...(fields as Partial<Onboarding>) }, actor, w.createdAt ?? new Date());
    } else if (Object.keys(plan.patch).length) {
      o = await this.onboardings.applyChange(em, o, plan.patch as Partial<Onboarding>, actor, 'IMPORT', w.reason);
    }
    if (plan.move) {
      // The log stays in order: a new onboarding moves no earlier than it started.
      const started = new Date(o.stageEnteredAt).getTime();
      const at = plan.move.at.getTime() < started ? new Date(started) : plan.move.at;
      o = await this.workflow.importMove(em, o, { stage: plan.move.toStage, status: plan.move.toStatus, liveAt: plan.move.liveAt }, actor, w.reason, at);
    }
    lookups.remember(o);
    return o;
  }
}

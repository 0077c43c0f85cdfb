import { Injectable } from '@nestjs/common';
import {
  OnboardingStatus,
  isCancellingResolution,
  jiraStatusTarget,
  lastStage,
  localDate,
  parseSummary,
  readJiraRow,
  resolveJiraMapping,
  rowIssue,
  type JiraComment,
  type JiraIssueValues,
  type JiraMapping,
  type OnboardingTarget,
  type RowIssue,
} from '@efa/domain';
import type { EntityManager } from 'typeorm';
import { AuditService, diffRecords } from '../audit/audit.service.js';
import { OnboardingNote } from '../onboarding/onboarding-note.entity.js';
import { OnboardingImportSupport, type OnboardingWrite } from './onboarding-import.support.js';
import type { ImportContext, RowPlan, TargetImport, TargetImporter } from './importer.js';

interface JiraWrite extends OnboardingWrite {
  jiraKey: string;
  /** Comments not yet stored as notes of the onboarding. */
  newComments: JiraComment[];
}

/** What became of each Jira status of the file, for the report. */
type StatusUse = { stage: string | null; status: OnboardingStatus; source: 'mapping' | 'suggested'; issues: number };

/**
 * Target `jira`: a Jira CSV export ("Export CSV (all fields)") of the rollout
 * project. Each issue is one onboarding, found by its Jira key first, else by
 * authority and service (from the mapped custom fields, else the summary
 * pattern, else the Jira mapping's default service); its status becomes the
 * stage (Jira mapping `statuses`, else suggested), Created the start, Due
 * Date the planned go-live, Resolved the go-live of a done issue; the
 * move is an IMPORT transition at Updated (Resolved for go-lives); comments
 * become notes (source JIRA, one per comment, never twice).
 */
@Injectable()
export class JiraImporter implements TargetImporter<JiraIssueValues, JiraWrite> {
  readonly target = 'jira' as const;
  readonly accessOperation = 'advanceOnboarding';

  constructor(
    private readonly support: OnboardingImportSupport,
    private readonly audit: AuditService,
  ) {}

  resolveSettings(given: unknown) {
    const { mapping, issues } = resolveJiraMapping(given);
    return { settings: mapping, issues };
  }

  async open(em: EntityManager, context: ImportContext): Promise<TargetImport<JiraIssueValues, JiraWrite>> {
    const lookups = await this.support.load(em, context);
    const mapping = context.settings as JiraMapping;
    const support = this.support;
    const audit = this.audit;
    const col = (field: string) => context.columnOf(field);
    const stored = new Map<string, Set<string>>();
    for (const n of (await em.query(`SELECT onboarding_id, external_id FROM onboarding_note WHERE source = 'JIRA'`)) as Array<{ onboarding_id: string; external_id: string }>) {
      stored.set(n.onboarding_id, (stored.get(n.onboarding_id) ?? new Set()).add(n.external_id));
    }
    const statuses: Record<string, StatusUse> = {};
    let notes = 0;
    return {
      read(cells, line) {
        const { values, issues } = readJiraRow(cells, context.mapping);
        return { values, label: [values.jiraKey, values.summary].filter(Boolean).join(' ') || `row ${line}`, issues };
      },
      match(v): RowPlan<JiraWrite> {
        const key = v.jiraKey!;
        const fromSummary = parseSummary(v.summary ?? '', mapping.summaryPattern);
        const issues: RowIssue[] = [];
        const state = v.state ? lookups.state(v.state) : null;
        if (v.state && !state) issues.push(rowIssue(col('state'), 'state', 'IMPORT_UNKNOWN_STATE', { input: v.state }));
        const authorityText = v.authority ?? fromSummary.authority;
        const authorityColumn = v.authority ? col('authority') : col('summary');
        if (!authorityText) {
          const where = [col('authority') ? `"${col('authority')}" is blank` : null, `the summary "${v.summary ?? ''}" ${mapping.summaryPattern ? 'does not match jiraMapping.summaryPattern' : '(no summary pattern)'}`].filter(Boolean).join(' and ');
          issues.push(rowIssue(authorityColumn, 'authority', 'JIRA_NO_AUTHORITY', { where }));
        }
        const serviceText = v.service ?? fromSummary.service ?? mapping.service;
        const serviceColumn = v.service ? col('service') : fromSummary.service ? col('summary') : null;
        const service = serviceText ? lookups.findService(serviceText, serviceColumn) : null;
        if (!serviceText) issues.push(rowIssue(col('service') ?? col('summary'), 'service', 'JIRA_NO_SERVICE', { where: `the issue (${col('service') ? `"${col('service')}" is blank, ` : ''}summary "${v.summary ?? ''}")` }));
        else if ('issue' in service!) issues.push(service.issue);
        if (issues.length) return { action: 'ERROR', issues };
        const found = lookups.findAuthority({ name: authorityText, stateId: state?.id }, authorityColumn, 'authority');
        if ('action' in found) return found;
        const serviceId = (service as { service: { id: string } }).service.id;
        const stages = lookups.stagesOf(serviceId);

        const status = jiraStatusTarget(v.status!, mapping, stages);
        const use = (statuses[v.status!] ??= status ? { stage: status.stage, status: status.status, source: status.source, issues: 0 } : { stage: null, status: OnboardingStatus.ACTIVE, source: 'suggested', issues: 0 });
        if (!status || (status.stage && !stages.some((s) => s.key === status.stage))) {
          use.issues++;
          return { action: 'ERROR', issues: [rowIssue(col('status'), 'status', 'JIRA_UNMAPPED_STATUS', { input: v.status!, values: stages.map((s) => s.key).join(', ') })] };
        }
        const live = lastStage(stages);
        // A closed issue resolved as "Won't Do" or a duplicate was given up, not done.
        const cancelled = status.stage === live && isCancellingResolution(v.resolution);
        const target: OnboardingTarget = {
          stage: cancelled ? undefined : (status.stage ?? undefined),
          status: cancelled ? OnboardingStatus.CANCELLED : status.status,
          jiraKey: key,
          plannedGoLive: v.plannedGoLive ? localDate(v.plannedGoLive) : undefined,
          owner: v.owner,
        };
        if (target.stage === live) target.liveAt = v.resolved ?? v.updated;

        const byKey = lookups.onboardingByJiraKey(key);
        const byPair = lookups.onboardingOf(found.authority.id, serviceId);
        if (byKey && byKey.id !== byPair?.id) {
          const a = lookups.authority(byKey.authorityId);
          return { action: 'ERROR', issues: [rowIssue(authorityColumn, 'authority', 'IMPORT_JIRA_KEY_TAKEN', { key, other: `${a?.name ?? byKey.authorityId} – ${lookups.serviceName(byKey.serviceId)}` })] };
        }
        if (!byKey && byPair?.jiraKey && byPair.jiraKey !== key) {
          return { action: 'ERROR', issues: [rowIssue(col('jiraKey'), 'jiraKey', 'JIRA_TRACKED_ELSEWHERE', { authority: found.authority.name, service: lookups.serviceName(serviceId), other: byPair.jiraKey })] };
        }
        const current = byKey ?? byPair;
        const at = target.status === OnboardingStatus.CANCELLED ? (v.resolved ?? v.updated) : v.updated;
        const plan = support.plan(lookups, context, current, serviceId, target, at);
        if (plan.issues.length) {
          const column = (field: string) => (field === 'liveAt' ? col('resolved') : field === 'stage' || field === 'status' ? col('status') : col(field));
          return { action: 'ERROR', issues: plan.issues.map((i) => rowIssue(column(i.field), i.field, i.code, i.params)) };
        }
        const known = current ? (stored.get(current.id) ?? new Set<string>()) : new Set<string>();
        const newComments = v.comments.filter((c) => !known.has(c.id));
        const changes = { ...plan.changes };
        if (newComments.length) changes.notes = { from: known.size, to: known.size + newComments.length };
        const write: JiraWrite = { current, authorityId: found.authority.id, serviceId, plan, createdAt: v.created, reason: `Import from Jira ${key}`, jiraKey: key, newComments };
        if (!current) return { action: 'CREATE', recordKey: `new:${found.authority.id}:${serviceId}`, changes, write };
        return { action: Object.keys(changes).length ? 'UPDATE' : 'UNCHANGED', recordKey: current.id, id: current.id, changes, write };
      },
      async write(em, plan) {
        const o = await support.write(em, lookups, plan.write, context.actor);
        for (const c of plan.write.newComments) {
          const note = em.create(OnboardingNote, { onboardingId: o.id, author: c.author, writtenAt: c.at, text: c.text, source: 'JIRA', externalId: c.id });
          const { identifiers } = await em.insert(OnboardingNote, note);
          const id = (identifiers[0] as { id: string }).id;
          const saved = await em.findOneByOrFail(OnboardingNote, { id });
          await audit.record(em, { actor: context.actor.id, entityType: 'OnboardingNote', entityId: id, action: 'CREATE', changes: diffRecords(null, saved), comment: plan.write.reason });
          stored.set(o.id, (stored.get(o.id) ?? new Set()).add(c.id));
          notes++;
        }
        return o.id;
      },
      details: () => ({ statuses, newNotes: notes }),
    };
  }
}

import { Injectable } from '@nestjs/common';
import { findStage, readOnboardingRow, rowIssue, type OnboardingRow, type OnboardingTarget, type RowIssue } from '@efa/domain';
import type { EntityManager } from 'typeorm';
import { IMPORT_REASON, OnboardingImportSupport, type OnboardingWrite } from './onboarding-import.support.js';
import type { ImportContext, RowPlan, TargetImport, TargetImporter } from './importer.js';

/**
 * Target `onboardings` (onboarding status): a row names an authority (ARS or
 * name, tolerant, within the row's state) and a service, and says its stage
 * (key or German/English name of the service's pipeline), status, planned
 * and actual go-live, owner, Jira key and apply URL. A new pair starts an
 * onboarding; a different stage or status is an administrative IMPORT
 * transition (see OnboardingWorkflowService.importMove): allowed to the roles
 * that move onboardings (the rule of advanceOnboarding), logged with the
 * importing user and the reason "Import", audited.
 */
@Injectable()
export class OnboardingImporter implements TargetImporter<OnboardingRow, OnboardingWrite> {
  readonly target = 'onboardings' as const;
  readonly accessOperation = 'advanceOnboarding';

  constructor(private readonly support: OnboardingImportSupport) {}

  async open(em: EntityManager, context: ImportContext): Promise<TargetImport<OnboardingRow, OnboardingWrite>> {
    const lookups = await this.support.load(em, context);
    const support = this.support;
    const col = (field: string) => context.columnOf(field);
    return {
      read(cells, line) {
        const { values, issues } = readOnboardingRow(cells, context.mapping);
        const label = [values.ars ?? values.authority, values.service].filter(Boolean).join(' – ') || `row ${line}`;
        return { values, label, issues };
      },
      match(values): RowPlan<OnboardingWrite> {
        const issues: RowIssue[] = [];
        const state = values.state ? lookups.state(values.state) : null;
        if (values.state && !state) issues.push(rowIssue(col('state'), 'state', 'IMPORT_UNKNOWN_STATE', { input: values.state }));
        if (!values.service) issues.push(rowIssue(col('service'), 'service', 'REQUIRED'));
        const service = values.service ? lookups.findService(values.service, col('service')) : null;
        if (service && 'issue' in service) issues.push(service.issue);
        if (issues.length) return { action: 'ERROR', issues };
        const found = lookups.findAuthority({ ars: values.ars, name: values.authority, stateId: state?.id }, col(values.ars ? 'ars' : 'authority'), values.ars ? 'ars' : 'authority');
        if ('action' in found) return found;
        const serviceId = (service as { service: { id: string } }).service.id;
        const stages = lookups.stagesOf(serviceId);
        const target: OnboardingTarget = {
          status: values.status,
          liveAt: values.liveDate,
          plannedGoLive: values.plannedGoLive,
          owner: values.owner,
          jiraKey: values.jiraKey,
          applyUrl: values.applyUrl,
        };
        if (values.stage) {
          const stage = findStage(values.stage, stages);
          if (!stage) {
            const name = lookups.serviceName(serviceId);
            return { action: 'ERROR', issues: [rowIssue(col('stage'), 'stage', 'IMPORT_UNKNOWN_STAGE', { input: values.stage, service: name, values: stages.map((s) => s.key).join(', ') })] };
          }
          target.stage = stage.key;
        }
        const current = lookups.onboardingOf(found.authority.id, serviceId);
        if (values.jiraKey) {
          const other = lookups.onboardingByJiraKey(values.jiraKey);
          if (other && other.id !== current?.id) {
            const a = lookups.authority(other.authorityId);
            return { action: 'ERROR', issues: [rowIssue(col('jiraKey'), 'jiraKey', 'IMPORT_JIRA_KEY_TAKEN', { key: values.jiraKey, other: `${a?.name ?? other.authorityId} – ${lookups.serviceName(other.serviceId)}` })] };
          }
        }
        const plan = support.plan(lookups, context, current, serviceId, target);
        if (plan.issues.length) return { action: 'ERROR', issues: plan.issues.map((i) => rowIssue(col(i.field), i.field, i.code, i.params)) };
        const write: OnboardingWrite = { current, authorityId: found.authority.id, serviceId, plan, reason: IMPORT_REASON };
        if (!current) return { action: 'CREATE', recordKey: `new:${found.authority.id}:${serviceId}`, changes: plan.changes, write };
        return { action: Object.keys(plan.changes).length ? 'UPDATE' : 'UNCHANGED', recordKey: current.id, id: current.id, changes: plan.changes, write };
      },
      async write(em, plan) {
        return (await support.write(em, lookups, plan.write, context.actor)).id;
      },
    };
  }
}

import { Injectable } from '@nestjs/common';
import {
  AuthorityIndex,
  planContactRow,
  readContactRow,
  rowIssue,
  type ContactImportValues,
  type FieldChanges,
  type RowIssue,
  type ServiceLookup,
} from '@efa/domain';
import type { EntityManager } from 'typeorm';
import { Authority } from '../authority/authority.entity.js';
import { AuthorityService } from '../authority/authority.service.js';
import { Onboarding } from '../onboarding/onboarding.entity.js';
import { OnboardingService } from '../onboarding/onboarding.service.js';
import { plainRows } from './plain-rows.js';
import { coordinatorIssue, type ImportContext, type RowPlan, type TargetImport, type TargetImporter } from './importer.js';

interface ContactWrite {
  authorityId: string;
  authorityPatch: Partial<Authority>;
  onboardingId: string | null;
  onboardingPatch: Partial<Onboarding>;
}

/** The columns of an onboarding its validation (validateOnboarding) reads. */
interface OnboardingContacts {
  id: string;
  subjectContact: string | null;
  technicalContact: string | null;
  plannedGoLive: string | null;
  owner: string | null;
  applyUrl: string | null;
  jiraKey: string | null;
  notes: string | null;
}

const patchOf = (changes: FieldChanges) => Object.fromEntries(Object.entries(changes).map(([f, c]) => [f, c.to]));

/**
 * Target `contacts`: the contact data the model keeps, nothing invented — an
 * authority's general e-mail address (a role mailbox) and website, and per
 * service its onboarding's subject-matter and technical contact. The
 * authority is matched by ARS, else by tolerant name within the state
 * (AuthorityIndex, never created here); the onboarding by authority and
 * service (never created here either). Several rows may name one authority
 * (one per service); a later row giving the authority another e-mail address
 * or website than an earlier one is an error, not a silent overwrite.
 * Written through AuthorityService and OnboardingService (validation,
 * coordinator's state and fields, audit events).
 */
@Injectable()
export class ContactImporter implements TargetImporter<ContactImportValues, ContactWrite> {
  readonly target = 'contacts' as const;
  /** Coordinators may change their own state's onboarding contacts and authorities: the rule of `updateOnboarding`. */
  readonly accessOperation = 'updateOnboarding';

  constructor(
    private readonly authorities: AuthorityService,
    private readonly onboardings: OnboardingService,
  ) {}

  async open(em: EntityManager, context: ImportContext): Promise<TargetImport<ContactImportValues, ContactWrite>> {
    const services: ServiceLookup[] = (await em.query(`SELECT id, name, ozg_id, leika_keys FROM service`)).map((s: { id: string; name: string; ozg_id: string | null; leika_keys: string[] }) => ({
      id: s.id,
      name: s.name,
      ozgId: s.ozg_id,
      leikaKeys: s.leika_keys,
    }));
    const serviceName = new Map(services.map((s) => [s.id, s.name]));
    const stored = new Map((await plainRows(em, Authority)).map((a) => [a.id, a]));
    const index = new AuthorityIndex(stored.values());
    // Only the columns the onboarding's validation reads: nationally there are hundreds of thousands.
    const onboardings = new Map<string, OnboardingContacts>(
      (
        await em.query(
          `SELECT id, authority_id AS "authorityId", service_id AS "serviceId", subject_contact AS "subjectContact", technical_contact AS "technicalContact",
                  planned_go_live AS "plannedGoLive", owner, apply_url AS "applyUrl", jira_key AS "jiraKey", notes
             FROM onboarding`,
        )
      ).map(({ authorityId, serviceId, ...o }: OnboardingContacts & { authorityId: string; serviceId: string }) => [`${authorityId}|${serviceId}`, o]),
    );
    const stateCode = new Map(context.states.map((s) => [s.id, s.code]));
    /** Authority fields set by accepted rows: the value and the row, so later rows compare with them. */
    const planned = new Map<string, Map<string, { value: unknown; row: number }>>();
    const lookups = { states: context.states, services };
    const { authorities, onboardings: onboardingService } = this;
    const keyColumn = () => context.columnOf('ars') ?? context.columnOf('name');

    return {
      // planContactRow validates the changed records whole, as AuthorityService and OnboardingService would; coordinator's state by coordinatorIssue (their onboarding fields are the contacts).
      validatesInMemory: true,
      read(cells, line) {
        const { values, label, issues } = readContactRow(cells, context.mapping, lookups);
        return { values, label: label === 'contact' ? `row ${line}` : label, issues };
      },
      match(values): RowPlan<ContactWrite> {
        const match = index.match({ ars: values.ars, name: values.name, stateId: values.stateId });
        if (match.kind === 'AMBIGUOUS') {
          const candidates = match.candidates.map((c) => ({ id: c.id, name: c.name, ars: c.ars }));
          return {
            action: 'AMBIGUOUS',
            candidates,
            issues: [rowIssue(context.columnOf('name'), 'name', 'IMPORT_AMBIGUOUS_MATCH', { candidates: candidates.map((c) => `${c.name} (${c.ars})`).join(', ') })],
          };
        }
        if (match.kind === 'NONE') return { action: 'ERROR', issues: [rowIssue(keyColumn(), values.ars ? 'ars' : 'name', 'IMPORT_NO_AUTHORITY')] };
        const authority = stored.get(match.candidate.id)!;
        const outside = coordinatorIssue(context, [{ stateId: authority.stateId, field: 'ars' }]);
        if (outside) return { action: 'ERROR', issues: [rowIssue(keyColumn(), outside.field, 'IMPORT_OTHER_STATE', { state: outside.state })] };
        let onboarding: OnboardingContacts | null = null;
        if (values.serviceId) {
          onboarding = onboardings.get(`${authority.id}|${values.serviceId}`) ?? null;
          if (!onboarding) return { action: 'ERROR', issues: [rowIssue(context.columnOf('serviceId'), 'serviceId', 'IMPORT_NO_ONBOARDING', { service: serviceName.get(values.serviceId) ?? '?' })] };
        }
        const earlier = planned.get(authority.id);
        const current: Record<string, unknown> & { stateCode: string | undefined } = { ...authority, stateCode: stateCode.get(authority.stateId) };
        for (const [field, set] of earlier ?? []) current[field] = set.value;
        const plan = planContactRow(current, onboarding as unknown as Record<string, unknown> | null, values);
        const issues: RowIssue[] = plan.issues.map((i) => ({ column: context.columnOf(i.field), field: i.field, code: i.code ?? 'VALIDATION', params: i.params ?? {}, message: i.message }));
        for (const field of Object.keys(plan.authorityChanges)) {
          const set = earlier?.get(field);
          if (set) issues.push(rowIssue(context.columnOf(field), field, 'IMPORT_CONFLICTING_ROW', { row: set.row }));
        }
        if (issues.length) return { action: 'ERROR', issues };
        const changes = { ...plan.authorityChanges, ...plan.onboardingChanges };
        return {
          action: Object.keys(changes).length ? 'UPDATE' : 'UNCHANGED',
          recordKey: `${authority.id}|${values.serviceId ?? ''}`,
          id: authority.id,
          changes,
          write: { authorityId: authority.id, authorityPatch: patchOf(plan.authorityChanges), onboardingId: onboarding?.id ?? null, onboardingPatch: patchOf(plan.onboardingChanges) },
        };
      },
      accept(plan, line) {
        const fields = Object.entries(plan.write.authorityPatch);
        if (!fields.length) return;
        const set = planned.get(plan.write.authorityId) ?? new Map();
        for (const [field, value] of fields) set.set(field, { value, row: line });
        planned.set(plan.write.authorityId, set);
      },
      async write(em, plan) {
        const { authorityId, authorityPatch, onboardingId, onboardingPatch } = plan.write;
        if (Object.keys(authorityPatch).length) {
          // Several rows may write one authority (one per service): keep the stored copy current for the version check.
          stored.set(authorityId, await authorities.applyChange(em, stored.get(authorityId)!, authorityPatch, context.actor, 'UPDATE'));
        }
        if (onboardingId && Object.keys(onboardingPatch).length) {
          const onboarding = await em.findOneByOrFail(Onboarding, { id: onboardingId });
          await onboardingService.applyChange(em, onboarding, onboardingPatch, context.actor, 'UPDATE');
        }
        return authorityId;
      },
    };
  }
}

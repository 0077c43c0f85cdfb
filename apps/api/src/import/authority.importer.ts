import { Injectable } from '@nestjs/common';
import { AuthorityIndex, changesOf, checkAuthorityRecord, readAuthorityRow, rowIssue, sameAuthorityName, type AuthorityImportValues, type FieldIssue, type RowIssue } from '@efa/domain';
import type { EntityManager } from 'typeorm';
import { Authority } from '../authority/authority.entity.js';
import { AuthorityService } from '../authority/authority.service.js';
import { plainRows } from './plain-rows.js';
import { coordinatorIssue, type ImportContext, type RowPlan, type TargetImport, type TargetImporter } from './importer.js';

interface AuthorityWrite {
  current: Authority | null;
  values: AuthorityImportValues;
}

/**
 * Target `authorities`: matched by ARS, else by tolerant name within the
 * state (AuthorityIndex); written through AuthorityService.
 */
@Injectable()
export class AuthorityImporter implements TargetImporter<AuthorityImportValues & { defaults: AuthorityImportValues }, AuthorityWrite> {
  readonly target = 'authorities' as const;
  readonly accessOperation = 'createAuthority';

  constructor(private readonly authorities: AuthorityService) {}

  async open(em: EntityManager, context: ImportContext): Promise<TargetImport<AuthorityImportValues & { defaults: AuthorityImportValues }, AuthorityWrite>> {
    const specialistSystems: Array<{ id: string; vendor: string; product: string }> = await em.query(`SELECT id, vendor, product FROM specialist_system`);
    const systemIds = new Set(specialistSystems.map((s) => s.id));
    const existing = new Map((await plainRows(em, Authority)).map((a) => [a.id, a]));
    const index = new AuthorityIndex(existing.values());
    const lookups = { states: context.states, specialistSystems };
    const authorities = this.authorities;
    const issuesAt = (issues: FieldIssue[]): RowIssue[] =>
      issues.map((i) => ({ column: context.columnOf(i.field), field: i.field, code: i.code ?? 'VALIDATION', params: i.params ?? {}, message: i.message }));
    return {
      // match checks what AuthorityService.validate and authorizeWrite would (checkAuthorityRecord, coordinatorIssue); ARS are unique by the index.
      validatesInMemory: true,
      read(cells, line) {
        const { values, defaults, issues } = readAuthorityRow(cells, context.mapping, lookups);
        return { values: { ...values, defaults }, label: [values.ars, values.name].filter(Boolean).join(' ') || `row ${line}`, issues };
      },
      match({ defaults, ...values }): RowPlan<AuthorityWrite> {
        const match = index.match({ ars: values.ars, name: values.name, stateId: values.stateId });
        if (match.kind === 'AMBIGUOUS') {
          const candidates = match.candidates.map((c) => ({ id: c.id, name: c.name, ars: c.ars }));
          return {
            action: 'AMBIGUOUS',
            candidates,
            issues: [rowIssue(context.columnOf('name'), 'name', 'IMPORT_AMBIGUOUS_MATCH', { candidates: candidates.map((c) => `${c.name} (${c.ars})`).join(', ') })],
          };
        }
        // A record an earlier row of this file would create (see accept): that row's record key, so the loop reports the conflict.
        if (match.kind !== 'NONE' && !existing.has(match.candidate.id)) return { action: 'UNCHANGED', recordKey: match.candidate.id, changes: {}, write: { current: null, values } };
        const current = match.kind === 'NONE' ? null : existing.get(match.candidate.id)!;
        if (!current && !values.ars) return { action: 'ERROR', issues: [rowIssue(context.columnOf('name'), 'ars', 'IMPORT_NO_MATCH')] };
        // The name is a key as much as a value: a different spelling of the same name renames nothing.
        if (current && values.name && sameAuthorityName(current.name, values.name)) delete values.name;
        const record: AuthorityImportValues = current ? values : { ...defaults, ...values };
        const outside = coordinatorIssue(context, [{ stateId: current?.stateId, field: 'ars' }, { stateId: record.stateId, field: 'stateId' }], { ars: values.ars });
        if (outside) return { action: 'ERROR', issues: [rowIssue(outside.column, outside.field, 'IMPORT_OTHER_STATE', { state: outside.state })] };
        const recordKey = current?.id ?? `ars:${values.ars}`;
        if (current) {
          const changes = changesOf(current as unknown as Record<string, unknown>, values as Record<string, unknown>);
          if (Object.keys(changes).length === 0) return { action: 'UNCHANGED', recordKey, id: current.id, changes, write: { current, values } };
          const issues = checkAuthorityRecord({ ...current, ...values }, context.states, systemIds);
          if (issues.length) return { action: 'ERROR', issues: issuesAt(issues) };
          return { action: 'UPDATE', recordKey, id: current.id, changes, write: { current, values } };
        }
        const issues = checkAuthorityRecord(record as Record<string, unknown>, context.states, systemIds);
        if (issues.length) return { action: 'ERROR', issues: issuesAt(issues) };
        return { action: 'CREATE', recordKey, changes: changesOf({}, { ...record }), write: { current: null, values: record } };
      },
      accept(plan) {
        // Later rows see the authority this one would create (by ARS or name): they name the same record.
        const v = plan.write.values;
        if (plan.action === 'CREATE') index.add({ id: plan.recordKey, ars: v.ars!, name: v.name ?? '', stateId: v.stateId ?? '', level: v.level });
      },
      async write(em, plan) {
        const { current, values } = plan.write;
        // No later row writes this record again (the loop refuses a second row for one record), so the stored copy need not be refreshed.
        if (current) return (await authorities.applyChange(em, current, values as Partial<Authority>, context.actor, 'UPDATE')).id;
        return (await authorities.insert(em, values as Partial<Authority>, context.actor)).id;
      },
      async writeBatch(em, plans) {
        const creates = plans.filter((p) => p.action === 'CREATE').map((p) => p.write.values as Partial<Authority>);
        const updates = plans.filter((p) => p.action === 'UPDATE').map((p) => ({ existing: p.write.current!, patch: p.write.values as Partial<Authority> }));
        const ids = await authorities.writeMany(em, { creates, updates }, context.actor);
        let created = 0;
        return plans.map((p) => (p.action === 'CREATE' ? ids[created++] : p.write.current!.id));
      },
    };
  }
}

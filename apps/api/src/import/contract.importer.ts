import { Injectable } from '@nestjs/common';
import { planContractRow, readContractRow, rowIssue, today, type ContractImportValues, type FieldIssue, type RowIssue, type ServiceLookup } from '@efa/domain';
import type { EntityManager } from 'typeorm';
import { ReuseContract } from '../reuse-contract/reuse-contract.entity.js';
import { ReuseContractService } from '../reuse-contract/reuse-contract.service.js';
import { coordinatorIssue, type ImportContext, type RowPlan, type TargetImport, type TargetImporter } from './importer.js';

type ContractRow = ContractImportValues & { reason: string | null };

interface ContractWrite {
  current: ReuseContract | null;
  values: Partial<ReuseContract>;
  reason: string | null;
}

const keyOf = (stateId: string, serviceId: string) => `${stateId}|${serviceId}`;

/**
 * Target `contracts`: a state's reuse contract for a service, matched by
 * state and service (one contract each), its status and lifecycle dates
 * checked by planContractRow (libs/domain) and written through
 * ReuseContractService.importRow (lifecycle and date rules, audit event).
 */
@Injectable()
export class ContractImporter implements TargetImporter<ContractRow, ContractWrite> {
  readonly target = 'contracts' as const;
  /** Coordinators in their own state, rollout managers, administrators — as for creating a contract. */
  readonly accessOperation = 'createReuseContract';

  constructor(private readonly contracts: ReuseContractService) {}

  async open(em: EntityManager, context: ImportContext): Promise<TargetImport<ContractRow, ContractWrite>> {
    const services: ServiceLookup[] = (await em.query(`SELECT id, name, ozg_id, leika_keys FROM service`)).map((s: { id: string; name: string; ozg_id: string | null; leika_keys: string[] }) => ({
      id: s.id,
      name: s.name,
      ozgId: s.ozg_id,
      leikaKeys: s.leika_keys,
    }));
    const byKey = new Map((await em.find(ReuseContract)).map((c) => [keyOf(c.stateId, c.serviceId), c]));
    const lookups = { states: context.states, services };
    const day = today();
    const contracts = this.contracts;
    const issuesAt = (issues: FieldIssue[]): RowIssue[] =>
      issues.map((i) => ({ column: context.columnOf(i.field), field: i.field, code: i.code ?? 'VALIDATION', params: i.params ?? {}, message: i.message }));
    return {
      // planContractRow checks what ReuseContractService.importRow and validate would; state and service exist (lookups); one contract per state and service by the index.
      validatesInMemory: true,
      read(cells) {
        const { values, reason, label, issues } = readContractRow(cells, context.mapping, lookups);
        return { values: { ...values, reason }, label, issues };
      },
      match({ reason, ...values }): RowPlan<ContractWrite> {
        const outside = coordinatorIssue(context, [{ stateId: values.stateId, field: 'stateId' }]);
        if (outside) return { action: 'ERROR', issues: [rowIssue(outside.column, outside.field, 'IMPORT_OTHER_STATE', { state: outside.state })] };
        const key = keyOf(values.stateId!, values.serviceId!);
        const current = byKey.get(key) ?? null;
        const plan = planContractRow(current, values, reason, day);
        if (plan.issues.length) return { action: 'ERROR', issues: issuesAt(plan.issues) };
        const write: ContractWrite = {
          current,
          values: current ? (Object.fromEntries(Object.entries(plan.changes).map(([f, c]) => [f, c.to])) as Partial<ReuseContract>) : ({ stateId: values.stateId, serviceId: values.serviceId, ...plan.record } as Partial<ReuseContract>),
          reason,
        };
        if (!current) return { action: 'CREATE', recordKey: `new:${key}`, changes: plan.changes, write };
        return { action: Object.keys(plan.changes).length ? 'UPDATE' : 'UNCHANGED', recordKey: current.id, id: current.id, changes: plan.changes, write };
      },
      async write(em, plan) {
        const saved = await contracts.importRow(em, plan.write.current, plan.write.values, plan.write.reason, context.actor);
        return saved.id;
      },
    };
  }
}

import { Injectable } from '@nestjs/common';
import { DomainError, NobodyPaysError, allocateAmongSigners, issueAt, normalisedKey, yearIssues, type CostKeyKind, type FieldIssue } from '@efa/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { UUID_PATTERN } from '../common/crud.service.js';
import { CostKey } from './cost-key.entity.js';
import type { CostAllocation, KeyAllocation } from './cost-allocation.types.js';

/** At most this many keys are compared in one query. */
export const MAX_COMPARED_KEYS = 10;

interface ServiceYear {
  serviceId: string;
  serviceName: string;
  year: number;
  operationCents: number;
  maintenanceCents: number;
  totalCents: number;
}

interface StateContract {
  id: string;
  code: string;
  name: string;
  signed_at: string | null;
  terminated_at: string | null;
  has_contract: boolean;
}

/**
 * Shares a service's recorded costs of a contract year among the states that
 * signed for that year, by a cost key (libs/domain: allocateAmongSigners,
 * largest remainder over the signing states). SQL reads only; the rules are
 * the domain's. `allocateByKey` is the reusable entry point (monthly report).
 */
@Injectable()
export class CostAllocationService {
  constructor(private readonly dataSource: DataSource) {}

  /** costAllocation(serviceId, year, keyIds): every chosen key side by side. Bad arguments → VALIDATION naming them. */
  async compare(serviceId: string, year: number, keyIds: readonly string[]): Promise<CostAllocation> {
    const em = this.dataSource.manager;
    const issues: FieldIssue[] = [];
    if (keyIds.length === 0) issues.push(issueAt('keyIds', 'COST_KEYS_REQUIRED'));
    if (keyIds.length > MAX_COMPARED_KEYS) issues.push(issueAt('keyIds', 'TOO_MANY_COST_KEYS', { max: MAX_COMPARED_KEYS, count: keyIds.length }));
    const twice = keyIds.filter((id, i) => keyIds.indexOf(id) !== i);
    if (twice.length) issues.push(issueAt('keyIds', 'LISTED_MORE_THAN_ONCE', { ids: [...new Set(twice)].join(', ') }));
    const keys = issues.length ? [] : await this.loadKeys(em, keyIds, issues);
    const costs = await this.loadCosts(em, serviceId, year, issues);
    if (issues.length || !costs) throw DomainError.validation(issues);
    const contracts = await this.contractsOf(em, serviceId);
    return { ...costs, keys: keys.map((key) => this.allocate(costs, key, contracts)) };
  }

  /**
   * The per-state shares and amounts of one service's costs of one contract
   * year under one key: all 16 states, the signing ones with their
   * renormalised share and amount (summing exactly to the total), the others
   * with 0 and the reason. For the monthly report and anyone else; pass an
   * EntityManager to read inside your own transaction.
   * Throws VALIDATION naming serviceId, year or keyId when they do not fit.
   */
  async allocateByKey(serviceId: string, year: number, keyId: string, em: EntityManager = this.dataSource.manager): Promise<KeyAllocation> {
    const issues: FieldIssue[] = [];
    const [key] = await this.loadKeys(em, [keyId], issues, 'keyId');
    const costs = await this.loadCosts(em, serviceId, year, issues);
    if (issues.length || !costs || !key) throw DomainError.validation(issues);
    return this.allocate(costs, key, await this.contractsOf(em, serviceId));
  }

  /**
   * The key a report shares a contract year's costs by: the one named (VALIDATION naming `field`
   * when there is none with that id), else the KOENIGSTEINER key of that year, else the latest
   * such key before it; null when there is none.
   */
  async keyForYear(keyId: string | null, year: number, field: string, em: EntityManager = this.dataSource.manager): Promise<Pick<CostKey, 'id' | 'name' | 'year' | 'kind'> | null> {
    if (keyId !== null) {
      const issues: FieldIssue[] = [];
      const [key] = await this.loadKeys(em, [keyId], issues, field);
      if (issues.length || !key) throw DomainError.validation(issues);
      return key;
    }
    const [key] = await em.query(`SELECT id, name, year, kind FROM cost_key WHERE kind = 'KOENIGSTEINER' AND year <= $1 ORDER BY year DESC, name LIMIT 1`, [year]);
    return key ?? null;
  }

  /** Whether costs are recorded for the service and contract year. */
  async hasCosts(serviceId: string, year: number, em: EntityManager = this.dataSource.manager): Promise<boolean> {
    return (await em.query(`SELECT 1 FROM service_cost WHERE service_id = $1 AND year = $2`, [serviceId, year])).length > 0;
  }

  private allocate(costs: ServiceYear, key: CostKey, states: StateContract[]): KeyAllocation {
    const contracts = new Map(states.filter((s) => s.has_contract).map((s) => [s.code.trim(), { signedAt: s.signed_at, terminatedAt: s.terminated_at }]));
    let rows;
    try {
      rows = allocateAmongSigners(costs.totalCents, normalisedKey(key), contracts, costs.year);
    } catch (e) {
      if (e instanceof NobodyPaysError) throw DomainError.validation([issueAt('year', e.reason, { year: e.year, service: costs.serviceName, key: key.name })]);
      throw e;
    }
    const byCode = new Map(states.map((s) => [s.code.trim(), s]));
    return {
      keyId: key.id,
      keyName: key.name,
      keyKind: key.kind as CostKeyKind,
      keyYear: key.year,
      totalCents: rows.reduce((s, r) => s + r.cents, 0),
      payingStates: rows.filter((r) => r.pays).length,
      states: rows.map((r) => ({ ...r, stateId: byCode.get(r.stateCode)!.id, stateName: byCode.get(r.stateCode)!.name })),
    };
  }

  private async contractsOf(em: EntityManager, serviceId: string): Promise<StateContract[]> {
    return em.query(
      `SELECT s.id, s.code, s.name, c.signed_at, c.terminated_at, (c.id IS NOT NULL) AS has_contract
       FROM state s LEFT JOIN reuse_contract c ON c.state_id = s.id AND c.service_id = $1
       ORDER BY s.ars_prefix`,
      [serviceId],
    );
  }

  private async loadKeys(em: EntityManager, ids: readonly string[], issues: FieldIssue[], field = 'keyIds'): Promise<CostKey[]> {
    const bad = ids.filter((id) => !UUID_PATTERN.test(id));
    const found = await em.getRepository(CostKey).createQueryBuilder('k').where('k.id IN (:...ids)', { ids: ids.filter((id) => UUID_PATTERN.test(id)).concat('00000000-0000-0000-0000-000000000000') }).getMany();
    const unknown = ids.filter((id) => !bad.includes(id) && !found.some((k) => k.id === id));
    if (bad.length || unknown.length) issues.push(issueAt(field, 'NO_SUCH_COST_KEY', { ids: [...bad, ...unknown].map((id) => `"${id}"`).join(', ') }));
    return ids.map((id) => found.find((k) => k.id === id)).filter((k): k is CostKey => Boolean(k));
  }

  private async loadCosts(em: EntityManager, serviceId: string, year: number, issues: FieldIssue[]): Promise<ServiceYear | null> {
    const [service] = UUID_PATTERN.test(serviceId) ? await em.query(`SELECT id, name FROM service WHERE id = $1`, [serviceId]) : [];
    if (!service) issues.push(issueAt('serviceId', 'REFERENCE_NOT_FOUND', { label: 'service', id: serviceId }));
    const yearProblems = yearIssues('year', year);
    issues.push(...yearProblems);
    if (!service || yearProblems.length) return null;
    const [cost] = await em.query(`SELECT operation_cents, maintenance_cents, total_cents FROM service_cost WHERE service_id = $1 AND year = $2`, [serviceId, year]);
    if (!cost) {
      issues.push(issueAt('year', 'NO_COSTS_RECORDED', { service: service.name, year }));
      return null;
    }
    return {
      serviceId,
      serviceName: service.name,
      year,
      operationCents: Number(cost.operation_cents),
      maintenanceCents: Number(cost.maintenance_cents),
      totalCents: Number(cost.total_cents),
    };
  }
}

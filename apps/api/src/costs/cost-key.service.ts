import { Injectable } from '@nestjs/common';
import { issueAt, validateCostKey, type FieldIssue } from '@efa/domain';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { CrudService, type CrudDefinition } from '../common/crud.service.js';
import { CostKey, sortStateValues } from './cost-key.entity.js';
import type { CostKeyFilter } from './cost-key.args.js';

@Injectable()
export class CostKeyService extends CrudService<CostKey, CostKeyFilter> {
  protected readonly def: CrudDefinition<CostKey> = {
    entity: CostKey,
    name: 'CostKey',
    searchColumns: ['name', 'note'],
    filterColumns: ['kind', 'year'],
    sortable: ['name', 'kind', 'year', 'updatedAt'],
    defaultSort: 'name',
  };

  protected async validate(key: CostKey, em: EntityManager): Promise<FieldIssue[]> {
    const issues = validateCostKey(key);
    if (!issues.some((i) => i.field === 'name' || i.field === 'year')) {
      const [other] = await em.query(`SELECT 1 FROM cost_key WHERE name = $1 AND year = $2 AND id <> coalesce($3::uuid, uuid_nil())`, [key.name, key.year, key.id ?? null]);
      if (other) issues.push(issueAt('name', 'COST_KEY_NAME_TAKEN', { name: key.name, year: key.year }));
    }
    return issues;
  }

  /** Values in the order of the states, a kind's other list empty: what is stored is what compares equal. */
  private normalise(input: Partial<CostKey>): Partial<CostKey> {
    const out = { ...input };
    if (out.name !== undefined && out.name !== null) out.name = out.name.trim();
    if (out.factors !== undefined) out.factors = sortStateValues(out.factors ?? []);
    if (out.components !== undefined) out.components = (out.components ?? []).map((c) => ({ name: c.name?.trim(), weight: c.weight, values: sortStateValues(c.values ?? []) }));
    return out;
  }

  override create(input: Partial<CostKey>, actor: Actor): Promise<CostKey> {
    return super.create({ factors: [], components: [], ...this.normalise(input) }, actor);
  }

  override update(id: string, version: number, patch: Partial<CostKey>, actor: Actor): Promise<CostKey> {
    return super.update(id, version, this.normalise(patch), actor);
  }
}

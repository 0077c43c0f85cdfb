import { Injectable } from '@nestjs/common';
import { validateSpecialistSystem, type FieldIssue } from '@efa/domain';
import { type SelectQueryBuilder } from 'typeorm';
import { CrudService, type CrudDefinition } from '../common/crud.service.js';
import type { SpecialistSystemFilter } from './specialist-system.args.js';
import { SpecialistSystem } from './specialist-system.entity.js';

@Injectable()
export class SpecialistSystemService extends CrudService<SpecialistSystem, SpecialistSystemFilter> {
  protected readonly def: CrudDefinition<SpecialistSystem> = {
    entity: SpecialistSystem,
    name: 'SpecialistSystem',
    searchColumns: ['vendor', 'product'],
    filterColumns: ['vendor', 'ozgInterface'],
    sortable: ['vendor', 'product', 'standard', 'ozgInterface', 'createdAt', 'updatedAt'],
    defaultSort: 'vendor',
    referencedBy: [{ table: 'authority', column: 'specialist_system_id', label: 'authorities' }],
  };

  protected override applyFilter(qb: SelectQueryBuilder<SpecialistSystem>, f: SpecialistSystemFilter): void {
    if (f.supportsVersion) {
      // string_to_array(...)::int[] compares versions numerically: 1.17 > 1.9
      qb.andWhere(
        `EXISTS (SELECT 1 FROM unnest(e.supported_versions) v WHERE v ~ '^[0-9]+(\\.[0-9]+)*$' AND string_to_array(v, '.')::int[] >= string_to_array(:minVersion, '.')::int[])`,
        { minVersion: /^\d+(\.\d+)*$/.test(f.supportsVersion) ? f.supportsVersion : '0' },
      );
    }
  }

  protected async validate(s: SpecialistSystem): Promise<FieldIssue[]> {
    return validateSpecialistSystem(s);
  }
}

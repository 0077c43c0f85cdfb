import { Resolver } from '@nestjs/graphql';
import { CrudResolver } from '../common/crud.resolver.js';
import { CreateSpecialistSystemArgs, SpecialistSystemFilter } from './specialist-system.args.js';
import { SpecialistSystem } from './specialist-system.entity.js';
import { SpecialistSystemService } from './specialist-system.service.js';

@Resolver(() => SpecialistSystem)
export class SpecialistSystemResolver extends CrudResolver({
  entity: SpecialistSystem,
  name: 'SpecialistSystem',
  plural: 'SpecialistSystems',
  createArgs: CreateSpecialistSystemArgs,
  filter: SpecialistSystemFilter,
}) {
  constructor(protected readonly service: SpecialistSystemService) {
    super();
  }
}

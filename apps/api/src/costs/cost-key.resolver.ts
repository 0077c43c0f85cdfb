import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { normalisedKey } from '@efa/domain';
import { CrudResolver } from '../common/crud.resolver.js';
import { CostKeyFilter, CreateCostKeyArgs } from './cost-key.args.js';
import { CostKey, StateValue } from './cost-key.entity.js';
import { CostKeyService } from './cost-key.service.js';

@Resolver(() => CostKey)
export class CostKeyResolver extends CrudResolver({
  entity: CostKey,
  name: 'CostKey',
  plural: 'CostKeys',
  createArgs: CreateCostKeyArgs,
  filter: CostKeyFilter,
}) {
  constructor(protected readonly service: CostKeyService) {
    super();
  }

  @ResolveField(() => [StateValue], { description: "Each state's share in the key in percent over all 16 states (sums to 100): the normalised factors, or the weighted mix of the normalised components." })
  shares(@Parent() key: CostKey): StateValue[] {
    return normalisedKey(key).map((s) => ({ stateCode: s.stateCode, value: s.weight * 100 }));
  }
}

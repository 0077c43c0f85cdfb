import { Args, Query, Resolver } from '@nestjs/graphql';
import { CostAllocation, CostAllocationArgs } from './cost-allocation.types.js';
import { CostAllocationService } from './cost-allocation.service.js';

@Resolver(() => CostAllocation)
export class CostAllocationResolver {
  constructor(private readonly allocations: CostAllocationService) {}

  @Query(() => CostAllocation, {
    description:
      "A service's recorded costs of a contract year shared by each chosen key among the states that signed for the year (renormalised over them, exact to the cent); the others listed with 0 and the reason.",
  })
  costAllocation(@Args({ type: () => CostAllocationArgs }) a: CostAllocationArgs): Promise<CostAllocation> {
    return this.allocations.compare(a.serviceId, a.year, a.keyIds);
  }
}

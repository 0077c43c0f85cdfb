import { Resolver } from '@nestjs/graphql';
import { CrudResolver } from '../common/crud.resolver.js';
import { CreateStateArgs, StateFilter } from './state.args.js';
import { State } from './state.entity.js';
import { StateService } from './state.service.js';

@Resolver(() => State)
export class StateResolver extends CrudResolver({ entity: State, name: 'State', plural: 'States', createArgs: CreateStateArgs, filter: StateFilter }) {
  constructor(protected readonly service: StateService) {
    super();
  }
}

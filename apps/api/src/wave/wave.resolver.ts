import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { User } from '../account/user.entity.js';
import { CrudResolver } from '../common/crud.resolver.js';
import type { RequestContext } from '../common/loaders.js';
import { Onboarding } from '../onboarding/onboarding.entity.js';
import { AssignToWaveArgs, CreateWaveArgs, WaveFilter, WaveMember, WaveProgressFigures } from './wave.args.js';
import { Wave } from './wave.entity.js';
import { WaveService } from './wave.service.js';

@Resolver(() => Wave)
export class WaveResolver extends CrudResolver({
  entity: Wave,
  name: 'Wave',
  plural: 'Waves',
  createArgs: CreateWaveArgs,
  updatableArgs: CreateWaveArgs,
  filter: WaveFilter,
}) {
  constructor(protected readonly service: WaveService) {
    super();
  }

  @Mutation(() => [Onboarding], { description: 'Puts onboardings into a wave of their service (waveId null: out of their wave), in one transaction with an audit event per onboarding.' })
  assignToWave(@Args({ type: () => AssignToWaveArgs }) a: AssignToWaveArgs, @Context() ctx: RequestContext) {
    return this.service.assign(a.onboardingIds, a.waveId ?? null, ctx.actor);
  }

  @Query(() => [WaveMember], { description: 'Active users who can be named as wave members (name and role only).' })
  waveMemberCandidates() {
    return this.service.memberCandidates();
  }

  @ResolveField(() => WaveProgressFigures, { description: "Progress today against the target date, and the onboardings per stage." })
  progress(@Parent() w: Wave) {
    return this.service.progress(w);
  }

  @ResolveField(() => [WaveMember], { description: 'The member users (name and role; e-mail only for administrators through User).' })
  async members(@Parent() w: Wave, @Context() ctx: RequestContext) {
    const users = await Promise.all(w.memberUserIds.map((id) => ctx.loaders.byId(User).load(id)));
    return users.filter((u): u is User => Boolean(u)).map((u) => ({ id: u.id, displayName: u.displayName, role: u.role }));
  }
}

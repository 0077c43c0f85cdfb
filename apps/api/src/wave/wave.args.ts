import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { WaveProgressStatus } from '@efa/domain';
import { BaseFilter } from '../common/list.args.js';
import { LocalDate } from '../common/graphql-types.js';

registerEnumType(WaveProgressStatus, { name: 'WaveProgressStatus', description: 'EMPTY, DONE, ON_TRACK, AT_RISK (behind the linear plan) or LATE (target date passed).' });

@ArgsType()
export class WaveDetailsArgs {
  @Field(() => String)
  name: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Default today.' })
  startsOn?: string | null;

  @Field(() => LocalDate)
  targetGoLive: string;

  @Field(() => [ID], { nullable: true, defaultValue: [] })
  memberUserIds?: string[] | null;

  @Field(() => [String], { nullable: true, defaultValue: [] })
  organisations?: string[] | null;
}

@ArgsType()
export class CreateWaveArgs extends WaveDetailsArgs {
  @Field(() => ID)
  serviceId: string;
}

@InputType()
export class WaveFilter extends BaseFilter {
  @Field(() => ID, { nullable: true })
  serviceId?: string | null;
}

@ArgsType()
export class AssignToWaveArgs {
  @Field(() => [ID])
  onboardingIds: string[];

  @Field(() => ID, { nullable: true, description: 'The wave; null takes the onboardings out of their wave.' })
  waveId: string | null;
}

@ObjectType({ description: 'How many of a wave\'s onboardings are in one stage.' })
export class WaveStageCount {
  @Field(() => String)
  stage: string;

  @Field(() => Int)
  position: number;

  @Field(() => Int, { description: 'Not cancelled.' })
  count: number;
}

@ObjectType({ description: 'A wave\'s progress against its target date (libs/domain waveProgress).' })
export class WaveProgressFigures {
  @Field(() => Int, { description: 'Onboardings counted (not cancelled).' })
  total: number;

  @Field(() => Int)
  live: number;

  @Field(() => Int)
  cancelled: number;

  @Field(() => Number, { description: 'Share live, 0..1.' })
  shareLive: number;

  @Field(() => Number, { description: 'Stage-weighted progress, 0..1.' })
  progress: number;

  @Field(() => Number, { description: 'Where the linear plan expects the wave today, 0..1.' })
  expected: number;

  @Field(() => Int, { description: 'Days to the target date (negative when passed).' })
  daysLeft: number;

  @Field(() => WaveProgressStatus)
  status: WaveProgressStatus;

  @Field(() => [WaveStageCount])
  stages: WaveStageCount[];
}

@ObjectType({ description: 'A user working on a wave: name and role only.' })
export class WaveMember {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  displayName: string;

  @Field(() => String)
  role: string;
}

import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { BaseFilter } from '../common/list.args.js';

@ArgsType()
export class CreateSpecialistSystemArgs {
  @Field(() => String)
  vendor: string;

  @Field(() => String)
  product: string;

  @Field(() => String, { defaultValue: 'XAusländer' })
  standard: string;

  @Field(() => [String], { defaultValue: [] })
  supportedVersions: string[];

  @Field(() => Boolean, { defaultValue: false })
  ozgInterface: boolean;
}

@InputType()
export class SpecialistSystemFilter extends BaseFilter {
  @Field(() => String, { nullable: true })
  vendor?: string | null;

  @Field(() => Boolean, { nullable: true })
  ozgInterface?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Only products that support at least this standard version.' })
  supportsVersion?: string | null;
}

import { ArgsType, Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { LANGUAGES, MAIL_MODES, NOTIFICATION_KINDS, WATCH_TARGETS, type Language, type MailMode, type NotificationKind, type WatchTarget } from '@efa/domain';

const asEnum = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as Record<T, T>;
export const WatchTargetEnum = asEnum(WATCH_TARGETS);
export const NotificationKindEnum = asEnum(NOTIFICATION_KINDS);
export const MailModeEnum = asEnum(MAIL_MODES);
export const LanguageEnum = asEnum(LANGUAGES);
registerEnumType(WatchTargetEnum, { name: 'WatchTarget', description: 'What a user can watch: an authority, an onboarding, a service or a whole state.' });
registerEnumType(NotificationKindEnum, { name: 'NotificationKind', description: 'The event a notification tells of.' });
registerEnumType(MailModeEnum, { name: 'MailMode', description: 'Mails: none, one per notification (IMMEDIATE) or one digest per ISO week (WEEKLY_DIGEST).' });
registerEnumType(LanguageEnum, { name: 'Language', description: 'Language of mails and notification texts (de, en).' });

@ObjectType({ description: 'Something the signed-in user watches; they are notified of its changes.' })
export class Watch {
  @Field(() => ID)
  id: string;

  @Field(() => WatchTargetEnum)
  targetType: WatchTarget;

  @Field(() => ID)
  targetId: string;

  @Field(() => String, { description: 'Name of the watched record.' })
  label: string;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;
}

@ObjectType({ description: 'A notification of the signed-in user.' })
export class Notification {
  @Field(() => ID)
  id: string;

  @Field(() => NotificationKindEnum)
  kind: NotificationKind;

  @Field(() => String, { description: 'The text, in the user\'s language.' })
  title: string;

  @Field(() => Boolean)
  read: boolean;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  @Field(() => String, { description: 'Console path of the record (hash route).' })
  link: string;

  @Field(() => ID, { nullable: true })
  onboardingId: string | null;

  @Field(() => ID, { nullable: true })
  authorityId: string | null;

  @Field(() => ID, { nullable: true })
  serviceId: string | null;

  @Field(() => ID, { nullable: true })
  stateId: string | null;
}

@ObjectType()
export class NotificationPage {
  @Field(() => [Notification])
  items: Notification[];

  @Field(() => Int, { description: 'How many match (all pages).' })
  total: number;

  @Field(() => Int, { description: 'How many of the user\'s notifications are unread.' })
  unread: number;
}

@ObjectType({ description: 'The signed-in user\'s notification settings.' })
export class NotificationSettings {
  @Field(() => MailModeEnum)
  mailMode: MailMode;

  @Field(() => LanguageEnum)
  language: Language;

  @Field(() => Boolean, { description: 'Whether this installation sends mails at all (SMTP configured).' })
  mailEnabled: boolean;

  @Field(() => Boolean, { description: 'Whether a calendar feed token exists.' })
  calendarFeedActive: boolean;

  @Field(() => GraphQLISODateTime, { nullable: true })
  calendarTokenCreatedAt: Date | null;
}

@ObjectType({ description: 'A new calendar feed address; the token is shown only now (it is stored hashed).' })
export class CalendarFeed {
  @Field(() => String)
  url: string;

  @Field(() => String)
  token: string;
}

@ArgsType()
export class WatchArgs {
  @Field(() => WatchTargetEnum)
  targetType: WatchTarget;

  @Field(() => ID)
  targetId: string;
}

@ArgsType()
export class MyWatchesArgs {
  @Field(() => WatchTargetEnum, { nullable: true })
  targetType?: WatchTarget | null;

  @Field(() => ID, { nullable: true })
  targetId?: string | null;
}

@ArgsType()
export class MyNotificationsArgs {
  @Field(() => Int, { nullable: true, description: '0-based page.' })
  page?: number | null;

  @Field(() => Int, { nullable: true, description: '1-200, default 25.' })
  perPage?: number | null;

  @Field(() => Boolean, { nullable: true })
  unreadOnly?: boolean | null;
}

@ArgsType()
export class NotificationSettingsArgs {
  @Field(() => MailModeEnum, { nullable: true })
  mailMode?: MailMode | null;

  @Field(() => LanguageEnum, { nullable: true })
  language?: Language | null;
}

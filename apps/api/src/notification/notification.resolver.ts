import { Args, Context, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ID } from '@nestjs/graphql';
import type { RequestContext } from '../common/loaders.js';
import { NotificationService } from './notification.service.js';
import { CalendarFeed, MyNotificationsArgs, MyWatchesArgs, Notification, NotificationPage, NotificationSettings, NotificationSettingsArgs, Watch, WatchArgs } from './notification.types.js';

@Resolver()
export class NotificationResolver {
  constructor(private readonly notifications: NotificationService) {}

  @Mutation(() => Watch, { description: 'Watches an authority, onboarding, service or state (again: no change).' })
  watch(@Args({ type: () => WatchArgs }) a: WatchArgs, @Context() ctx: RequestContext): Promise<Watch> {
    return this.notifications.watch(ctx.actor, a.targetType, a.targetId);
  }

  @Mutation(() => Boolean, { description: 'Stops watching; false when it was not watched.' })
  unwatch(@Args({ type: () => WatchArgs }) a: WatchArgs, @Context() ctx: RequestContext): Promise<boolean> {
    return this.notifications.unwatch(ctx.actor, a.targetType, a.targetId);
  }

  @Query(() => [Watch], { description: 'What the signed-in user watches (optionally of one kind or one record).' })
  myWatches(@Args({ type: () => MyWatchesArgs }) a: MyWatchesArgs, @Context() ctx: RequestContext): Promise<Watch[]> {
    return this.notifications.watches(ctx.actor, a.targetType, a.targetId);
  }

  @Query(() => NotificationPage, { description: 'The signed-in user\'s notifications, newest first.' })
  myNotifications(@Args({ type: () => MyNotificationsArgs }) a: MyNotificationsArgs, @Context() ctx: RequestContext): Promise<NotificationPage> {
    return this.notifications.list(ctx.actor, a.page ?? 0, a.perPage ?? 25, a.unreadOnly ?? false);
  }

  @Query(() => Int, { description: 'How many of the signed-in user\'s notifications are unread.' })
  unreadNotificationCount(@Context() ctx: RequestContext): Promise<number> {
    return this.notifications.unreadCount(ctx.actor);
  }

  @Mutation(() => Notification)
  markNotificationRead(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext): Promise<Notification> {
    return this.notifications.markRead(ctx.actor, id);
  }

  @Mutation(() => Int, { description: 'Marks every notification read; returns how many were unread.' })
  markAllNotificationsRead(@Context() ctx: RequestContext): Promise<number> {
    return this.notifications.markAllRead(ctx.actor);
  }

  @Query(() => NotificationSettings)
  notificationSettings(@Context() ctx: RequestContext): Promise<NotificationSettings> {
    return this.notifications.settings(ctx.actor);
  }

  @Mutation(() => NotificationSettings, { description: 'Mail mode (OFF, IMMEDIATE, WEEKLY_DIGEST) and language of mails.' })
  updateNotificationSettings(@Args({ type: () => NotificationSettingsArgs }) a: NotificationSettingsArgs, @Context() ctx: RequestContext): Promise<NotificationSettings> {
    return this.notifications.updateSettings(ctx.actor, a.mailMode, a.language);
  }

  @Mutation(() => CalendarFeed, { description: 'A new secret calendar feed address; the previous one stops working.' })
  regenerateCalendarToken(@Context() ctx: RequestContext): Promise<CalendarFeed> {
    return this.notifications.regenerateCalendarToken(ctx.actor);
  }

  @Mutation(() => Boolean, { description: 'Ends the calendar feed (its address answers 404).' })
  revokeCalendarToken(@Context() ctx: RequestContext): Promise<boolean> {
    return this.notifications.revokeCalendarToken(ctx.actor);
  }
}

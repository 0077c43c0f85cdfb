import { Injectable } from '@nestjs/common';
import { ActionItemStatus, MeetingItemKind, today, validateMeetingItem, type FieldIssue } from '@efa/domain';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { User } from '../account/user.entity.js';
import { Authority } from '../authority/authority.entity.js';
import { Blocker } from '../blocker/blocker.entity.js';
import type { Actor } from '../common/actor.js';
import { CrudService, SQL_TODAY, escapeLike, type CrudDefinition } from '../common/crud.service.js';
import { loadReference } from '../common/references.js';
import { Onboarding } from '../onboarding/onboarding.entity.js';
import { ReuseContract } from '../reuse-contract/reuse-contract.entity.js';
import type { MeetingItemFilter } from './meeting.args.js';
import { MeetingItem } from './meeting-item.entity.js';
import { Meeting } from './meeting.entity.js';

const CLOSED: readonly string[] = [ActionItemStatus.DONE, ActionItemStatus.CANCELLED];

/** SQL: the item (alias e) is linked to authority :p, directly or through an onboarding or obstacle of it. */
export const LINKED_TO_AUTHORITY = (p: string) => `(e.authority_id = :${p}
  OR e.onboarding_id IN (SELECT o.id FROM onboarding o WHERE o.authority_id = :${p})
  OR e.blocker_id IN (SELECT b.id FROM blocker b JOIN onboarding o ON o.id = b.onboarding_id WHERE o.authority_id = :${p}))`;

/**
 * Decisions and action items of meetings. An action item's `closedAt` is set by the API when its
 * status becomes DONE or CANCELLED (and cleared when it is opened again), so "overdue at asOf" can
 * be answered for past moments. Coordinators write the items of meetings they may write.
 */
@Injectable()
export class MeetingItemService extends CrudService<MeetingItem, MeetingItemFilter> {
  protected readonly def: CrudDefinition<MeetingItem> = {
    entity: MeetingItem,
    name: 'MeetingItem',
    searchColumns: ['text', 'ownerOrganisation'],
    filterColumns: ['meetingId', 'kind', 'status', 'ownerUserId', 'onboardingId', 'reuseContractId', 'blockerId'],
    sortable: ['dueDate', 'status', 'kind', 'text', 'ownerOrganisation', 'createdAt', 'updatedAt'],
    defaultSort: 'dueDate',
    stateOf: async (i, em) => {
      const rows: Array<{ state_id: string }> = await em.query(`SELECT state_id FROM meeting_state WHERE meeting_id = $1`, [i.meetingId]);
      return rows.length === 1 ? rows[0].state_id : null;
    },
  };

  protected override applyFilter(qb: SelectQueryBuilder<MeetingItem>, f: MeetingItemFilter, actor?: Actor): void {
    if (f.overdue === true) qb.andWhere(`e.kind = 'ACTION_ITEM' AND e.status IN ('OPEN','IN_PROGRESS') AND e.dueDate < ${SQL_TODAY}`);
    if (f.overdue === false) qb.andWhere(`NOT (e.kind = 'ACTION_ITEM' AND e.status IN ('OPEN','IN_PROGRESS') AND e.dueDate IS NOT NULL AND e.dueDate < ${SQL_TODAY})`);
    if (f.open === true) qb.andWhere(`e.status IN ('OPEN','IN_PROGRESS')`);
    if (f.open === false) qb.andWhere(`(e.status IS NULL OR e.status IN ('DONE','CANCELLED'))`);
    if (f.mine === true) qb.andWhere('e.ownerUserId = :mineUser', { mineUser: actor?.userId && /^[0-9a-f-]{36}$/i.test(actor.userId) ? actor.userId : '00000000-0000-0000-0000-000000000000' });
    if (f.ownerOrganisation?.trim()) qb.andWhere('e.ownerOrganisation ILIKE :ownerOrg', { ownerOrg: `%${escapeLike(f.ownerOrganisation.trim())}%` });
    if (f.authorityId) qb.andWhere(LINKED_TO_AUTHORITY('linkedAuthority'), { linkedAuthority: /^[0-9a-f-]{36}$/i.test(f.authorityId) ? f.authorityId : '00000000-0000-0000-0000-000000000000' });
  }

  protected async validate(i: MeetingItem, em: EntityManager): Promise<FieldIssue[]> {
    const issues: FieldIssue[] = [];
    await loadReference(em, Meeting, i.meetingId, 'meetingId', 'meeting', issues);
    await loadReference(em, User, i.ownerUserId, 'ownerUserId', 'user', issues, false);
    await loadReference(em, Onboarding, i.onboardingId, 'onboardingId', 'onboarding', issues, false);
    await loadReference(em, ReuseContract, i.reuseContractId, 'reuseContractId', 'reuse contract', issues, false);
    await loadReference(em, Authority, i.authorityId, 'authorityId', 'authority', issues, false);
    await loadReference(em, Blocker, i.blockerId, 'blockerId', 'obstacle', issues, false);
    return [...issues, ...validateMeetingItem(i)];
  }

  /** closedAt follows the status: today when it becomes DONE or CANCELLED, empty while open. */
  private withClosedAt(before: Partial<MeetingItem> | null, after: Partial<MeetingItem>): Partial<MeetingItem> {
    const closed = after.status ? CLOSED.includes(after.status) : false;
    const wasClosed = before?.status ? CLOSED.includes(before.status) : false;
    if (closed && !wasClosed) return { ...after, closedAt: today() };
    if (!closed) return { ...after, closedAt: null };
    return after;
  }

  override async insert(em: EntityManager, input: Partial<MeetingItem>, actor: Actor): Promise<MeetingItem> {
    const status = input.status ?? (input.kind === MeetingItemKind.ACTION_ITEM ? ActionItemStatus.OPEN : null);
    return super.insert(em, this.withClosedAt(null, { ...input, status }), actor);
  }

  override async applyChange(em: EntityManager, existing: MeetingItem, patch: Partial<MeetingItem>, actor: Actor, action: string, comment?: string | null): Promise<MeetingItem> {
    const next = { ...patch };
    // A decision has no status; an item turned into an action item starts OPEN.
    if (next.kind === MeetingItemKind.DECISION && next.status === undefined) next.status = null;
    if (next.kind === MeetingItemKind.ACTION_ITEM && next.status === undefined && !existing.status) next.status = ActionItemStatus.OPEN;
    if (next.status !== undefined) Object.assign(next, this.withClosedAt(existing, { status: next.status }));
    return super.applyChange(em, existing, next, actor, action, comment);
  }
}


import { Injectable } from '@nestjs/common';
import { DomainError, Role, checkPassword, issueText, refusalReason, validateUser, type CodedMessage, type FieldIssue } from '@efa/domain';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { CrudService, type CrudDefinition } from '../common/crud.service.js';
import { loadReference } from '../common/references.js';
import { State } from '../state/state.entity.js';
import { AccountService } from './account.service.js';
import type { UserFilter } from './user.args.js';
import { User } from './user.entity.js';

/** User administration (administrators only, by the access table). */
@Injectable()
export class UserService extends CrudService<User, UserFilter> {
  protected readonly def: CrudDefinition<User> = {
    entity: User,
    name: 'User',
    searchColumns: ['email', 'displayName'],
    filterColumns: ['role', 'stateId', 'active'],
    sortable: ['email', 'displayName', 'role', 'stateId', 'active', 'lastSignInAt', 'createdAt'],
    defaultSort: 'email',
  };

  protected async validate(u: User, em: EntityManager): Promise<FieldIssue[]> {
    const issues: FieldIssue[] = [];
    if (u.stateId) await loadReference(em, State, u.stateId, 'stateId', 'state', issues);
    const [taken] = await em.query(`SELECT 1 FROM app_user WHERE lower(email) = lower($1) AND id IS DISTINCT FROM $2`, [u.email ?? '', u.id ?? null]);
    if (taken) issues.push({ field: 'email', ...issueText('EMAIL_TAKEN') });
    return [...issues, ...validateUser(u)];
  }

  /**
   * How many active administrators there are besides this user. Locks their
   * rows until the transaction ends, so two requests each removing one of
   * the last two administrators cannot both pass (the second one waits and
   * then counts without the first one's).
   */
  private async otherActiveAdmins(em: EntityManager, without: string): Promise<number> {
    const rows: Array<{ id: string }> = await em.query(`SELECT id FROM app_user WHERE role = 'ADMIN' AND active ORDER BY id FOR UPDATE`);
    return rows.filter((r) => r.id !== without).length;
  }

  /** At least one active administrator must remain. */
  private async assertAdminRemains(em: EntityManager, without: string): Promise<void> {
    if ((await this.otherActiveAdmins(em, without)) === 0) throw DomainError.notAllowed([refusalReason('LAST_ADMINISTRATOR')]);
  }

  override async create(input: Partial<User> & { password?: string | null }, actor: Actor): Promise<User> {
    const { password, ...fields } = input;
    const email = fields.email?.trim().toLowerCase();
    if (password) {
      const problems = checkPassword(password, email);
      if (problems.length) throw DomainError.validation(problems.map((p) => ({ field: 'password', ...p })));
    }
    return super.create({ ...fields, email, passwordHash: password ? await AccountService.hashPassword(password) : null }, actor);
  }

  override async update(id: string, version: number, patch: Partial<User>, actor: Actor): Promise<User> {
    return this.dataSource.transaction(async (em) => {
      const existing = await this.loadForWrite(em, id, version);
      const stillAdmin = (patch.role ?? existing.role) === Role.ADMIN && (patch.active ?? existing.active);
      if (existing.role === Role.ADMIN && existing.active && !stillAdmin) await this.assertAdminRemains(em, id);
      const saved = await this.applyChange(em, existing, { ...patch, email: patch.email?.trim().toLowerCase() }, actor, 'UPDATE');
      // A changed role, state or deactivation takes effect at once: the user signs in again.
      if (saved.role !== existing.role || saved.stateId !== existing.stateId || !saved.active) {
        await em.query(`UPDATE user_session SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [id]);
      }
      return saved;
    });
  }

  protected override async deleteRefusals(u: User, em: EntityManager): Promise<CodedMessage[]> {
    if (u.role === Role.ADMIN && u.active && (await this.otherActiveAdmins(em, u.id)) === 0) return [refusalReason('LAST_ADMINISTRATOR')];
    return [];
  }

  async setPassword(id: string, version: number, password: string, actor: Actor): Promise<User> {
    return this.dataSource.transaction(async (em) => {
      const existing = await this.loadForWrite(em, id, version);
      const problems = checkPassword(password ?? '', existing.email);
      if (problems.length) throw DomainError.validation(problems.map((p) => ({ field: 'password', ...p })));
      const saved = await this.applyChange(em, existing, { passwordHash: await AccountService.hashPassword(password) }, actor, 'SET_PASSWORD');
      await em.query(`UPDATE user_session SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [id]);
      return saved;
    });
  }
}

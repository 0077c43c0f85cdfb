import { Injectable } from '@nestjs/common';
import { DomainError, assertNoIssues, issueAt, validateGuideSection, type FieldIssue } from '@efa/domain';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { CrudService, UUID_PATTERN, type CrudDefinition } from '../common/crud.service.js';
import { loadReference } from '../common/references.js';
import { OnlineService } from '../online-service/online-service.entity.js';
import type { ConnectionGuide, GuideSectionFilter } from './guide.args.js';
import { GuideSection, GuideSectionVersion } from './guide-section.entity.js';

/** The fields whose change is a new version of a section (position is only the order). */
const CONTENT = ['title', 'body', 'milestoneKey'] as const;

/**
 * Connection guides: sections are a CRUD resource (validation, optimistic locking, audit event per
 * write); every write that changes a section's content also appends a `guide_section_version`
 * row (revision, content, author, time) in the same transaction, so the history keeps every edit.
 */
@Injectable()
export class GuideSectionService extends CrudService<GuideSection, GuideSectionFilter> {
  protected readonly def: CrudDefinition<GuideSection> = {
    entity: GuideSection,
    name: 'GuideSection',
    searchColumns: ['title', 'body'],
    filterColumns: ['serviceId', 'milestoneKey'],
    sortable: ['position', 'title', 'milestoneKey', 'serviceId', 'updatedAt', 'revision'],
    defaultSort: 'position',
  };

  protected async validate(s: GuideSection, em: EntityManager): Promise<FieldIssue[]> {
    const issues: FieldIssue[] = [];
    const service = await loadReference(em, OnlineService, s.serviceId, 'serviceId', 'service', issues);
    const domain = validateGuideSection(s);
    if (service && s.milestoneKey && !domain.some((i) => i.field === 'milestoneKey')) {
      const [t] = await em.query(`SELECT 1 FROM milestone_template WHERE service_id = $1 AND key = $2`, [s.serviceId, s.milestoneKey]);
      if (!t) issues.push(issueAt('milestoneKey', 'NO_SUCH_MILESTONE_TEMPLATE', { key: s.milestoneKey }));
    }
    return [...issues, ...domain];
  }

  override async create(input: Partial<GuideSection>, actor: Actor): Promise<GuideSection> {
    return this.dataSource.transaction(async (em) => {
      let position = input.position;
      if (position === undefined || position === null) {
        const [{ next }] = UUID_PATTERN.test(input.serviceId ?? '')
          ? await em.query(`SELECT coalesce(max(position), 0) + 1 AS next FROM guide_section WHERE service_id = $1`, [input.serviceId])
          : [{ next: 1 }];
        position = Number(next);
      }
      const saved = await this.insert(em, { ...input, body: input.body ?? '', milestoneKey: input.milestoneKey || null, position, revision: 1, updatedBy: actor.id }, actor);
      await this.keepVersion(em, saved, actor);
      return saved;
    });
  }

  override async update(id: string, version: number, patch: Partial<GuideSection>, actor: Actor): Promise<GuideSection> {
    return this.dataSource.transaction(async (em) => {
      const existing = await this.loadForWrite(em, id, version, actor);
      if (patch.serviceId !== undefined && patch.serviceId !== existing.serviceId) throw DomainError.validation([issueAt('serviceId', 'NOT_ACCEPTABLE', { detail: 'a section stays in its service\'s guide' })]);
      const next = { ...patch, ...(patch.milestoneKey === '' ? { milestoneKey: null } : {}) };
      const changed = CONTENT.some((f) => next[f] !== undefined && next[f] !== existing[f]);
      const saved = await this.applyChange(em, existing, changed ? { ...next, revision: existing.revision + 1, updatedBy: actor.id } : next, actor, 'UPDATE');
      if (changed) await this.keepVersion(em, saved, actor);
      return saved;
    });
  }

  private async keepVersion(em: EntityManager, s: GuideSection, actor: Actor): Promise<void> {
    await em.insert(GuideSectionVersion, { sectionId: s.id, revision: s.revision, title: s.title, body: s.body, milestoneKey: s.milestoneKey, author: actor.id });
  }

  /** Every version of a section, newest first. */
  async versions(sectionId: string): Promise<GuideSectionVersion[]> {
    await this.findOne(sectionId);
    return this.dataSource.getRepository(GuideSectionVersion).find({ where: { sectionId }, order: { revision: 'DESC' } });
  }

  async guide(serviceId: string): Promise<ConnectionGuide> {
    const [service] = UUID_PATTERN.test(serviceId) ? await this.dataSource.query(`SELECT id, name FROM service WHERE id = $1`, [serviceId]) : [];
    if (!service) throw DomainError.notFound('Service', serviceId);
    const sections = await this.dataSource.getRepository(GuideSection).find({ where: { serviceId }, order: { position: 'ASC', title: 'ASC' } });
    return { serviceId, serviceName: service.name, sections };
  }

  /** Puts a guide's sections in the given order (positions 1..n), one transaction, an audit event per moved section. */
  async reorder(serviceId: string, sectionIds: string[], actor: Actor): Promise<ConnectionGuide> {
    await this.dataSource.transaction(async (em) => {
      const sections = await em.find(GuideSection, { where: { serviceId: UUID_PATTERN.test(serviceId) ? serviceId : '00000000-0000-0000-0000-000000000000' } });
      const issues: FieldIssue[] = [];
      const service = await loadReference(em, OnlineService, serviceId, 'serviceId', 'service', issues);
      assertNoIssues(issues);
      const same = sectionIds.length === sections.length && new Set(sectionIds).size === sectionIds.length && sectionIds.every((id) => sections.some((s) => s.id === id));
      if (!same) throw DomainError.validation([issueAt('sectionIds', 'NOT_ALL_SECTIONS', { count: sections.length })]);
      for (const [i, id] of sectionIds.entries()) {
        const s = sections.find((x) => x.id === id)!;
        if (s.position !== i + 1) await this.applyChange(em, s, { position: i + 1 }, actor, 'REORDER');
      }
      void service;
    });
    return this.guide(serviceId);
  }
}

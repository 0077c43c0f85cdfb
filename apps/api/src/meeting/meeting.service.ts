import { Injectable } from '@nestjs/common';
import { DomainError, assertNoIssues, issueText, meetingWaveServices, validateMeeting, type FieldIssue } from '@efa/domain';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { diffRecords } from '../audit/audit.service.js';
import type { Actor } from '../common/actor.js';
import { CrudService, UUID_PATTERN, type CrudDefinition } from '../common/crud.service.js';
import { loadReference } from '../common/references.js';
import { Wave } from '../wave/wave.entity.js';
import type { MeetingFilter } from './meeting.args.js';
import { MEETING_LINKS, Meeting, type MeetingLinkField } from './meeting.entity.js';

type Links = Record<MeetingLinkField, string[]>;

const defined = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
const unique = (ids: readonly string[] | null | undefined) => [...new Set(ids ?? [])].sort();

/**
 * Meetings with their participating services, states and authorities (join tables meeting_service,
 * meeting_state, meeting_authority), written together with the meeting's row in one transaction and
 * one audit event (the link lists appear in it as fields). A state coordinator writes only meetings
 * whose only participating state is their own (stateOf: the single state, else none).
 */
@Injectable()
export class MeetingService extends CrudService<Meeting, MeetingFilter> {
  protected readonly def: CrudDefinition<Meeting> = {
    entity: Meeting,
    name: 'Meeting',
    searchColumns: ['title', 'location'],
    filterColumns: ['kind', 'waveId'],
    sortable: ['startsAt', 'endsAt', 'title', 'kind', 'updatedAt'],
    defaultSort: 'startsAt',
    referencedBy: [{ table: 'meeting_item', column: 'meeting_id', label: 'decisions or action items' }],
    stateOf: async (m, em) => {
      const states = m.stateIds ?? (m.id ? (await this.linksOf(em, m.id)).stateIds : []);
      return states.length === 1 ? states[0] : null;
    },
  };

  protected override applyFilter(qb: SelectQueryBuilder<Meeting>, f: MeetingFilter): void {
    if (f.startsFrom) qb.andWhere('e.startsAt >= :startsFrom', { startsFrom: f.startsFrom });
    if (f.startsBefore) qb.andWhere('e.startsAt < :startsBefore', { startsBefore: f.startsBefore });
    for (const [key, link] of [
      ['serviceId', MEETING_LINKS[0]],
      ['stateId', MEETING_LINKS[1]],
      ['authorityId', MEETING_LINKS[2]],
    ] as const) {
      const value = f[key];
      if (!value) continue;
      if (!UUID_PATTERN.test(value)) {
        qb.andWhere('false');
        continue;
      }
      qb.andWhere(`e.id IN (SELECT meeting_id FROM ${link.table} WHERE ${link.column} = :m_${key})`, { [`m_${key}`]: value });
    }
  }

  /** The meeting's link lists from the join tables. */
  async linksOf(em: EntityManager, meetingId: string): Promise<Links> {
    const links = {} as Links;
    for (const l of MEETING_LINKS) {
      const rows: Array<{ id: string }> = await em.query(`SELECT ${l.column} AS id FROM ${l.table} WHERE meeting_id = $1 ORDER BY ${l.column}`, [meetingId]);
      links[l.field] = rows.map((r) => r.id);
    }
    return links;
  }

  /**
   * The wave's rule (meetingWaveServices): a meeting of a wave without services gets the wave's
   * service; one whose services leave the wave's out is VALIDATION at waveId. Sets m.serviceIds.
   */
  private async applyWave(m: Meeting, em: EntityManager): Promise<FieldIssue[]> {
    if (!m.waveId) return [];
    const issues: FieldIssue[] = [];
    const wave = await loadReference(em, Wave, m.waveId, 'waveId', 'wave', issues);
    if (!wave) return issues;
    const [{ name }]: Array<{ name: string }> = await em.query(`SELECT name FROM service WHERE id = $1`, [wave.serviceId]);
    const result = meetingWaveServices(m.serviceIds, { serviceId: wave.serviceId, name: wave.name, service: name });
    m.serviceIds = unique(result.serviceIds);
    return result.issues;
  }

  protected async validate(m: Meeting, em: EntityManager): Promise<FieldIssue[]> {
    const issues = validateMeeting(m);
    for (const l of MEETING_LINKS) {
      const ids = m[l.field] ?? [];
      const bad = ids.filter((id) => !UUID_PATTERN.test(id));
      const good = ids.filter((id) => UUID_PATTERN.test(id));
      const found: Array<{ id: string }> = good.length ? await em.query(`SELECT id FROM ${l.target} WHERE id = ANY($1)`, [good]) : [];
      const known = new Set(found.map((r) => r.id));
      const missing = [...bad, ...good.filter((id) => !known.has(id))];
      if (missing.length) issues.push({ field: l.field, ...issueText('REFERENCE_NOT_FOUND', { label: l.label, id: missing.join(', ') }) });
    }
    return issues;
  }

  private async writeLinks(em: EntityManager, meetingId: string, links: Links, only?: MeetingLinkField[]): Promise<void> {
    for (const l of MEETING_LINKS) {
      if (only && !only.includes(l.field)) continue;
      await em.query(`DELETE FROM ${l.table} WHERE meeting_id = $1`, [meetingId]);
      if (links[l.field].length) await em.query(`INSERT INTO ${l.table} (meeting_id, ${l.column}) SELECT $1, unnest($2::uuid[])`, [meetingId, links[l.field]]);
    }
  }

  private splitLinks(input: Partial<Meeting>): { columns: Partial<Meeting>; links: Partial<Links> } {
    const { serviceIds, stateIds, authorityIds, ...columns } = input;
    const links: Partial<Links> = {};
    if (serviceIds !== undefined) links.serviceIds = unique(serviceIds);
    if (stateIds !== undefined) links.stateIds = unique(stateIds);
    if (authorityIds !== undefined) links.authorityIds = unique(authorityIds);
    return { columns, links };
  }

  override async insert(em: EntityManager, input: Partial<Meeting>, actor: Actor): Promise<Meeting> {
    const { columns, links: given } = this.splitLinks(input);
    const links: Links = { serviceIds: given.serviceIds ?? [], stateIds: given.stateIds ?? [], authorityIds: given.authorityIds ?? [] };
    const record = Object.assign(em.create(Meeting, { ...defined(columns), timeZone: columns.timeZone ?? 'Europe/Berlin', attachments: columns.attachments ?? [] } as Meeting), links);
    assertNoIssues(await this.applyWave(record, em));
    links.serviceIds = record.serviceIds!;
    await this.authorizeWrite(em, actor, null, record);
    assertNoIssues(await this.validate(record, em));
    const { serviceIds: _s, stateIds: _st, authorityIds: _a, ...row } = record;
    const result = await em.insert(Meeting, row as never);
    const id = (result.identifiers[0] as { id: string }).id;
    await this.writeLinks(em, id, links);
    const saved = Object.assign(await em.findOneByOrFail(Meeting, { id }), links);
    await this.audit.record(em, { actor: actor.id, entityType: 'Meeting', entityId: id, action: 'CREATE', changes: diffRecords(null, saved) });
    return saved;
  }

  override async applyChange(em: EntityManager, existing: Meeting, patch: Partial<Meeting>, actor: Actor, action: string, comment?: string | null): Promise<Meeting> {
    const current = await this.linksOf(em, existing.id);
    const { columns, links: given } = this.splitLinks(defined(patch));
    const before = Object.assign(em.create(Meeting, { ...existing }), current);
    const links: Links = { ...current, ...given };
    const merged = Object.assign(em.merge(Meeting, em.create(Meeting, { ...existing }), columns as never), links);
    if (columns.waveId !== undefined || given.serviceIds !== undefined) {
      assertNoIssues(await this.applyWave(merged, em));
      if (merged.serviceIds!.join() !== current.serviceIds.join()) given.serviceIds = links.serviceIds = merged.serviceIds!;
    }
    const diff = diffRecords(before, merged);
    if (Object.keys(diff).length === 0) return before;
    await this.authorizeWrite(em, actor, before, merged, Object.keys(diff));
    assertNoIssues(await this.validate(merged, em));
    const set = Object.keys(columns).length ? columns : { title: existing.title };
    const result = await em.createQueryBuilder().update(Meeting).set(set as never).where('id = :id AND version = :version', { id: existing.id, version: existing.version }).execute();
    if (result.affected === 0) throw DomainError.conflict('Meeting', existing.id, existing.version);
    await this.writeLinks(em, existing.id, links, Object.keys(given) as MeetingLinkField[]);
    const saved = Object.assign(await em.findOneByOrFail(Meeting, { id: existing.id }), links);
    await this.audit.record(em, { actor: actor.id, entityType: 'Meeting', entityId: existing.id, action, changes: diff, comment: comment?.trim() || null });
    return saved;
  }

  override async delete(id: string, version: number | null | undefined, actor: Actor): Promise<Meeting> {
    const links = await this.linksOf(this.dataSource.manager, id).catch(() => null);
    const deleted = await super.delete(id, version, actor);
    return Object.assign(deleted, links ?? {});
  }
}

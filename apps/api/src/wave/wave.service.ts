import { Injectable } from '@nestjs/common';
import { DomainError, assertNoIssues, checkWaveAssignment, issueAt, today, validateWave, waveProgress, type FieldIssue } from '@efa/domain';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../common/actor.js';
import { CrudService, UUID_PATTERN, type CrudDefinition } from '../common/crud.service.js';
import { loadReference } from '../common/references.js';
import { Onboarding } from '../onboarding/onboarding.entity.js';
import { OnboardingService } from '../onboarding/onboarding.service.js';
import { OnlineService } from '../online-service/online-service.entity.js';
import type { WaveFilter, WaveProgressFigures } from './wave.args.js';
import { Wave } from './wave.entity.js';

/** At most this many onboardings per assignToWave call. */
export const MAX_ASSIGN = 1000;

@Injectable()
export class WaveService extends CrudService<Wave, WaveFilter> {
  protected readonly def: CrudDefinition<Wave> = {
    entity: Wave,
    name: 'Wave',
    searchColumns: ['name', 'description'],
    filterColumns: ['serviceId'],
    sortable: ['name', 'targetGoLive', 'startsOn', 'serviceId', 'createdAt', 'updatedAt'],
    sortByReference: { serviceId: { table: 'service', column: 'name' } },
    defaultSort: 'targetGoLive',
    referencedBy: [
      { table: 'onboarding', column: 'wave_id', label: 'onboardings' },
      { table: 'meeting', column: 'wave_id', label: 'meetings' },
    ],
  };

  constructor(dataSource: DataSource, audit: AuditService, private readonly onboardings: OnboardingService) {
    super(dataSource, audit);
  }

  protected override applyFilter(_qb: SelectQueryBuilder<Wave>, _f: WaveFilter): void {}

  protected async validate(w: Wave, em: EntityManager): Promise<FieldIssue[]> {
    const issues: FieldIssue[] = [];
    await loadReference(em, OnlineService, w.serviceId, 'serviceId', 'service', issues);
    const ids = w.memberUserIds ?? [];
    const bad = ids.filter((id) => !UUID_PATTERN.test(id));
    const known: Array<{ id: string }> = bad.length ? [] : await em.query(`SELECT id FROM app_user WHERE id = ANY($1::uuid[])`, [ids]);
    ids.forEach((id, i) => {
      if (!known.some((u) => u.id === id)) issues.push(issueAt(`memberUserIds.${i}`, 'NO_SUCH_USER', { id }));
    });
    if (w.id && w.serviceId) {
      const [{ n }] = await em.query(`SELECT count(*)::int AS n FROM onboarding WHERE wave_id = $1 AND service_id <> $2`, [w.id, w.serviceId]);
      if (n > 0) issues.push(issueAt('serviceId', 'WAVE_SERVICE_FIXED'));
    }
    return [...issues, ...validateWave({ ...w, memberUserIds: ids, organisations: w.organisations ?? [] })];
  }

  override async create(input: Partial<Wave>, actor: Actor): Promise<Wave> {
    return super.create({ ...input, startsOn: input.startsOn ?? today(), memberUserIds: input.memberUserIds ?? [], organisations: (input.organisations ?? []).map((o) => o.trim()) }, actor);
  }

  override async update(id: string, version: number, patch: Partial<Wave>, actor: Actor): Promise<Wave> {
    return super.update(id, version, { ...patch, ...(patch.organisations ? { organisations: patch.organisations.map((o) => o.trim()) } : {}) }, actor);
  }

  /**
   * Puts onboardings into a wave (or, with waveId null, out of their wave): one transaction, an
   * audit event per onboarding whose wave changes; one of another service refuses the whole call
   * with VALIDATION naming `onboardingIds.<i>`, and nothing is written.
   */
  async assign(onboardingIds: string[], waveId: string | null, actor: Actor): Promise<Onboarding[]> {
    if (!onboardingIds.length) throw DomainError.validation([issueAt('onboardingIds', 'REQUIRED')]);
    if (onboardingIds.length > MAX_ASSIGN) throw DomainError.validation([issueAt('onboardingIds', 'TOO_MANY_AT_ONCE', { max: MAX_ASSIGN, count: onboardingIds.length })]);
    const unique = [...new Set(onboardingIds)];
    return this.dataSource.transaction(async (em) => {
      let wave: (Wave & { serviceName: string }) | null = null;
      if (waveId !== null) {
        const issues: FieldIssue[] = [];
        const found = await loadReference(em, Wave, waveId, 'waveId', 'wave', issues);
        assertNoIssues(issues);
        const [{ name }] = await em.query(`SELECT name FROM service WHERE id = $1`, [found!.serviceId]);
        wave = Object.assign(found!, { serviceName: name as string });
      }
      const rows: Array<{ id: string; service_id: string; authority: string; service: string }> = await em.query(
        `SELECT o.id, o.service_id, a.name AS authority, s.name AS service FROM onboarding o JOIN authority a ON a.id = o.authority_id JOIN service s ON s.id = o.service_id
         WHERE o.id = ANY($1::uuid[])`,
        [unique.filter((id) => UUID_PATTERN.test(id))],
      );
      const issues: FieldIssue[] = [];
      onboardingIds.forEach((id, i) => {
        const row = rows.find((r) => r.id === id);
        if (!row) return issues.push(issueAt(`onboardingIds.${i}`, 'REFERENCE_NOT_FOUND', { label: 'onboarding', id }));
        if (wave) for (const m of checkWaveAssignment({ serviceId: row.service_id, authority: row.authority, service: row.service }, { serviceId: wave.serviceId, name: wave.name, service: wave.serviceName })) issues.push({ field: `onboardingIds.${i}`, ...m });
      });
      assertNoIssues(issues);
      const result: Onboarding[] = [];
      for (const id of unique) {
        const existing = await this.onboardings.loadForWrite(em, id, null, actor);
        result.push(await this.onboardings.applyChange(em, existing, { waveId }, actor, waveId ? 'ASSIGN_WAVE' : 'LEAVE_WAVE'));
      }
      return result;
    });
  }

  /** The wave's progress today: its onboardings per current stage (SQL), judged by libs/domain's waveProgress. */
  async progress(wave: Wave): Promise<WaveProgressFigures> {
    const stages: Array<{ key: string; position: number; count: number; live_count: number; cancelled: number }> = await this.dataSource.query(
      `SELECT st.key, st.position,
              count(o.id) FILTER (WHERE o.status <> 'CANCELLED')::int AS count,
              count(o.id) FILTER (WHERE o.status = 'CANCELLED')::int AS cancelled
       FROM service_stage st LEFT JOIN onboarding o ON o.wave_id = $1 AND o.stage = st.key
       WHERE st.service_id = $2 GROUP BY st.key, st.position ORDER BY st.position`,
      [wave.id, wave.serviceId],
    );
    const last = stages.length;
    const members = stages.flatMap((s) => [
      ...Array.from({ length: s.count }, () => ({ stagePosition: s.position, live: s.position === stages[last - 1]?.position, cancelled: false })),
      ...Array.from({ length: s.cancelled }, () => ({ stagePosition: s.position, live: false, cancelled: true })),
    ]);
    const p = waveProgress({ members, stageCount: last, startsOn: wave.startsOn, targetGoLive: wave.targetGoLive, today: today() });
    return { ...p, stages: stages.map((s) => ({ stage: s.key, position: s.position, count: s.count })) };
  }

  /** Active users, by name: who can be named as a member. */
  async memberCandidates(): Promise<Array<{ id: string; displayName: string; role: string }>> {
    return this.dataSource.query(`SELECT id, display_name AS "displayName", role FROM app_user WHERE active ORDER BY display_name, id`);
  }
}

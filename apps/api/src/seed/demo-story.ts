import { randomUUID } from 'node:crypto';
import { DEFAULT_MILESTONES, DEFAULT_STAGES, mulberry32, type BlockerCategory, type BlockerSeverity } from '@efa/domain';

/**
 * The demo rollout of "Aufenthaltstitel", told with back-dated, consistent
 * history: the pilots Elbe-Elster, Teltow-Fläming and Potsdam live in
 * December 2020; 100 authorities live in 12 states by the end of August 2023,
 * Landkreis Harz the 100th; further go-lives since; about 100 onboardings in
 * the earlier stages, some paused, a few cancelled, some with open obstacles.
 * Deterministic (seeded random numbers), so every seed tells the same story.
 * Which authority went live when is illustrative beyond the named facts.
 */

export interface StoryAuthority {
  id: string;
  ars: string;
  stateCode: string;
}

export interface StoryInput {
  serviceId: string;
  authorities: StoryAuthority[];
  /** Signing date of each state's contract; the lead state goes live without one. */
  signedAt: Record<string, string | undefined>;
  leadState: string;
}

const DAY = 86_400_000;
const PILOTS: Array<[string, string]> = [
  ['120620000000', '2020-12-01T09:00:00Z'], // Landkreis Elbe-Elster
  ['120720000000', '2020-12-08T09:00:00Z'], // Landkreis Teltow-Fläming
  ['120540000000', '2020-12-15T09:00:00Z'], // Landeshauptstadt Potsdam
];
export const HARZ_ARS = '150850000000';
const HARZ_LIVE = '2023-08-30T09:00:00Z';
const FIRST_WAVE_END = Date.parse('2023-08-25T00:00:00Z');
const STORY_END = Date.parse('2026-10-30T00:00:00Z');

/** Live by the end of August 2023 per state (with the three pilots and Harz: 100 in 12 states). */
const LIVE_BY_AUG_2023: Record<string, number> = { BB: 12, NW: 25, NI: 12, HE: 10, SN: 8, ST: 7, TH: 6, SH: 6, MV: 4, RP: 4, SL: 2, HB: 1 };
const LIVE_SINCE = 40;
const IN_ROLLOUT = 100;

/** Roles, never persons: the demo has no personal data. */
const ACTORS = ['demo:rollout-manager', 'demo:rollout-manager', 'demo:state-coordinator'];

export const OBSTACLES: Array<{ title: string; category: BlockerCategory; severity: BlockerSeverity }> = [
  { title: 'XAusländer-OZG-Schnittstelle beim Hersteller nicht beauftragt', category: 'FINANCIAL', severity: 'BLOCKING' },
  { title: 'DVDV-Eintrag fehlt', category: 'TECHNICAL', severity: 'BLOCKING' },
  { title: 'Behördenzertifikat abgelaufen', category: 'TECHNICAL', severity: 'BLOCKING' },
  { title: 'Eintrag im Zuständigkeitsfinder fehlt', category: 'ORGANISATIONAL', severity: 'DELAYING' },
  { title: 'Keine Haushaltsmittel für die Anbindungskosten', category: 'FINANCIAL', severity: 'DELAYING' },
  { title: 'Kein Personal für die Einführung', category: 'ORGANISATIONAL', severity: 'DELAYING' },
  { title: 'Zuständigkeit für die Anbindung ungeklärt', category: 'ORGANISATIONAL', severity: 'DELAYING' },
  { title: 'Datenschutzkonzept noch nicht abgestimmt', category: 'LEGAL', severity: 'DELAYING' },
  { title: 'Fachliche Fragen zur Bescheidung offen', category: 'SUBJECT_MATTER', severity: 'INFO' },
];
export const PAUSE_REASONS = ['Ruhend gestellt nach Rechtsänderung; Wiederaufnahme nach Klärung', 'Wechsel des Fachverfahrens steht an', 'Personalengpass in der Ausländerbehörde'];
export const CANCEL_REASONS = ['Behörde nutzt eine bestehende Landeslösung', 'Aufgabe an eine zentrale Ausländerbehörde übertragen'];

export interface StoryRows {
  onboardings: Array<Record<string, unknown>>;
  milestones: Array<Record<string, unknown>>;
  blockers: Array<Record<string, unknown>>;
  transitions: Array<Record<string, unknown>>;
  audit: Array<Record<string, unknown>>;
}

const iso = (t: number) => new Date(t).toISOString();
const date = (t: number) => iso(t).slice(0, 10);
const STAGES = DEFAULT_STAGES.map((s) => s.key);

export function buildDemoStory(input: StoryInput): StoryRows {
  const rnd = mulberry32(20201201);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)];
  const between = (from: number, to: number) => from + Math.floor(rnd() * Math.max(0, to - from));
  const rows: StoryRows = { onboardings: [], milestones: [], blockers: [], transitions: [], audit: [] };

  const byArs = new Map(input.authorities.map((a) => [a.ars, a]));
  const used = new Set<string>();
  const pool = (state?: string) =>
    input.authorities
      .filter((a) => !used.has(a.id) && (!state || a.stateCode === state))
      .map((a) => ({ a, k: rnd() }))
      .sort((x, y) => x.k - y.k)
      .map((x) => x.a);
  const mayGoLive = (state: string) => state === input.leadState || Boolean(input.signedAt[state]);
  const earliestLive = (state: string) => Math.max(Date.parse('2021-03-01T00:00:00Z'), state === input.leadState ? 0 : Date.parse(`${input.signedAt[state]}T00:00:00Z`) + 45 * DAY);

  /** Writes one onboarding and its history: stage path with dates, milestones, transitions, audit events. */
  const tell = (a: StoryAuthority, path: Array<{ stage: string; at: number }>, end: { status?: 'ON_HOLD' | 'CANCELLED'; at?: number; reason?: string; movedBack?: boolean } = {}) => {
    used.add(a.id);
    const id = randomUUID();
    const actor = pick(ACTORS);
    const current = path[path.length - 1];
    const live = current.stage === 'LIVE';
    let version = 1;
    const audit = (entityType: string, entityId: string, action: string, at: number, changes: object, comment: string | null = null) =>
      rows.audit.push({ id: randomUUID(), occurred_at: iso(at), actor, entity_type: entityType, entity_id: entityId, action, changes: JSON.stringify(changes), comment });
    const transition = (kind: string, from: string | null, to: string, fromStatus: string | null, toStatus: string, at: number, comment: string | null = null) => {
      rows.transitions.push({ id: randomUUID(), onboarding_id: id, kind, from_stage: from, to_stage: to, from_status: fromStatus, to_status: toStatus, occurred_at: iso(at), actor, comment });
      const changes: Record<string, unknown> = {};
      if (from !== to && from !== null) changes.stage = { from, to };
      if (fromStatus !== toStatus && fromStatus !== null) changes.status = { from: fromStatus, to: toStatus };
      if (kind === 'CREATE') audit('Onboarding', id, 'CREATE', at, { authorityId: { from: null, to: a.id }, serviceId: { from: null, to: input.serviceId }, stage: { from: null, to } });
      else audit('Onboarding', id, kind, at, changes, comment);
      if (kind !== 'CREATE') version++;
    };

    transition('CREATE', null, path[0].stage, null, 'ACTIVE', path[0].at);
    for (let i = 1; i < path.length; i++) {
      if (end.movedBack && path[i].stage === 'TEST') {
        // Went to TEST once, had to go back (certificate problem), then on again.
        const gap = path[i].at - path[i - 1].at;
        transition('ADVANCE', path[i - 1].stage, 'TEST', 'ACTIVE', 'ACTIVE', path[i - 1].at + Math.round(gap * 0.3));
        transition('MOVE_BACK', 'TEST', 'CONNECTION', 'ACTIVE', 'ACTIVE', path[i - 1].at + Math.round(gap * 0.6), 'Testantrag scheiterte: Zertifikat im DVDV abgelaufen');
        transition('ADVANCE', 'CONNECTION', 'TEST', 'ACTIVE', 'ACTIVE', path[i].at);
        continue;
      }
      transition('ADVANCE', path[i - 1].stage, path[i].stage, 'ACTIVE', 'ACTIVE', path[i].at);
    }
    let status = 'ACTIVE';
    if (end.status) {
      transition(end.status === 'ON_HOLD' ? 'PAUSE' : 'CANCEL', current.stage, current.stage, 'ACTIVE', end.status, end.at!, end.reason ?? null);
      status = end.status;
    }

    // Milestones: the template's steps; those of earlier stages done within their stage.
    const stageIdx = STAGES.indexOf(current.stage);
    const enteredAt = (stage: string) => path.find((p) => p.stage === stage)?.at;
    for (const m of DEFAULT_MILESTONES) {
      const mIdx = STAGES.indexOf(m.stage);
      const mid = randomUUID();
      let done: number | undefined;
      if (live && m.stage === 'LIVE') done = m.key === 'GO_LIVE_PRO' ? current.at : rnd() < 0.8 ? current.at + between(3, 20) * DAY : undefined;
      else if (mIdx < stageIdx) {
        const from = enteredAt(m.stage) ?? path[0].at;
        const to = path.find((p) => STAGES.indexOf(p.stage) > mIdx)?.at ?? current.at;
        done = between(from, to);
      } else if (mIdx === stageIdx && !live && rnd() < 0.4) done = between(current.at, Math.min(STORY_END, current.at + 30 * DAY));
      if (done !== undefined && done > STORY_END) done = STORY_END;
      const due = done === undefined && mIdx <= stageIdx ? date(current.at + 60 * DAY) : null;
      rows.milestones.push({
        id: mid,
        onboarding_id: id,
        key: m.key,
        name_de: m.name.de,
        name_en: m.name.en,
        stage: m.stage,
        required: m.required,
        position: m.position,
        status: done === undefined ? 'OPEN' : 'DONE',
        due_date: due,
        completed_at: done === undefined ? null : date(done),
        version: done === undefined ? 1 : 2,
      });
      if (done !== undefined) audit('Milestone', mid, 'COMPLETE', done, { status: { from: 'OPEN', to: 'DONE' }, completedAt: { from: null, to: date(done) } });
    }

    const updatedAt = Math.max(...rows.transitions.filter((t) => t.onboarding_id === id).map((t) => Date.parse(t.occurred_at as string)));
    rows.onboardings.push({
      id,
      authority_id: a.id,
      service_id: input.serviceId,
      stage: current.stage,
      status,
      status_reason: end.reason ?? null,
      stage_entered_at: iso(current.at),
      planned_go_live: live || status === 'CANCELLED' ? null : date(Math.max(current.at, STORY_END) + between(60, 400) * DAY),
      live_at: live ? iso(current.at) : null,
      owner: `Rollout-Team ${a.stateCode} (Demo)`,
      created_at: iso(path[0].at),
      updated_at: iso(updatedAt),
      version,
    });
    return id;
  };

  /** A path through the stages ending at `stage` reached at `at`, with plausible earlier dates. */
  const pathTo = (stage: string, at: number): Array<{ stage: string; at: number }> => {
    const idx = STAGES.indexOf(stage);
    const out = [{ stage, at }];
    let t = at;
    for (let i = idx - 1; i >= 0; i--) {
      t -= between(20, 75) * DAY;
      out.unshift({ stage: STAGES[i], at: t });
    }
    return out;
  };

  // 1. The pilots.
  for (const [ars, when] of PILOTS) {
    const a = byArs.get(ars);
    if (a) tell(a, pathTo('LIVE', Date.parse(when)));
  }
  // 2. The first wave up to the end of August 2023, Harz the 100th.
  const harz = byArs.get(HARZ_ARS);
  if (harz) used.add(harz.id);
  const firstWave: Array<[StoryAuthority, number]> = [];
  for (const [state, count] of Object.entries(LIVE_BY_AUG_2023)) {
    if (!mayGoLive(state)) continue;
    const n = state === 'ST' && harz ? count - 1 : count;
    for (const a of pool(state).slice(0, n)) {
      used.add(a.id);
      firstWave.push([a, between(earliestLive(state), FIRST_WAVE_END)]);
    }
  }
  for (const [a, when] of firstWave) tell(a, pathTo('LIVE', when), { movedBack: rnd() < 0.06 });
  if (harz) tell(harz, pathTo('LIVE', Date.parse(HARZ_LIVE)));

  // 3. Go-lives since then.
  const liveStates = Object.keys(LIVE_BY_AUG_2023).filter(mayGoLive);
  for (const a of pool().filter((x) => liveStates.includes(x.stateCode)).slice(0, LIVE_SINCE)) {
    tell(a, pathTo('LIVE', between(Date.parse('2023-09-04T00:00:00Z'), STORY_END)), { movedBack: rnd() < 0.06 });
  }

  // 4. In the rollout now: earlier stages, some paused or cancelled, some with obstacles.
  const interested = new Set([...Object.keys(input.signedAt).filter((s) => input.signedAt[s] !== undefined), input.leadState, 'HH', 'BE', 'BW']);
  const candidates = pool().filter((a) => interested.has(a.stateCode)).slice(0, IN_ROLLOUT);
  candidates.forEach((a, i) => {
    const signed = mayGoLive(a.stateCode);
    const stage = signed ? pick(['INTEREST', 'KICK_OFF', 'PREPARATION', 'PREPARATION', 'CONNECTION', 'CONNECTION', 'TEST']) : pick(['INTEREST', 'KICK_OFF']);
    const at = between(Date.parse('2024-06-01T00:00:00Z'), STORY_END - 20 * DAY);
    let end: Parameters<typeof tell>[2] = {};
    if (i % 14 === 3) end = { status: 'ON_HOLD', at: between(at, STORY_END), reason: pick(PAUSE_REASONS) };
    else if (i % 40 === 7) end = { status: 'CANCELLED', at: between(at, STORY_END), reason: pick(CANCEL_REASONS) };
    const id = tell(a, pathTo(stage, at), end);
    if (i % 5 === 1 && !end.status) {
      const o = pick(OBSTACLES);
      const opened = between(at, STORY_END);
      const bid = randomUUID();
      rows.blockers.push({ id: bid, onboarding_id: id, ...o, opened_at: date(opened), resolved_at: null, resolution: null });
      rows.audit.push({
        id: randomUUID(),
        occurred_at: iso(opened),
        actor: 'demo:rollout-manager',
        entity_type: 'Blocker',
        entity_id: bid,
        action: 'CREATE',
        changes: JSON.stringify({ title: { from: null, to: o.title }, severity: { from: null, to: o.severity } }),
        comment: null,
      });
    }
  });
  // Resolved obstacles in the history of some live onboardings.
  rows.onboardings
    .filter((o) => o.stage === 'LIVE')
    .filter((_, i) => i % 9 === 4)
    .forEach((o) => {
      const o2 = pick(OBSTACLES);
      const liveAt = Date.parse(o.live_at as string);
      const opened = liveAt - between(60, 150) * DAY;
      const resolved = liveAt - between(5, 40) * DAY;
      rows.blockers.push({ id: randomUUID(), onboarding_id: o.id, ...o2, opened_at: date(opened), resolved_at: date(resolved), resolution: 'Gelöst, Anbindung fortgesetzt' });
    });
  return rows;
}

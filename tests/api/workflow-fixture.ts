/**
 * Shared set-up for the onboarding-workflow API tests: a service of the test
 * file's own (so the tests do not depend on the demo seed's onboardings),
 * contracts for it in a few states, seeded authorities handed out one per
 * onboarding, and small wrappers around the workflow mutations.
 *
 * The service's lead state is Brandenburg (BB: may go live without a
 * contract). Contracts: NW and ST signed, SN negotiating, TH terminated,
 * BY none. Onboardings default to NW (signed, many authorities); when a
 * state's seeded authorities are used up, further ones are created.
 */
import { firstError, startTestApp, type GqlResult, type TestApp } from '../support/test-app.js';

export { firstError };

export const STAGES = ['INTEREST', 'KICK_OFF', 'PREPARATION', 'CONNECTION', 'TEST', 'LIVE'] as const;
export const MILESTONE_KEYS = [
  'CONTACTS_NAMED',
  'TENANT_SET_UP',
  'DATA_PROTECTION_AGREEMENT',
  'SERVICE_DIRECTORY_ENTRY',
  'WEB_COMPONENT_EMBEDDED',
  'DVDV_ENTRY',
  'SPECIALIST_INTERFACE',
  'TEST_APPLICATION',
  'GO_LIVE_PRO',
  'ANNOUNCEMENT',
] as const;

export const MILESTONE = `id key nameDe nameEn stage required status position version completedAt dueDate note evidenceUrl onboardingId`;
export const TRANSITION = `id onboardingId kind fromStage toStage fromStatus toStatus occurredAt actor comment`;
export const ONBOARDING = `id version stage status statusReason liveAt stageEnteredAt authorityId serviceId plannedGoLive
  milestones { ${MILESTONE} }
  transitions { ${TRANSITION} }`;
export const BLOCKER = `id version onboardingId title description category severity owner openedAt resolvedAt resolution`;
export const EVENT = `id action actor entityType entityId comment occurredAt changes { field from to }`;

/** An audit event as history and onboardingTimeline return it. */
export interface Event {
  id: string;
  action: string;
  actor: string;
  entityType: string;
  entityId: string;
  comment: string | null;
  occurredAt: string;
  changes: Array<{ field: string; from: unknown; to: unknown }>;
}

export const CONTRACT = `id version status stateId serviceId interestDeclaredAt negotiationStartedAt signedAt terminatedAt notes`;

export interface Milestone {
  id: string;
  key: string;
  nameDe: string;
  nameEn: string;
  stage: string;
  required: boolean;
  status: string;
  position: number;
  version: number;
  completedAt: string | null;
  dueDate: string | null;
  note: string | null;
  evidenceUrl: string | null;
  onboardingId: string;
}
export interface Transition {
  id: string;
  onboardingId: string;
  kind: string;
  fromStage: string | null;
  toStage: string;
  fromStatus: string | null;
  toStatus: string;
  occurredAt: string;
  actor: string;
  comment: string | null;
}
export interface Onboarding {
  id: string;
  version: number;
  stage: string;
  status: string;
  statusReason: string | null;
  liveAt: string | null;
  stageEnteredAt: string;
  authorityId: string;
  serviceId: string;
  plannedGoLive: string | null;
  milestones: Milestone[];
  transitions: Transition[];
}
export interface Blocker {
  id: string;
  version: number;
  onboardingId: string;
  title: string;
  description: string | null;
  category: string;
  severity: string;
  owner: string | null;
  openedAt: string;
  resolvedAt: string | null;
  resolution: string | null;
}
export interface Contract {
  id: string;
  version: number;
  status: string;
  stateId: string;
  serviceId: string;
  interestDeclaredAt: string | null;
  negotiationStartedAt: string | null;
  signedAt: string | null;
  terminatedAt: string | null;
  notes: string | null;
}

export const Q = {
  onboarding: `query($id: ID!) { Onboarding(id: $id) { ${ONBOARDING} } }`,
  create: `mutation($authorityId: ID!, $serviceId: ID!, $owner: String, $plannedGoLive: LocalDate) {
    createOnboarding(authorityId: $authorityId, serviceId: $serviceId, owner: $owner, plannedGoLive: $plannedGoLive) { ${ONBOARDING} } }`,
  advance: `mutation($id: ID!, $version: Int!, $toStage: String, $comment: String, $liveAt: DateTime) {
    advanceOnboarding(id: $id, version: $version, toStage: $toStage, comment: $comment, liveAt: $liveAt) { ${ONBOARDING} } }`,
  advanceMany: `mutation($ids: [ID!]!, $toStage: String, $comment: String) {
    advanceOnboardings(ids: $ids, toStage: $toStage, comment: $comment) { id moved code reasons onboarding { id version stage status liveAt } } }`,
  moveBack: `mutation($id: ID!, $version: Int!, $toStage: String!, $reason: String!) {
    moveOnboardingBack(id: $id, version: $version, toStage: $toStage, reason: $reason) { ${ONBOARDING} } }`,
  pause: `mutation($id: ID!, $version: Int!, $reason: String!) { pauseOnboarding(id: $id, version: $version, reason: $reason) { ${ONBOARDING} } }`,
  resume: `mutation($id: ID!, $version: Int!) { resumeOnboarding(id: $id, version: $version) { ${ONBOARDING} } }`,
  cancel: `mutation($id: ID!, $version: Int!, $reason: String!) { cancelOnboarding(id: $id, version: $version, reason: $reason) { ${ONBOARDING} } }`,
  reopen: `mutation($id: ID!, $version: Int!, $reason: String!) { reopenOnboarding(id: $id, version: $version, reason: $reason) { ${ONBOARDING} } }`,
  setPlannedGoLive: `mutation($id: ID!, $version: Int!, $plannedGoLive: LocalDate) { setPlannedGoLive(id: $id, version: $version, plannedGoLive: $plannedGoLive) { ${ONBOARDING} } }`,
  updateOnboarding: `mutation($id: ID!, $version: Int!, $owner: String, $notes: String) { updateOnboarding(id: $id, version: $version, owner: $owner, notes: $notes) { ${ONBOARDING} } }`,
  milestone: `query($id: ID!) { Milestone(id: $id) { ${MILESTONE} } }`,
  completeMilestone: `mutation($id: ID!, $version: Int!, $completedAt: LocalDate, $evidenceUrl: String, $note: String) {
    completeMilestone(id: $id, version: $version, completedAt: $completedAt, evidenceUrl: $evidenceUrl, note: $note) { ${MILESTONE} } }`,
  reopenMilestone: `mutation($id: ID!, $version: Int!, $note: String) { reopenMilestone(id: $id, version: $version, note: $note) { ${MILESTONE} } }`,
  markNotApplicable: `mutation($id: ID!, $version: Int!, $reason: String!) { markMilestoneNotApplicable(id: $id, version: $version, reason: $reason) { ${MILESTONE} } }`,
  createMilestone: `mutation($onboardingId: ID!, $key: String!, $nameDe: String!, $nameEn: String!, $stage: String!, $required: Boolean!, $dueDate: LocalDate) {
    createMilestone(onboardingId: $onboardingId, key: $key, nameDe: $nameDe, nameEn: $nameEn, stage: $stage, required: $required, dueDate: $dueDate) { ${MILESTONE} } }`,
  updateMilestone: `mutation($id: ID!, $version: Int!, $dueDate: LocalDate, $note: String) { updateMilestone(id: $id, version: $version, dueDate: $dueDate, note: $note) { ${MILESTONE} } }`,
  createBlocker: `mutation($onboardingId: ID!, $title: String!, $category: BlockerCategory!, $severity: BlockerSeverity!, $openedAt: LocalDate, $owner: String, $description: String) {
    createBlocker(onboardingId: $onboardingId, title: $title, category: $category, severity: $severity, openedAt: $openedAt, owner: $owner, description: $description) { ${BLOCKER} } }`,
  resolveBlocker: `mutation($id: ID!, $version: Int!, $resolution: String!, $resolvedAt: LocalDate) {
    resolveBlocker(id: $id, version: $version, resolution: $resolution, resolvedAt: $resolvedAt) { ${BLOCKER} } }`,
  reopenBlocker: `mutation($id: ID!, $version: Int!, $reason: String!) { reopenBlocker(id: $id, version: $version, reason: $reason) { ${BLOCKER} } }`,
  updateBlocker: `mutation($id: ID!, $version: Int!, $severity: BlockerSeverity) { updateBlocker(id: $id, version: $version, severity: $severity) { ${BLOCKER} } }`,
  contract: `query($id: ID!) { ReuseContract(id: $id) { ${CONTRACT} } }`,
  createContract: `mutation($stateId: ID!, $serviceId: ID!, $status: ContractStatus!, $interestDeclaredAt: LocalDate, $negotiationStartedAt: LocalDate, $signedAt: LocalDate, $terminatedAt: LocalDate) {
    createReuseContract(stateId: $stateId, serviceId: $serviceId, status: $status, interestDeclaredAt: $interestDeclaredAt, negotiationStartedAt: $negotiationStartedAt, signedAt: $signedAt, terminatedAt: $terminatedAt) { ${CONTRACT} } }`,
  declareInterest: `mutation($id: ID!, $version: Int!, $at: LocalDate) { declareInterest(id: $id, version: $version, at: $at) { ${CONTRACT} } }`,
  startNegotiation: `mutation($id: ID!, $version: Int!, $at: LocalDate) { startNegotiation(id: $id, version: $version, at: $at) { ${CONTRACT} } }`,
  signContract: `mutation($id: ID!, $version: Int!, $signedAt: LocalDate!) { signContract(id: $id, version: $version, signedAt: $signedAt) { ${CONTRACT} } }`,
  terminateContract: `mutation($id: ID!, $version: Int!, $reason: String!, $at: LocalDate) { terminateContract(id: $id, version: $version, reason: $reason, at: $at) { ${CONTRACT} } }`,
  history: `query($entityType: String!, $entityId: ID!, $limit: Int) { history(entityType: $entityType, entityId: $entityId, limit: $limit) {
    id action actor entityType entityId comment occurredAt changes { field from to } } }`,
  timeline: `query($id: ID!, $limit: Int) { onboardingTimeline(id: $id, limit: $limit) {
    id action actor entityType entityId comment occurredAt subject changes { field from to } } }`,
};

/** Today as the API computes it (UTC calendar date), and the dates around it. */
export const isoDay = (offsetDays = 0) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

export const random = () => Math.random().toString(36).slice(2, 10);

/** The data of a successful GraphQL call; fails the test with the errors otherwise. */
export function ok<T = any>(r: GqlResult, field: string): T {
  if (r.errors?.length) throw new Error(`${field} failed: ${JSON.stringify(r.errors)}`);
  return r.data![field] as T;
}

/** One onboarding's answer in a wave advance (advanceOnboardings). */
export interface BulkResult {
  id: string;
  moved: boolean;
  code: string | null;
  reasons: string[];
  onboarding: { id: string; version: number; stage: string; status: string; liveAt: string | null } | null;
}

export class WorkflowFixture {
  readonly states: Record<string, string> = {};
  serviceId = '';
  serviceName = '';
  readonly contracts: Record<string, Contract> = {};
  private readonly pools: Record<string, string[]> = {};

  private constructor(readonly t: TestApp) {}

  static async start(): Promise<WorkflowFixture> {
    return WorkflowFixture.on(await startTestApp());
  }

  /** The fixture on an app started elsewhere (e.g. with notification settings of the test's own). */
  static async on(t: TestApp): Promise<WorkflowFixture> {
    const fx = new WorkflowFixture(t);
    await fx.init();
    return fx;
  }

  async close() {
    await this.t.close();
  }

  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>) {
    return this.t.gql<T>(query, variables);
  }

  private async init() {
    const states = await this.gql(`{ allStates(perPage: 16) { id code } }`);
    for (const s of ok<Array<{ id: string; code: string }>>(states, 'allStates')) this.states[s.code] = s.id;
    const s = await this.newService();
    this.serviceId = s.id;
    this.serviceName = s.name;
    this.contracts.NW = await this.newContract('NW', this.serviceId, { status: 'SIGNED', interestDeclaredAt: '2021-05-03', signedAt: '2021-12-15' });
    this.contracts.ST = await this.newContract('ST', this.serviceId, { status: 'SIGNED', interestDeclaredAt: '2022-01-10', signedAt: '2022-09-01' });
    this.contracts.SN = await this.newContract('SN', this.serviceId, { status: 'NEGOTIATING', interestDeclaredAt: '2022-02-01', negotiationStartedAt: '2022-06-01' });
    this.contracts.TH = await this.newContract('TH', this.serviceId, { status: 'TERMINATED', interestDeclaredAt: '2021-02-01', signedAt: '2021-09-01', terminatedAt: '2023-03-31' });
    const authorities = await this.gql(`{ allAuthorities(perPage: 1000, sortField: "name") { id state { code } } }`);
    for (const a of ok<Array<{ id: string; state: { code: string } }>>(authorities, 'allAuthorities')) (this.pools[a.state.code] ??= []).push(a.id);
  }

  /** A new service with the default pipeline, led by Brandenburg. */
  async newService(): Promise<{ id: string; name: string }> {
    const name = `Test service ${random()}`;
    const r = await this.gql(`mutation($name: String!, $lead: ID) { createService(name: $name, topicField: FAMILY_AND_CHILD, leadStateId: $lead) { id name } }`, {
      name,
      lead: this.states.BB,
    });
    return ok(r, 'createService');
  }

  async newContract(stateCode: string, serviceId: string, fields: Record<string, unknown>): Promise<Contract> {
    return ok(await this.gql(Q.createContract, { stateId: this.states[stateCode], serviceId, ...fields }), 'createReuseContract');
  }

  /** An authority of the state that has no onboarding for the test service yet: a seeded one while there are any left, else a new one. */
  async authority(stateCode: string): Promise<string> {
    const seeded = this.pools[stateCode]?.shift();
    if (seeded) return seeded;
    const prefix = ok<Array<{ arsPrefix: string }>>(await this.gql(`query($code: String) { allStates(filter: { code: $code }) { arsPrefix } }`, { code: stateCode }), 'allStates')[0].arsPrefix;
    const ars = `${prefix}9${String(++this.created).padStart(3, '0')}${Math.floor(Math.random() * 1e6).toString().padStart(6, '0')}`;
    const r = await this.gql(`mutation($stateId: ID!, $ars: String!, $name: String!) {
      createAuthority(name: $name, kind: FOREIGNERS_AUTHORITY, level: MUNICIPALITY, stateId: $stateId, ars: $ars) { id } }`, { stateId: this.states[stateCode], ars, name: `Ausländerbehörde Test ${ars}` });
    return ok<{ id: string }>(r, 'createAuthority').id;
  }
  private created = 0;

  /** A new onboarding of the test service for an unused authority of the state (default NW, whose contract is signed). */
  async onboard(stateCode = 'NW', serviceId = this.serviceId): Promise<Onboarding> {
    return ok(await this.gql(Q.create, { authorityId: await this.authority(stateCode), serviceId }), 'createOnboarding');
  }

  async get(id: string): Promise<Onboarding> {
    return ok(await this.gql(Q.onboarding, { id }), 'Onboarding');
  }

  advance(o: { id: string; version: number }, args: { toStage?: string; comment?: string; liveAt?: string } = {}) {
    return this.gql(Q.advance, { id: o.id, version: o.version, ...args });
  }

  async advanced(o: { id: string; version: number }, args: { toStage?: string; comment?: string; liveAt?: string } = {}): Promise<Onboarding> {
    return ok(await this.advance(o, args), 'advanceOnboarding');
  }

  /** Completes every open required milestone of a stage before `before` (default LIVE). */
  async completeRequired(o: { id: string }, before: string = 'LIVE', except: string[] = []): Promise<Onboarding> {
    const current = await this.get(o.id);
    const limit = STAGES.indexOf(before as (typeof STAGES)[number]);
    for (const m of current.milestones) {
      if (!m.required || m.status !== 'OPEN' || except.includes(m.key)) continue;
      if (STAGES.indexOf(m.stage as (typeof STAGES)[number]) >= limit) continue;
      ok(await this.gql(Q.completeMilestone, { id: m.id, version: m.version }), 'completeMilestone');
    }
    return this.get(o.id);
  }

  /** An onboarding (of NW, unless given) in the given stage. */
  async onboardingIn(stage: string, stateCode = 'NW'): Promise<Onboarding> {
    const o = await this.onboard(stateCode);
    if (stage === 'INTEREST') return o;
    if (stage === 'LIVE') await this.completeRequired(o);
    const moved = await this.advanced(await this.get(o.id), { toStage: stage });
    expect(moved.stage).toBe(stage);
    return moved;
  }

  async blocker(onboardingId: string, fields: Partial<Blocker> & { severity: string }): Promise<Blocker> {
    return ok(await this.gql(Q.createBlocker, { onboardingId, title: `Obstacle ${random()}`, category: 'TECHNICAL', ...fields }), 'createBlocker');
  }

  /** Counts of everything a workflow write may touch. */
  async counts() {
    const [row] = await this.t.dataSource.query(
      `SELECT (SELECT count(*) FROM onboarding)::int AS onboardings, (SELECT count(*) FROM milestone)::int AS milestones,
              (SELECT count(*) FROM blocker)::int AS blockers, (SELECT count(*) FROM onboarding_transition)::int AS transitions,
              (SELECT count(*) FROM audit_event)::int AS events, (SELECT count(*) FROM reuse_contract)::int AS contracts,
              (SELECT count(*) FROM reuse_variant)::int AS variants`,
    );
    return row as Record<string, number>;
  }

  /** The stored row of an onboarding plus the global counts: equal before and after a refused write. */
  async snapshot(onboardingId?: string) {
    const rows = onboardingId ? await this.t.dataSource.query(`SELECT * FROM onboarding WHERE id = $1`, [onboardingId]) : [];
    return { counts: await this.counts(), row: rows[0] };
  }

  /** Audit events of one record, oldest first (straight from the table). */
  async events(entityId: string): Promise<Array<{ action: string; actor: string; changes: Record<string, { from: unknown; to: unknown }>; comment: string | null }>> {
    return this.t.dataSource.query(`SELECT action, actor, changes, comment FROM audit_event WHERE entity_id = $1 ORDER BY occurred_at, id`, [entityId]);
  }

  async transitionsOf(onboardingId: string): Promise<Array<{ kind: string }>> {
    return this.t.dataSource.query(`SELECT kind FROM onboarding_transition WHERE onboarding_id = $1 ORDER BY occurred_at`, [onboardingId]);
  }
}

/** The reasons a refusal lists (extensions.reasons). */
export function reasonsOf(r: GqlResult): string[] {
  return (r.errors?.[0]?.extensions?.reasons as string[] | undefined) ?? [];
}

/** A wave advance through GraphQL as the fixture's user; fails the test on a GraphQL error. */
export async function bulkAdvance(fx: WorkflowFixture, ids: string[], vars: { toStage?: string; comment?: string } = {}): Promise<BulkResult[]> {
  return ok<BulkResult[]>(await fx.gql(Q.advanceMany, { ids, ...vars }), 'advanceOnboardings');
}

import fs from 'node:fs';
import fc from 'fast-check';
import {
  buildSchema,
  getIntrospectionQuery,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Property-based fuzzing of every GraphQL mutation (fast-check). The mutations come from the
 * schema (the committed file, checked against the live API's introspection), so a new mutation
 * is fuzzed automatically — or fails here when one of its argument types has no arbitrary.
 * Arguments are generated from their types: plausible values (real ids of the right table,
 * the record's current version) mixed with wrong types, null, huge strings (1 MB and just over
 * the text limit), control characters incl. NUL, RTL overrides, SQL and script fragments,
 * impossible dates, negative and huge numbers, unknown enum values and wrong ids.
 *
 * Each call must answer within a bound, with no 5xx, and either with data (a valid write) or
 * with well-formed coded errors (never INTERNAL); a VALIDATION error names the fields. After a
 * refused call nothing changed: the fingerprint of every data table and the count of the audit
 * log's record events are the same as before.
 *
 * Bounded for CI: FUZZ_RUNS runs per mutation (default 5), seeded (FUZZ_SEED, default below),
 * so a failure is reproducible with the seed and path fast-check prints.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 5);
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const ANSWER_BOUND_MS = 30_000;

const schema = buildSchema(fs.readFileSync('apps/api/schema.graphql', 'utf8'));
const mutationFields = Object.values(schema.getMutationType()!.getFields());

/**
 * The fingerprint per table: row count and newest row version (xmin), cheap enough to take after
 * every call. Tables a call may change without it being a write (sessions, sign-in throttling, background notification delivery). */
// public_status_change / public_status_version: the public store's change log, folded into the version row by the
// app's own once-a-second check in the background, whatever the fuzzed call did (public_status itself is fingerprinted).
const NOT_FINGERPRINTED = new Set(['user_session', 'sign_in_attempt', 'audit_event', 'notification', 'notification_event', 'notification_digest', 'migrations', 'typeorm_metadata', 'public_status_change', 'public_status_version']);

/** Error codes a client may be answered with (libs/domain ErrorCode, without INTERNAL). */
const EXPECTED_CODES = new Set(['VALIDATION', 'NOT_FOUND', 'CONFLICT', 'TRANSITION_NOT_ALLOWED', 'FORBIDDEN', 'UNAUTHENTICATED', 'REFERENCED', 'LIMIT_EXCEEDED', 'RATE_LIMITED']);

// ---------------------------------------------------------------- nasty values

const HUGE_1MB = 'x'.repeat(1024 * 1024);
const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  'line\r\nbreak\ttab\u0007bell\u001b[31m',
  '\u202Eevil\u202C \u2066rtl\u2069 \u200B\uFEFF',
  "'; DROP TABLE authority; --",
  "' OR '1'='1",
  'Robert"); DELETE FROM onboarding; --',
  '$1 %s %n {{7*7}} ${7*7}',
  '<script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=1">',
  'javascript:alert(1)',
  '[x](javascript:alert(1))',
  '"><svg onload=alert(1)>',
  '\uD800',
  '😀🇩🇪 Ünïcödé ß',
  'x'.repeat(100_001),
  HUGE_1MB,
  '31.02.2024',
  '2024-02-31',
  '0000-01-01',
  '99999-12-31',
  '-1',
  'null',
  'undefined',
  '00000000-0000-0000-0000-000000000000',
  'not-a-uuid',
];
const PLAUSIBLE: Array<[RegExp, string[]]> = [
  [/email/i, ['fuzz@example.org', 'not-an-email', 'a@b']],
  [/url|website/i, ['https://example.org/x', 'ftp://example.org', 'http://', 'javascript:alert(1)']],
  [/^ars$/i, ['120609999001', '12060999900', '999999999999']],
  [/stage|stagekey/i, ['INTEREST', 'KICK_OFF', 'PREPARATION', 'CONNECTION', 'TEST', 'LIVE', 'NOPE']],
  [/^code$/i, ['BB', 'XX', 'bb']],
  [/arsprefix/i, ['12', '17', '00']],
  [/password/i, ['Fuzz-Passwort-2026!', 'short']],
  [/timezone/i, ['Europe/Berlin', 'Mars/Olympus']],
  [/version/i, ['1.17', '1.x']],
];
const DATES = ['2024-02-29', '2025-01-15', '2024-02-31', '31.02.2024', '0000-01-01', '99999-01-01', '2024-13-01', '', '2024-1-1', '1999-12-31T00:00:00Z', '2100-01-01'];
const DATE_TIMES = ['2025-03-01T10:00:00.000Z', '2024-02-31T10:00:00Z', '31.02.2024 10:00', '0000-01-01T00:00:00Z', '+099999-01-01T00:00:00Z', 'yesterday', '2025-03-01', '2100-01-01T00:00:00Z'];
const NUMBERS = [0, 1, 2, 5, -1, -2147483648, 2147483647, 2147483648, 2 ** 53, 1.5, -0.5, 1e300];
const WRONG = fc.constantFrom<unknown>(null, 42, -1.5, true, 'text', [], {}, ['a'], { nested: { deeper: 1 } });

/** Marker: the current version of the record the call's `id` names (looked up just before the call). */
const CURRENT_VERSION = Symbol('current version');

// ---------------------------------------------------------------- ids of real records

/** GraphQL type name → table. */
const TABLES: Record<string, string> = {
  User: 'app_user',
  State: 'state',
  Authority: 'authority',
  Service: 'service',
  SpecialistSystem: 'specialist_system',
  ReuseContract: 'reuse_contract',
  ReuseVariant: 'reuse_variant',
  Onboarding: 'onboarding',
  Milestone: 'milestone',
  MilestoneTemplate: 'milestone_template',
  Blocker: 'blocker',
  Meeting: 'meeting',
  MeetingItem: 'meeting_item',
  ServiceStage: 'service_stage',
  CostKey: 'cost_key',
  ServiceCost: 'service_cost',
  Wave: 'wave',
  GuideSection: 'guide_section',
  Notification: 'notification',
};
const pools = new Map<string, string[]>();

/** The record type an ID argument refers to: `id` → the mutation's own type; `onboardingId(s)`, `leadStateId`, `ownerUserId` → by the longest type name the argument name ends with. */
function referencedType(mutation: GraphQLField<unknown, unknown>, argName: string): string | undefined {
  if (argName === 'id' || argName === 'ids') {
    const own = getNamedType(mutation.type).name;
    if (TABLES[own]) return own;
    const fromName = Object.keys(TABLES).find((t) => mutation.name.toLowerCase().endsWith(t.toLowerCase()));
    return fromName;
  }
  const stem = argName.replace(/Ids?$/, '');
  const pascal = stem.charAt(0).toUpperCase() + stem.slice(1);
  return Object.keys(TABLES)
    .filter((t) => pascal.endsWith(t))
    .sort((a, b) => b.length - a.length)[0];
}

// ---------------------------------------------------------------- arbitraries from argument types

/** Huge texts only as arguments of their own (inside lists they would multiply into bodies of many megabytes). */
const HUGE = new Set(['x'.repeat(100_001), HUGE_1MB]);
const SMALL_NASTY = NASTY_STRINGS.filter((s) => !HUGE.has(s));

function stringArbitrary(name: string, depth: number): fc.Arbitrary<unknown> {
  const plausible = PLAUSIBLE.filter(([re]) => re.test(name)).flatMap(([, values]) => values);
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...SMALL_NASTY) },
    { weight: depth === 0 ? 1 : 0, arbitrary: fc.constantFrom(...HUGE) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 2, arbitrary: fc.constantFrom('Fuzz value', 'Fuzz-Wert äöü', ...plausible) },
    { weight: 1, arbitrary: fc.string({ maxLength: 20 }).map((s) => `Fuzz ${s}`) },
  );
}

function scalarArbitrary(type: string, name: string, mutation: GraphQLField<unknown, unknown>, depth: number): fc.Arbitrary<unknown> {
  switch (type) {
    case 'String':
      return stringArbitrary(name, depth);
    case 'ID': {
      const table = referencedType(mutation, name);
      const ids = table ? (pools.get(table) ?? []) : [];
      return fc.oneof(
        { weight: ids.length ? 4 : 0, arbitrary: ids.length ? fc.constantFrom(...ids) : fc.constant('') },
        { weight: 1, arbitrary: fc.uuid() },
        { weight: 1, arbitrary: fc.constantFrom('', 'not-a-uuid', "1' OR '1'='1", '00000000-0000-0000-0000-000000000000', '\u0000', 42) },
      );
    }
    case 'Int':
      if (name === 'version') return fc.oneof({ weight: 4, arbitrary: fc.constant(CURRENT_VERSION) }, { weight: 1, arbitrary: fc.constantFrom(...NUMBERS) });
      return fc.oneof(fc.constantFrom(...NUMBERS), fc.integer({ min: -1000, max: 3000 }));
    case 'Float':
      return fc.oneof(fc.constantFrom(...NUMBERS, 3.14, -100.5, 100.0001), fc.double({ noNaN: true, noDefaultInfinity: true }));
    case 'Boolean':
      return fc.oneof(fc.boolean(), fc.constantFrom('true', 0, 1));
    case 'LocalDate':
      return fc.oneof(fc.constantFrom(...DATES), fc.date({ min: new Date('1900-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)));
    case 'DateTime':
      return fc.oneof(fc.constantFrom(...DATE_TIMES), fc.date({ min: new Date('1990-01-01'), max: new Date('2035-01-01'), noInvalidDate: true }).map((d) => d.toISOString()));
    case 'Cents':
      return fc.constantFrom('0', '123456', '-1', '1.5', 'abc', '99999999999999999999', 100, -5, 1.25);
    default:
      throw new Error(`no arbitrary for scalar ${type} (argument ${name} of ${mutation.name}): add one to tests/api/fuzz-mutations.test.ts`);
  }
}

/** A value for an input type: mostly of the right shape (with nasty contents), sometimes of a wrong type or missing. */
function inputArbitrary(type: GraphQLInputType, name: string, mutation: GraphQLField<unknown, unknown>, depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return fc.oneof({ weight: 12, arbitrary: inputArbitrary(type.ofType, name, mutation, depth) }, { weight: 1, arbitrary: fc.constant(null) });
  let right: fc.Arbitrary<unknown>;
  if (isListType(type)) {
    const item = inputArbitrary(type.ofType, name, mutation, depth + 1);
    // a long list (300) only at the top; its items small
    const long = depth === 0 ? fc.array(inputArbitrary(type.ofType, name, mutation, depth + 2), { minLength: 300, maxLength: 300 }) : fc.constant([]);
    right = fc.oneof({ weight: 6, arbitrary: fc.array(item, { maxLength: 4 }) }, { weight: depth === 0 ? 1 : 0, arbitrary: long });
  } else if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    if (depth > 3) right = fc.constant({});
    else right = fc.record(Object.fromEntries(fields.map((f) => [f.name, inputArbitrary(f.type, f.name, mutation, depth + 1)])), { requiredKeys: fields.filter((f) => isNonNullType(f.type)).map((f) => f.name) });
  } else if (isEnumType(type)) {
    right = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...type.getValues().map((v) => v.value as string)) }, { weight: 1, arbitrary: fc.constantFrom('NOPE', 'live', '', '<script>') });
  } else if (isScalarType(type)) {
    right = scalarArbitrary(type.name, name, mutation, depth);
  } else {
    throw new Error(`no arbitrary for ${String(type)} (argument ${name} of ${mutation.name})`);
  }
  return fc.oneof({ weight: 8, arbitrary: right }, { weight: 1, arbitrary: WRONG });
}

/** Arguments of a mutation: required ones mostly present, optional ones often left out. */
function argumentsArbitrary(mutation: GraphQLField<unknown, unknown>): fc.Arbitrary<Record<string, unknown>> {
  const args = mutation.args;
  const model = Object.fromEntries(args.map((a: GraphQLArgument) => [a.name, inputArbitrary(a.type, a.name, mutation)]));
  const required = args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined).map((a) => a.name);
  return fc.record(model, { requiredKeys: required }).chain((values) =>
    // now and then leave out a required argument too
    fc.oneof({ weight: 15, arbitrary: fc.constant(values) }, { weight: 1, arbitrary: fc.constant(Object.fromEntries(Object.entries(values).slice(1))) }),
  );
}

/** The scalar fields of the result, so that the stored values are read back through GraphQL as well. */
function selectionOf(mutation: GraphQLField<unknown, unknown>): string {
  const named = getNamedType(mutation.type);
  if (!isObjectType(named)) return '';
  const scalars = Object.values(named.getFields())
    .filter((f) => !isObjectType(getNamedType(f.type)) && f.args.every((a) => !isNonNullType(a.type) || a.defaultValue !== undefined))
    .map((f) => f.name);
  return `{ __typename ${scalars.join(' ')} }`;
}

function documentOf(mutation: GraphQLField<unknown, unknown>): string {
  const defs = mutation.args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const args = mutation.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  return `mutation Fuzz${defs ? `(${defs})` : ''} { result: ${mutation.name}${args ? `(${args})` : ''} ${selectionOf(mutation)} }`;
}

// ---------------------------------------------------------------- the app and its fingerprint

let t: TestApp;
let fingerprintSql = '';
let signOutToken = '';
let lastFingerprint = '';

let fingerprintMs = 0;
async function fingerprint(): Promise<string> {
  const started = Date.now();
  const rows: Array<{ t: string; n: string; h: string }> = await t.dataSource.query(fingerprintSql);
  fingerprintMs += Date.now() - started;
  return rows.map((r) => `${r.t}:${r.n}:${r.h}`).join('|');
}

async function refreshPools(): Promise<void> {
  for (const [type, table] of Object.entries(TABLES)) {
    // never the acting administrator: a fuzzed updateUser/deleteUser/setUserPassword on it would end the fuzzing session
    const rows: Array<{ id: string }> = await t.dataSource.query(
      table === 'app_user' ? `SELECT id FROM app_user WHERE email NOT IN ('admin@test.invalid') ORDER BY id LIMIT 12` : `SELECT id FROM ${table} ORDER BY id LIMIT 12`,
    );
    pools.set(type, rows.map((r) => r.id));
  }
}

beforeAll(async () => {
  t = await startTestApp();
  const tables: Array<{ table_name: string }> = await t.dataSource.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  fingerprintSql = [
    ...tables
      .map((r) => r.table_name)
      .filter((name) => !NOT_FINGERPRINTED.has(name))
      // every insert or update makes a row version with a newer xmin; a delete lowers the count
      .map((name) => `SELECT '${name}' AS t, count(*)::text AS n, coalesce(max(xmin::text::bigint), 0)::text AS h FROM "${name}"`),
    `SELECT 'audit_event' AS t, count(*)::text AS n, '' AS h FROM audit_event WHERE entity_id IS NOT NULL`,
  ].join(' UNION ALL ');
  await refreshPools();
  // signOut gets a session of its own, so that it does not end the session the fuzzing runs in
  const res = await t.anonymous.gql(`mutation { signIn(email: "admin@test.invalid", password: "Test-Passwort-2026") { token } }`);
  signOutToken = res.data!.signIn.token;
});
afterAll(async () => t?.close());

interface Call {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: { code?: string; issues?: Array<{ field?: string }> } }> };
}

async function call(document: string, variables: Record<string, unknown>, token: string): Promise<Call> {
  const res = await t
    .http()
    .post('/graphql')
    .set('content-type', 'application/json')
    .set('authorization', `Bearer ${token}`)
    .timeout(ANSWER_BOUND_MS)
    .send(JSON.stringify({ query: document, variables }));
  let body: Call['body'];
  try {
    body = JSON.parse(res.text);
  } catch {
    throw new Error(`answer ${res.status} is not JSON: ${res.text.slice(0, 300)}`);
  }
  return { status: res.status, body };
}

/** The value to send: CURRENT_VERSION becomes the version of the record `id` names (if there is one). */
async function resolveMarkers(mutation: GraphQLField<unknown, unknown>, values: Record<string, unknown>): Promise<Record<string, unknown>> {
  if (values.version !== CURRENT_VERSION) return values;
  const type = referencedType(mutation, 'id');
  let version: unknown = 1;
  if (type && typeof values.id === 'string' && /^[0-9a-f-]{36}$/i.test(values.id)) {
    const rows: Array<{ version: number }> = await t.dataSource.query(`SELECT version FROM ${TABLES[type]} WHERE id = $1`, [values.id]).catch(() => []);
    version = rows[0]?.version ?? 1;
  }
  return { ...values, version };
}

/** Shortened for failure messages (1 MB strings). */
const short = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === 'string' && x.length > 80 ? `${x.slice(0, 40)}…(${x.length} chars)` : x));

const tally = { calls: 0, writes: 0, refused: 0, byCode: {} as Record<string, number> };

describe('fuzzing every mutation', () => {
  it('the fuzzed mutations are exactly those the live API offers (introspection)', async () => {
    const live = await t.gql<{ __schema: { mutationType: { name: string }; types: Array<{ name: string; fields: Array<{ name: string }> | null }> } }>(getIntrospectionQuery());
    const mutationType = live.data!.__schema.types.find((type) => type.name === live.data!.__schema.mutationType.name)!;
    const names = mutationType.fields!.map((f) => f.name).sort();
    expect(names).toEqual(mutationFields.map((m) => m.name).sort());
    expect(names.length).toBeGreaterThan(50);
  });

  it.each(mutationFields.map((m) => [m.name, m] as const))('%s: a coded error naming the field, or a valid write; never a 500; a refusal changes nothing', async (_name, mutation) => {
    const document = documentOf(mutation);
    const arbitrary = argumentsArbitrary(mutation);
    // the token first: signing in writes (the session, last sign-in, a security event)
    const token = mutation.name === 'signOut' ? signOutToken : await t.tokenOf('ADMIN');
    await refreshPools();
    lastFingerprint = await fingerprint();
    const runs = mutation.args.length === 0 ? 1 : RUNS;
    await fc.assert(
      fc.asyncProperty(arbitrary, async (generated) => {
        const variables = await resolveMarkers(mutation, generated);
        if (process.env.FUZZ_DUMP) fs.writeFileSync(`${process.env.FUZZ_DUMP}/${mutation.name}.json`, JSON.stringify({ query: document, variables }));
        const { status, body } = await call(document, variables, token);
        tally.calls++;
        const context = `${mutation.name}(${short(variables)}) → ${status} ${short(body)}`;
        if (status >= 500) throw new Error(`5xx: ${context}`);
        const after = await fingerprint();
        if (!body.errors?.length) {
          if (body.data?.result === undefined) throw new Error(`neither data nor errors: ${context}`);
          tally.writes++;
          lastFingerprint = after;
          return;
        }
        tally.refused++;
        for (const e of body.errors) {
          const code = e.extensions?.code ?? '(none)';
          tally.byCode[code] = (tally.byCode[code] ?? 0) + 1;
          if (!EXPECTED_CODES.has(code)) throw new Error(`error code ${code}: ${short(e)} in ${context}`);
          if (typeof e.message !== 'string' || !e.message.trim()) throw new Error(`error without a message: ${short(e)} in ${context}`);
          if (code === 'VALIDATION') {
            const fields = (e.extensions?.issues ?? []).map((i) => i.field);
            if (!fields.length || fields.some((f) => typeof f !== 'string' || !f)) throw new Error(`VALIDATION without the field named: ${JSON.stringify(e)} in ${context}`);
          }
        }
        if (body.data?.result) throw new Error(`errors next to a result: ${context}`);
        if (after !== lastFingerprint) {
          const before = new Map(lastFingerprint.split('|').map((p) => [p.split(':')[0], p] as const));
          const changed = after.split('|').filter((p) => before.get(p.split(':')[0]) !== p);
          throw new Error(`a refused call changed ${changed.map((p) => p.split(':')[0]).join(', ')}: ${context}`);
        }
      }),
      { numRuns: runs, seed: SEED, endOnFailure: true },
    );
  });

  it('found by the fuzzing: a NUL character is VALIDATION naming the argument (PostgreSQL would fail the write), nothing written', async () => {
    const [a] = await t.dataSource.query(`SELECT id, version, notes FROM authority ORDER BY id LIMIT 1`);
    const before = await fingerprint();
    const res = await t.gql(`mutation($id: ID!, $v: Int!, $n: String) { updateAuthority(id: $id, version: $v, notes: $n) { id } }`, { id: a.id, v: a.version, n: 'vor\u0000nach' });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION', issues: [{ field: 'notes', code: 'NUL_CHARACTER' }] });
    const nested = await t.gql(`mutation($k: [StateValueInput!]) { createCostKey(name: "Fuzz", kind: KOENIGSTEINER, year: 2026, factors: $k) { id } }`, { k: [{ stateCode: 'B\u0000B', value: 1 }] });
    expect(nested.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION', issues: [{ field: 'factors.0.stateCode', code: 'NUL_CHARACTER' }] });
    expect(await fingerprint()).toBe(before);
  });

  it('found by the fuzzing: a text over 100,000 characters in an argument without a limit of its own is TOO_LONG; more than 50 bad variables name `variables`', async () => {
    const res = await t.gql(`query($q: String) { allAuthorities(filter: { q: $q }) { id } }`, { q: 'x'.repeat(100_001) });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION', issues: [{ field: 'filter.q', code: 'TOO_LONG', params: { max: 100_000 } }] });
    const many = await t.gql(`mutation($ids: [ID!]!) { advanceOnboardings(ids: $ids) { id } }`, { ids: Array.from({ length: 60 }, () => null) });
    const codes = many.errors!.map((e) => e.extensions?.code);
    expect(new Set(codes)).toEqual(new Set(['VALIDATION']));
    expect(many.errors!.every((e) => (e.extensions?.issues ?? []).length > 0)).toBe(true);
    expect(many.errors!.at(-1)!.extensions!.issues![0].field).toBe('variables');
  });

  afterAll(() => {
    console.log(`[fuzz] ${tally.calls} calls over ${mutationFields.length} mutations (seed ${SEED}, ${RUNS} runs each): ${tally.writes} valid writes, ${tally.refused} refused; error codes ${JSON.stringify(tally.byCode)}; fingerprints took ${fingerprintMs} ms`);
  });
});

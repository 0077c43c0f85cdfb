/**
 * The access matrix, generated from the schema: every query and mutation ×
 * every role (and not signed in), each sent with a syntactically valid
 * operation built from the schema (required arguments with dummy values).
 * What is checked is who gets past the access layer, not what the
 * operation does with dummy data: not signed in → UNAUTHENTICATED (except
 * public operations), a role without the right → FORBIDDEN by the
 * operation-level check, a role with the right → anything else (mostly
 * NOT_FOUND or VALIDATION), never INTERNAL.
 *
 * Also: every operation of the schema has a rule in OPERATION_ACCESS and
 * every rule an operation, and docs/ACCESS.md holds the tables generated
 * from libs/domain's access rules (scripts/access-matrix.mjs).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  parse,
  validate,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { INTERNAL_FIELDS, INTERNAL_TYPES, OPERATION_ACCESS, ROLES, RULE_ROLES, type Role } from '@efa/domain';
import { renderGenerated } from '../../scripts/access-matrix.mjs';
import { TEST_PASSWORD, TEST_USERS, startTestApp, type GqlResult, type TestApp, type TestUserKey } from '../support/test-app.js';

/** The committed schema (tests/api/schema.test.ts checks that it is what the code generates). */
const schema: GraphQLSchema = buildSchema(fs.readFileSync('apps/api/schema.graphql', 'utf8'));

type Kind = 'query' | 'mutation';
interface Operation {
  kind: Kind;
  name: string;
  field: GraphQLField<unknown, unknown>;
}
const operations: Operation[] = [
  ...Object.values(schema.getQueryType()!.getFields()).map((field) => ({ kind: 'query' as const, name: field.name, field })),
  ...Object.values(schema.getMutationType()?.getFields() ?? {}).map((field) => ({ kind: 'mutation' as const, name: field.name, field })),
].sort((a, b) => a.name.localeCompare(b.name));

/** A GraphQL literal of a dummy value of this input type. */
function dummyLiteral(type: GraphQLInputType): string {
  if (isNonNullType(type)) return dummyLiteral(type.ofType);
  if (isListType(type)) return `[${dummyLiteral(type.ofType)}]`;
  if (isEnumType(type)) return type.getValues()[0].name;
  if (isInputObjectType(type)) {
    const required = Object.values(type.getFields()).filter((f) => isNonNullType(f.type) && f.defaultValue === undefined);
    return `{ ${required.map((f) => `${f.name}: ${dummyLiteral(f.type)}`).join(', ')} }`;
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'ID':
        return JSON.stringify(randomUUID());
      case 'String':
        return '"x"';
      case 'Int':
      case 'Float':
        return '1';
      case 'Boolean':
        return 'true';
      case 'LocalDate':
        return '"2024-01-01"';
      case 'Cents':
        return '"100"';
      case 'DateTime':
        return JSON.stringify(new Date('2024-01-01T12:00:00Z').toISOString());
      default:
        return '"x"';
    }
  }
  throw new Error(`no dummy value for ${String(type)}`);
}

const isRequired = (a: GraphQLArgument) => isNonNullType(a.type) && a.defaultValue === undefined;

/** An operation calling `op` with its required arguments; `{ __typename }` for object results. */
function operationText(op: Operation): string {
  const args = op.field.args.filter(isRequired).map((a) => `${a.name}: ${dummyLiteral(a.type)}`);
  const result = getNamedType(op.field.type);
  const selection = isScalarType(result) || isEnumType(result) ? '' : ' { __typename }';
  return `${op.kind} { ${op.name}${args.length ? `(${args.join(', ')})` : ''}${selection} }`;
}

type Caller = TestUserKey | 'anonymous';
const CALLERS: Caller[] = ['anonymous', ...(Object.keys(TEST_USERS) as TestUserKey[])];

const OBJECT_LEVEL_REFUSAL = /belongs to another state; a state coordinator changes only records of their own state|^A state coordinator may change only /;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

/** A session of its own, for operations that end the session they run in (signOut). */
async function freshToken(user: TestUserKey): Promise<string> {
  const r: GqlResult = await t.anonymous.gql(`mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }`, { e: TEST_USERS[user].email, p: TEST_PASSWORD });
  if (!r.data?.signIn) throw new Error(`sign-in as ${user} failed: ${JSON.stringify(r.errors)}`);
  return r.data.signIn.token;
}

async function send(caller: Caller, op: Operation, text: string): Promise<GqlResult> {
  if (caller === 'anonymous') return t.anonymous.gql(text);
  if (op.name !== 'signOut') return t.as(caller).gql(text);
  const res = await t.http().post('/graphql').set('content-type', 'application/json').set('authorization', `Bearer ${await freshToken(caller)}`).send({ query: text });
  return res.body;
}

const describeErrors = (r: GqlResult) => JSON.stringify(r.errors?.map((e) => ({ code: e.extensions?.code, message: e.message })) ?? 'no errors');

describe('every operation has a rule', () => {
  it('every query and mutation of the schema has an entry in OPERATION_ACCESS, and every entry is an operation', () => {
    const inSchema = operations.map((o) => o.name).sort();
    const inTable = Object.keys(OPERATION_ACCESS).sort();
    expect(inSchema.filter((name) => !inTable.includes(name))).toEqual([]);
    expect(inTable.filter((name) => !inSchema.includes(name))).toEqual([]);
  });

  it('every rule names roles that exist', () => {
    for (const rule of new Set(Object.values(OPERATION_ACCESS))) {
      expect(RULE_ROLES[rule]).toBeDefined();
      for (const role of RULE_ROLES[rule]) expect(ROLES).toContain(role);
    }
  });

  it('the running app serves the operations of the committed schema', async () => {
    const r = await t.gql(`{ __schema { queryType { fields { name } } mutationType { fields { name } } } }`);
    expect(r.errors).toBeUndefined();
    const served = [...r.data!.__schema.queryType.fields, ...r.data!.__schema.mutationType.fields].map((f: { name: string }) => f.name).sort();
    expect(served).toEqual(operations.map((o) => o.name).sort());
  });
});

describe.each(operations.map((op) => [op.name, op] as const))('%s', (name, op) => {
  const text = operationText(op);
  const rule = OPERATION_ACCESS[name];

  it('the generated operation is valid against the schema', () => {
    expect(validate(schema, parse(text)).map((e) => e.message)).toEqual([]);
  });

  it.each(CALLERS)('as %s', async (caller) => {
    const r = await send(caller, op, text);
    const errors = r.errors ?? [];
    const codes = errors.map((e) => e.extensions?.code);
    const context = `${text}\n→ ${describeErrors(r)}`;
    expect({ context, internal: codes.includes('INTERNAL') }).toEqual({ context, internal: false });

    if (rule === 'public') {
      // Anyone gets past the access layer: what comes back is the operation's own answer (wrong dummy credentials).
      expect({ context, guard: errors.some((e) => e.message === 'Please sign in' || (e.extensions?.code === 'FORBIDDEN')) }).toEqual({ context, guard: false });
      return;
    }
    if (caller === 'anonymous') {
      expect({ context, codes }).toEqual({ context, codes: ['UNAUTHENTICATED'] });
      return;
    }
    const role = TEST_USERS[caller].role as Role;
    if (!rule || !RULE_ROLES[rule].includes(role)) {
      expect({ context, codes }).toEqual({ context, codes: ['FORBIDDEN'] });
      expect(errors[0].message).toBe(`Your role (${role}) may not use ${name}`);
      return;
    }
    // Allowed: past the operation-level check. A coordinator may still be refused by the object-level check ('state' rule only).
    const accessRefusals = errors.filter((e) => {
      const code = e.extensions?.code;
      if (code === 'UNAUTHENTICATED') return true;
      if (code !== 'FORBIDDEN') return false;
      return !(rule === 'state' && role === 'STATE_COORDINATOR' && OBJECT_LEVEL_REFUSAL.test(e.message));
    });
    expect({ context, accessRefusals }).toEqual({ context, accessRefusals: [] });
  });
});

describe('docs/ACCESS.md', () => {
  it('contains the role matrix and the internal data generated from libs/domain (run `npm run docs:access` after changing the rules)', () => {
    const doc = fs.readFileSync('docs/ACCESS.md', 'utf8');
    const [matrix, internal] = renderGenerated({ OPERATION_ACCESS, RULE_ROLES, ROLES, INTERNAL_FIELDS, INTERNAL_TYPES });
    for (const op of Object.keys(OPERATION_ACCESS)) expect(matrix).toContain(`\`${op}\``);
    expect(doc).toContain(matrix);
    expect(doc).toContain(internal);
  });
});

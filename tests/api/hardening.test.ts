import fs from 'node:fs';
import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import {
  Kind,
  Lexer,
  Source,
  TokenKind,
  buildSchema,
  getIntrospectionQuery,
  getNamedType,
  isNonNullType,
  isObjectType,
  parse,
  print,
  specifiedRules,
  validate,
  visit,
  type GraphQLObjectType,
  type SelectionSetNode,
} from 'graphql';
import { BODY_LIMIT, GRAPHQL_LIMITS, graphqlLimitRules } from '../../apps/api/src/common/hardening.js';
import { firstError, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

/** A POST of a GraphQL body through the real app, answering status, headers and the raw text. */
async function post(body: unknown, options: { user?: 'ADMIN'; contentType?: string } = {}) {
  const req = t
    .http()
    .post('/graphql')
    .set('content-type', options.contentType ?? 'application/json');
  if (options.user) req.set('authorization', `Bearer ${await t.tokenOf(options.user)}`);
  return req.send(typeof body === 'string' ? body : JSON.stringify(body));
}

/** Stack frames, SQL or driver internals that must never reach a client. */
const LEAKS = [/\bat .*\.(ts|js):\d+/, /node_modules/, /\bSELECT\b/i, /\bINSERT\b/i, /\bUPDATE\s+"?\w+"?\s+SET\b/i, /QueryFailedError/, /stacktrace/i, /\/work\//];
function expectNoLeak(text: string) {
  for (const pattern of LEAKS) expect(text).not.toMatch(pattern);
}

/** `{ __typename ... on Query { ... on Query { ... } } }` nested n levels deep: valid GraphQL of any depth. */
function nested(levels: number, inner = '__typename'): string {
  let q = inner;
  for (let i = 0; i < levels; i++) q = `... on Query { ${q} }`;
  return `{ __typename ${q} }`;
}

/** The number of lexical tokens of a query text, as graphql-js's parser counts them for maxTokens. */
function tokens(query: string): number {
  const lexer = new Lexer(new Source(query));
  let n = 0;
  while (lexer.advance().kind !== TokenKind.EOF) n++;
  return n;
}

/** Adds `__typename` to every selection set below the root, as Apollo Client (the console's transport) does. */
function withTypename(query: string): string {
  return print(
    visit(parse(query), {
      SelectionSet: {
        leave(node: SelectionSetNode, _key, parent) {
          if (parent && !Array.isArray(parent) && (parent as { kind?: string }).kind === Kind.OPERATION_DEFINITION) return undefined;
          if (node.selections.some((s) => s.kind === Kind.FIELD && s.name.value === '__typename')) return undefined;
          return { ...node, selections: [...node.selections, { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } }] };
        },
      },
    }),
  );
}

describe('query limits', () => {
  const limited = async (query: string, limit: keyof typeof GRAPHQL_LIMITS, name: RegExp) => {
    const res = await post({ query }, { user: 'ADMIN' });
    expect(res.status).toBe(400);
    expect(firstError(res.body).code).toBe('LIMIT_EXCEEDED');
    const e = res.body.errors[0];
    expect(e.message).toMatch(name);
    expect(e.message).toContain(`limit of ${GRAPHQL_LIMITS[limit]}`);
    expect(e.extensions).toMatchObject({ limit, max: GRAPHQL_LIMITS[limit] });
    expect(res.body.data).toBeUndefined();
    expectNoLeak(res.text);
    return e;
  };

  it(`depth: ${GRAPHQL_LIMITS.maxDepth} levels pass, one more is refused with LIMIT_EXCEEDED naming the limit`, async () => {
    const atLimit = await t.gql(nested(GRAPHQL_LIMITS.maxDepth - 1));
    expect(atLimit.errors).toBeUndefined();
    const e = await limited(nested(GRAPHQL_LIMITS.maxDepth), 'maxDepth', /depth limit/);
    expect(e.extensions.found).toBe(GRAPHQL_LIMITS.maxDepth + 1);
  });

  it('depth counts real fields: the cycle onboarding → milestones → onboarding cannot be followed without end', async () => {
    const cycle = (pairs: number) => {
      let selection = 'id';
      for (let i = 0; i < pairs; i++) selection = `milestones { onboarding { ${selection} } }`;
      return `{ allOnboardings(perPage: 1) { ${selection} } }`;
    };
    const shallow = GRAPHQL_LIMITS.maxDepth % 2 === 0 ? (GRAPHQL_LIMITS.maxDepth - 2) / 2 : (GRAPHQL_LIMITS.maxDepth - 1) / 2;
    expect((await t.gql(cycle(shallow))).errors).toBeUndefined();
    await limited(cycle(Math.ceil(GRAPHQL_LIMITS.maxDepth / 2)), 'maxDepth', /depth limit/);
  });

  it(`cost: a wide and deep query over ${GRAPHQL_LIMITS.maxCost} is refused, before anything runs`, async () => {
    const wide = Array.from({ length: 400 }, () => '__typename').join(' ');
    const e = await limited(nested(GRAPHQL_LIMITS.maxDepth - 2, wide), 'maxCost', /cost limit/);
    expect(e.extensions.found).toBeGreaterThan(GRAPHQL_LIMITS.maxCost);
  });

  it(`aliases: ${GRAPHQL_LIMITS.maxAliases} pass, one more is refused`, async () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `s${i}: allStates(perPage: 1) { id }`).join(' ')} }`;
    const atLimit = await t.gql(aliases(GRAPHQL_LIMITS.maxAliases));
    expect(atLimit.errors).toBeUndefined();
    expect(Object.keys(atLimit.data!)).toHaveLength(GRAPHQL_LIMITS.maxAliases);
    const e = await limited(aliases(GRAPHQL_LIMITS.maxAliases + 1), 'maxAliases', /number of aliases limit/);
    expect(e.extensions.found).toBe(GRAPHQL_LIMITS.maxAliases + 1);
  });

  it(`directives: ${GRAPHQL_LIMITS.maxDirectives} pass, one more is refused`, async () => {
    const directives = (n: number) => `{ ${Array.from({ length: n }, () => '__typename @include(if: true)').join(' ')} }`;
    expect((await t.gql(directives(GRAPHQL_LIMITS.maxDirectives))).errors).toBeUndefined();
    await limited(directives(GRAPHQL_LIMITS.maxDirectives + 1), 'maxDirectives', /number of directives limit/);
  });

  it(`tokens: a query text over ${GRAPHQL_LIMITS.maxTokens} tokens is refused before it is parsed in full`, async () => {
    const ids = (n: number) => `{ allStates(perPage: 1, filter: { ids: [${Array.from({ length: n }, (_, i) => `"${i}"`).join(' ')}] }) { id } }`;
    const others = tokens(ids(0));
    expect(tokens(ids(GRAPHQL_LIMITS.maxTokens - others))).toBe(GRAPHQL_LIMITS.maxTokens);
    expect((await t.gql(ids(GRAPHQL_LIMITS.maxTokens - others))).errors).toBeUndefined();
    await limited(ids(GRAPHQL_LIMITS.maxTokens - others + 1), 'maxTokens', /number of tokens limit/);
  });

  it('limits apply to anonymous requests too (checked before sign-in matters)', async () => {
    const res = await post({ query: nested(GRAPHQL_LIMITS.maxDepth + 3) });
    expect(res.status).toBe(400);
    expect(firstError(res.body).code).toBe('LIMIT_EXCEEDED');
  });

  describe('the console and our own queries stay well under the limits', () => {
    const schema = buildSchema(fs.readFileSync('apps/api/schema.graphql', 'utf8'));
    const queryFields = schema.getQueryType()!.getFields();
    /** ra-data-graphql-simple's resources: types with a `X(id)` query. */
    const resources = Object.values(schema.getTypeMap()).filter((type): type is GraphQLObjectType => isObjectType(type) && !type.name.startsWith('__') && queryFields[type.name] !== undefined);
    const check = (query: string) => validate(schema, parse(query, { maxTokens: GRAPHQL_LIMITS.maxTokens }), [...specifiedRules, ...graphqlLimitRules()]).map((e) => e.message);

    /** ra-data-graphql-simple's buildFields: scalars, linked resources as `{ id }`, other object types expanded (no cycles). */
    function fieldsOf(type: GraphQLObjectType, path: string[]): string {
      const out: string[] = [];
      for (const field of Object.values(type.getFields())) {
        if (field.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue; // the console cannot fill required arguments
        const named = getNamedType(field.type);
        if (named.name.startsWith('_')) continue;
        if (!isObjectType(named)) out.push(field.name);
        else if (resources.includes(named)) out.push(`${field.name} { id }`);
        else if (!path.includes(named.name)) out.push(`${field.name} { ${fieldsOf(named, [...path, named.name])} }`);
      }
      return out.join(' ');
    }
    const varsOf = (name: string) => queryFields[name].args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
    const argsOf = (name: string) => queryFields[name].args.map((a) => `${a.name}: $${a.name}`).join(', ');

    it.each(resources.map((r) => [r.name, r] as const))('%s: the console list (items + total) and record queries pass every limit', (_name, resource) => {
      const list = Object.keys(queryFields).find((f) => f.startsWith('all') && getNamedType(queryFields[f].type) === resource);
      const fields = fieldsOf(resource, []);
      const one = withTypename(`query ${resource.name}($id: ID!) { data: ${resource.name}(id: $id) { ${fields} } }`);
      expect(check(one)).toEqual([]);
      if (list) {
        const meta = `_${list}Meta`;
        const listQuery = withTypename(`query ${list}(${varsOf(list)}) { items: ${list}(${argsOf(list)}) { ${fields} } total: ${meta}(${argsOf(meta)}) { count } }`);
        expect(check(listQuery)).toEqual([]);
      }
    });

    it('the console introspection query passes (as sent by Apollo Client, with __typename)', () => {
      expect(check(withTypename(getIntrospectionQuery()))).toEqual([]);
      expect(check(withTypename(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true, directiveIsRepeatable: true, specifiedByUrl: true })))).toEqual([]);
    });
  });
});

describe('request shape', () => {
  it('a batched request (JSON array of operations) is refused with a clear error', async () => {
    const res = await post([{ query: '{ __typename }' }, { query: '{ __typename }' }], { user: 'ADMIN' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toMatch(/batching disabled/i);
    expect(res.body.data).toBeUndefined();
  });

  it(`a body over ${BODY_LIMIT} gets 413 with a JSON error naming the limit, not a crash`, async () => {
    const res = await post({ query: '{ __typename }', variables: { filler: 'x'.repeat(300 * 1024) } }, { user: 'ADMIN' });
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body.errors[0]).toMatchObject({ extensions: { code: 'LIMIT_EXCEEDED', limit: 'body', max: BODY_LIMIT } });
    expect(res.body.errors[0].message).toContain(`limit of ${BODY_LIMIT}`);
    expectNoLeak(res.text);
    // The server is fine afterwards, and a large body under the limit is accepted.
    const under = await post({ query: '{ __typename }', variables: { filler: 'x'.repeat(150 * 1024) } }, { user: 'ADMIN' });
    expect(under.status).toBe(200);
    expect(under.body.data).toEqual({ __typename: 'Query' });
  });

  it('malformed JSON gets 400 with a JSON error, no stack trace', async () => {
    const res = await post('{"query": "{ __typename }", ', { user: 'ADMIN' });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body.errors[0]).toMatchObject({ message: 'The request body is not valid JSON', extensions: { code: 'VALIDATION' } });
    expectNoLeak(res.text);
  });
});

describe('introspection', () => {
  it.each([
    ['__schema', '{ __schema { types { name } } }'],
    ['__type', '{ __type(name: "User") { name fields { name } } }'],
    ['__type in a fragment', 'query { ...F } fragment F on Query { __type(name: "Query") { name } }'],
    ['__schema next to a public field', '{ __typename __schema { queryType { name } } }'],
  ])('anonymous %s is refused with UNAUTHENTICATED', async (_label, query) => {
    const res = await post({ query });
    expect(res.status).toBe(401);
    expect(firstError(res.body)).toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringMatching(/sign in/i) });
    expect(res.body.data).toBeUndefined();
    expect(res.text).not.toMatch(/"User"|"fields"/);
  });

  it('anonymous __typename alone stays allowed', async () => {
    expect(await t.anonymous.gql('{ __typename }')).toEqual({ data: { __typename: 'Query' } });
  });

  it('signed in (any role), the full introspection query works', async () => {
    for (const client of [t, t.as('STEERING_MEMBER')]) {
      const r = await client.gql(getIntrospectionQuery());
      expect(r.errors).toBeUndefined();
      expect(r.data!.__schema.types.map((ty: { name: string }) => ty.name)).toEqual(expect.arrayContaining(['Authority', 'Query', 'Mutation']));
    }
    expect((await t.as('STEERING_MEMBER').gql('{ __type(name: "Authority") { name } }')).data).toEqual({ __type: { name: 'Authority' } });
  });

  it('anonymous requests get no field suggestions (they would spell out the schema); signed in they do', async () => {
    const anonymous = await t.anonymous.gql('{ allAuthoritie { id } }');
    expect(firstError(anonymous).code).toBe('VALIDATION');
    expect(anonymous.errors![0].message).not.toMatch(/Did you mean|allAuthorities/);
    const signedIn = await t.gql('{ allAuthoritie { id } }');
    expect(signedIn.errors![0].message).toMatch(/Did you mean "allAuthorities"/);
  });
});

describe('HTTP headers, CORS and CSRF', () => {
  const directives = (csp: string) => Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values.join(' ')]));

  it('every response carries the security headers, with a CSP the console works under', async () => {
    const responses = [
      await t.http().get('/health'),
      await post({ query: '{ __typename }' }),
      await t.http().get('/no-such-page'),
      await post('{', { user: 'ADMIN' }),
    ];
    for (const res of responses) {
      const h = res.headers;
      expect(directives(h['content-security-policy'])).toMatchObject({
        'default-src': "'self'",
        'script-src': "'self'",
        'style-src': "'self' 'unsafe-inline'",
        'img-src': "'self' data:",
        'connect-src': "'self'",
        'frame-ancestors': "'none'",
        'object-src': "'none'",
      });
      expect(h['x-frame-options']).toBe('DENY');
      expect(h['x-content-type-options']).toBe('nosniff');
      expect(h['referrer-policy']).toBe('no-referrer');
      expect(h['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(h['cross-origin-opener-policy']).toBe('same-origin');
      expect(h['x-powered-by']).toBeUndefined();
    }
  });

  it('CORS is closed: no Access-Control-Allow-Origin for a foreign origin, on requests or preflights', async () => {
    const simple = await t.http().post('/graphql').set('origin', 'https://evil.example').set('content-type', 'application/json').send({ query: '{ __typename }' });
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();
    expect(simple.headers['access-control-allow-credentials']).toBeUndefined();
    const preflight = await t.http().options('/graphql').set('origin', 'https://evil.example').set('access-control-request-method', 'POST').set('access-control-request-headers', 'content-type, authorization');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-headers']).toBeUndefined();
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])('CSRF: a form-like POST (%s) is refused before it runs', async (contentType) => {
    const res = await t
      .http()
      .post('/graphql')
      .set('content-type', contentType)
      .set('cookie', `efa_session=${await t.tokenOf('ADMIN')}`)
      .send(JSON.stringify({ query: 'mutation { signOut }' }));
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/Cross-Site Request Forgery/);
    expect(res.text).not.toMatch(/"data"/);
  });

  it('GET /graphql shows no landing page (GraphiQL would load scripts from a CDN) and leaks nothing', async () => {
    for (const accept of ['text/html', 'application/json', '*/*']) {
      const res = await t.http().get('/graphql').set('accept', accept);
      expect(res.status).toBe(400);
      expect(res.text).not.toMatch(/graphiql|unpkg|apollographql|<html|<script/i);
      expectNoLeak(res.text);
    }
  });
});

describe('no stack traces or SQL in errors', () => {
  it('an unknown path answers JSON without a stack trace', async () => {
    const res = await t.http().get('/no-such-page').set('accept', 'application/json');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expectNoLeak(res.text);
  });

  it('a database constraint violation becomes a VALIDATION error without SQL', async () => {
    const states = await t.gql(`{ allStates(perPage: 1, filter: { code: "BB" }) { id } }`);
    await t.dataSource.query(`ALTER TABLE authority ADD CONSTRAINT zz_hardening_probe CHECK (name <> 'zz-hardening-probe') NOT VALID`);
    try {
      const res = await post(
        {
          query: `mutation($s: ID!) { createAuthority(name: "zz-hardening-probe", kind: FOREIGNERS_AUTHORITY, level: MUNICIPALITY, stateId: $s, ars: "120609999001") { id } }`,
          variables: { s: states.data!.allStates[0].id },
        },
        { user: 'ADMIN' },
      );
      expect(firstError(res.body).code).toBe('VALIDATION');
      expectNoLeak(res.text);
    } finally {
      await t.dataSource.query(`ALTER TABLE authority DROP CONSTRAINT zz_hardening_probe`);
    }
  });

  it('an unexpected database error becomes INTERNAL with a plain message: no SQL, no stack, no table names', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    await t.dataSource.query(`ALTER TABLE specialist_system RENAME TO specialist_system_hidden`);
    try {
      const res = await post({ query: '{ allSpecialistSystems(perPage: 5) { id vendor } }' }, { user: 'ADMIN' });
      expect(firstError(res.body)).toMatchObject({ code: 'INTERNAL', message: 'Internal server error; the details were logged' });
      expectNoLeak(res.text);
      expect(res.text).not.toMatch(/specialist_system|relation|does not exist/);
      expect(logged).toHaveBeenCalled(); // the details went to the log instead
    } finally {
      await t.dataSource.query(`ALTER TABLE specialist_system_hidden RENAME TO specialist_system`);
      logged.mockRestore();
    }
    expect((await t.gql('{ allSpecialistSystems(perPage: 1) { id } }')).errors).toBeUndefined();
  });
});

import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createApp, type CreateAppOptions } from '../../apps/api/src/app.factory.js';
import { createDataSource, type QueryCounter } from '../../apps/api/src/database/data-source.js';
import { seedDatabase } from '../../apps/api/src/seed/seed.js';
import { createDatabase, dropDatabase } from './postgres.js';
import { TEST_PASSWORD, TEST_USERS, insertTestUsers, type TestUserKey } from './users.js';

export { TEST_PASSWORD, TEST_USERS, type TestUserKey };

export interface GqlResult<T = Record<string, any>> {
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string; issues?: Array<{ field: string; message: string; code?: string; params?: Record<string, unknown> }>; [k: string]: unknown } }>;
}

export interface TestDatabase {
  dataSource: DataSource;
  kind: 'postgres' | 'pglite';
  counter: QueryCounter;
  /** Connection string of this test file's own PostgreSQL database (undefined on PGlite). */
  url?: string;
  close(): Promise<void>;
}

let counter = 0;

/**
 * A fresh database of its own for one test file: on PostgreSQL a clone of the
 * run's migrated and seeded template; on the PGlite fallback an in-memory
 * database, migrated and seeded here. `empty` skips migrations and seed.
 */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  if (process.env.EFA_TEST_DB === 'postgres') {
    const name = `${process.env.EFA_TEST_RUN_ID}_${process.env.JEST_WORKER_ID ?? 0}_${++counter}_${Math.random().toString(36).slice(2, 8)}`;
    const url: string = await createDatabase(name, options.empty ? undefined : process.env.EFA_TEST_TEMPLATE);
    const db = await createDataSource({ url });
    await db.dataSource.initialize();
    return {
      ...db,
      url,
      close: async () => {
        if (db.dataSource.isInitialized) await db.dataSource.destroy();
        await dropDatabase(name);
      },
    };
  }
  const db = await createDataSource({ dataDir: 'memory://' });
  await db.dataSource.initialize();
  if (!options.empty) {
    await db.dataSource.runMigrations({ transaction: 'each' });
    await seedDatabase(db.dataSource);
    await insertTestUsers((sql, params) => db.dataSource.query(sql, params));
  }
  return {
    ...db,
    close: async () => {
      if (db.dataSource.isInitialized) await db.dataSource.destroy();
    },
  };
}

export interface GqlClient {
  /** Sends a GraphQL operation over HTTP through the real app. */
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GqlResult<T>>;
}

export interface TestApp extends TestDatabase, GqlClient {
  app: NestExpressApplication;
  http(): ReturnType<typeof request>;
  /** The same, signed in as the test account of a role (default for gql: ADMIN). */
  as(user: TestUserKey): GqlClient;
  /** The same, not signed in. */
  anonymous: GqlClient;
  /** A session token of a test account. */
  tokenOf(user: TestUserKey): Promise<string>;
  /** Closes the Nest application (its workers stop) and starts a new one on the same database: an API restart. */
  restart(options?: Partial<CreateAppOptions>): Promise<void>;
}

export async function startTestApp(options: Partial<CreateAppOptions> = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  let app = await createApp(db.dataSource, db.kind, { logger: ['error'], closeOnShutdown: false, ...options });
  let server = app.getHttpServer();
  const tokens = new Map<TestUserKey, Promise<string>>();
  const signIn = async (user: TestUserKey) => {
    const res = await request(server)
      .post('/graphql')
      .set('content-type', 'application/json')
      .send({ query: `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }`, variables: { e: TEST_USERS[user].email, p: TEST_PASSWORD } });
    if (!res.body.data?.signIn) throw new Error(`test sign-in as ${user} failed: ${JSON.stringify(res.body)}`);
    return res.body.data.signIn.token as string;
  };
  const tokenOf = (user: TestUserKey) => {
    if (!tokens.has(user)) tokens.set(user, signIn(user));
    return tokens.get(user)!;
  };
  const client = (user?: TestUserKey): GqlClient => ({
    gql: async (query, variables) => {
      const req = request(server).post('/graphql').set('content-type', 'application/json');
      if (user) req.set('authorization', `Bearer ${await tokenOf(user)}`);
      const res = await req.send({ query, variables });
      return res.body;
    },
  });
  const testApp: TestApp = {
    ...db,
    app,
    http: () => request(server),
    gql: client('ADMIN').gql,
    as: client,
    anonymous: client(),
    tokenOf,
    restart: async (next = options) => {
      await app.close();
      app = await createApp(db.dataSource, db.kind, { logger: ['error'], closeOnShutdown: false, ...next });
      server = app.getHttpServer();
      testApp.app = app;
    },
    close: async () => {
      await app.close();
      await db.close();
    },
  };
  return testApp;
}

/** The first error's code, message and field issues, for compact assertions. */
export function firstError(result: GqlResult) {
  const e = result.errors?.[0];
  return { code: e?.extensions?.code, message: e?.message, fields: (e?.extensions?.issues ?? []).map((i) => i.field) };
}

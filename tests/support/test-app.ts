import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createApp } from '../../apps/api/src/app.factory.js';
import { createDataSource, type QueryCounter } from '../../apps/api/src/database/data-source.js';
import { seedDatabase } from '../../apps/api/src/seed/seed.js';
import { createDatabase, dropDatabase } from './postgres.js';

export interface GqlResult<T = Record<string, any>> {
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string; issues?: Array<{ field: string; message: string }>; [k: string]: unknown } }>;
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
  }
  return {
    ...db,
    close: async () => {
      if (db.dataSource.isInitialized) await db.dataSource.destroy();
    },
  };
}

export interface TestApp extends TestDatabase {
  app: NestExpressApplication;
  /** Sends a GraphQL operation over HTTP through the real app. */
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GqlResult<T>>;
  http(): ReturnType<typeof request>;
}

export async function startTestApp(): Promise<TestApp> {
  const db = await createTestDatabase();
  const app = await createApp(db.dataSource, db.kind, { logger: ['error'], closeOnShutdown: false });
  const server = app.getHttpServer();
  return {
    ...db,
    app,
    http: () => request(server),
    gql: async (query, variables) => {
      const res = await request(server).post('/graphql').set('content-type', 'application/json').send({ query, variables });
      return res.body;
    },
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}

/** The first error's code, message and field issues, for compact assertions. */
export function firstError(result: GqlResult) {
  const e = result.errors?.[0];
  return { code: e?.extensions?.code, message: e?.message, fields: (e?.extensions?.issues ?? []).map((i) => i.field) };
}

import { Global, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { DatabaseKind } from './data-source.js';

export const DATABASE_KIND = Symbol('DATABASE_KIND');

class DataSourceCloser implements OnApplicationShutdown {
  constructor(private readonly dataSource: DataSource) {}
  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/** Provides the (already initialised) TypeORM DataSource to every feature module. */
@Global()
@Module({})
export class DatabaseModule {
  static forDataSource(dataSource: DataSource, kind: DatabaseKind, closeOnShutdown = true): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        { provide: DataSource, useValue: dataSource },
        { provide: DATABASE_KIND, useValue: kind },
        ...(closeOnShutdown ? [{ provide: DataSourceCloser, useFactory: () => new DataSourceCloser(dataSource) }] : []),
      ],
      exports: [DataSource, DATABASE_KIND],
    };
  }
}

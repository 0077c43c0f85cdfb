import path from 'node:path';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('has sensible defaults: port 3000, embedded database in ./data', () => {
    const c = loadConfig({}, '/srv/efa');
    expect(c).toMatchObject({ port: 3000, databaseUrl: undefined, dataDir: path.resolve('/srv/efa/data'), seed: 'auto' });
  });

  it('reads PORT, DATABASE_URL and DATA_DIR', () => {
    const c = loadConfig({ PORT: '8080', DATABASE_URL: 'postgres://efa@db:5432/efa', DATA_DIR: '/var/lib/efa' }, '/srv');
    expect(c).toMatchObject({ port: 8080, databaseUrl: 'postgres://efa@db:5432/efa', dataDir: '/var/lib/efa' });
  });

  it('explains every wrong value at once', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', SEED: 'sometimes' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: '70000', DATABASE_URL: 'mysql://x', SEED: 'sometimes' });
    } catch (e) {
      expect((e as Error).message).toContain('PORT must be a whole number between 1 and 65535, got "70000"');
      expect((e as Error).message).toContain('DATABASE_URL must be a PostgreSQL connection string');
      expect((e as Error).message).toContain('SEED must be auto, always or never, got "sometimes"');
    }
  });
});

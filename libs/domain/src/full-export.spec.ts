import { ROUTE_ACCESS, mayUseRoute } from './access.js';
import { FULL_EXPORT_FORMAT, checkManifest, dependencyOrder } from './full-export.js';

describe('full export: table order', () => {
  it('puts every table after the tables it references, ties alphabetically, self-references ignored', () => {
    const order = dependencyOrder(
      ['milestone', 'onboarding', 'authority', 'state', 'audit_event', 'node'],
      [
        { from: 'milestone', to: 'onboarding' },
        { from: 'onboarding', to: 'authority' },
        { from: 'authority', to: 'state' },
        { from: 'node', to: 'node' },
        { from: 'authority', to: 'not_exported' },
      ],
    );
    expect(order).toEqual(['audit_event', 'node', 'state', 'authority', 'onboarding', 'milestone']);
  });

  it('names the tables of a cycle', () => {
    expect(() => dependencyOrder(['a', 'b', 'c'], [{ from: 'a', to: 'b' }, { from: 'b', to: 'a' }])).toThrow('Foreign keys form a cycle between a, b');
  });
});

describe('full export: manifest check', () => {
  const target = { schemaVersion: 'M2', tables: ['state', 'authority'] };
  const manifest = { format: FULL_EXPORT_FORMAT, schemaVersion: 'M2', exportedAt: '2026-12-02T00:00:00Z', passwordHashes: false, excluded: [], tables: [{ name: 'state', file: 'state.jsonl', columns: ['id'], rows: 16 }] };

  it('accepts a manifest of the same schema version', () => {
    expect(checkManifest(manifest, target)).toBe(manifest);
  });

  it('refuses another schema version or format, unknown tables and odd file names, saying which', () => {
    expect(() => checkManifest({ ...manifest, schemaVersion: 'M1' }, target)).toThrow('the export has schema version M1, the target database M2');
    expect(() => checkManifest({ ...manifest, format: 9 }, target)).toThrow('format 9 is not supported');
    expect(() => checkManifest({ ...manifest, tables: [{ name: 'gone', file: 'gone.jsonl', columns: [], rows: 0 }] }, target)).toThrow('table gone does not exist');
    expect(() => checkManifest({ ...manifest, tables: [{ name: 'state', file: '../etc/passwd', columns: [], rows: 0 }] }, target)).toThrow('unexpected file name');
    expect(() => checkManifest({ ...manifest, tables: [{ name: 'state' }] }, target)).toThrow('lacks name, file, columns or rows');
    expect(() => checkManifest(null, target)).toThrow('not a JSON object');
  });
});

describe('REST route access', () => {
  it('lets only administrators download the full export, and refuses routes without a rule', () => {
    expect(ROUTE_ACCESS['GET /export/full']).toBe('admin');
    expect(mayUseRoute({ userId: 'u', role: 'ADMIN' }, 'GET /export/full')).toBe('ALLOWED');
    expect(mayUseRoute({ userId: 'u', role: 'ROLLOUT_MANAGER' }, 'GET /export/full')).toBe('FORBIDDEN');
    expect(mayUseRoute(null, 'GET /export/full')).toBe('UNAUTHENTICATED');
    expect(mayUseRoute({ userId: 'u', role: 'ADMIN' }, 'GET /unknown')).toBe('FORBIDDEN');
  });
});

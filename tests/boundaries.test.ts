import fs from 'node:fs';
import path from 'node:path';

/** Dependencies point one way: apps -> libs/domain; the domain imports no framework; the console never imports the api. */
function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'dist' ? [] : sourceFiles(p);
    return /\.(ts|tsx|js|mjs)$/.test(e.name) ? [p] : [];
  });
}

function imports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]);
}

const projectTags = (dir: string): string[] => JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).nx?.tags ?? [];

describe('module boundaries', () => {
  it('projects carry their scope tags', () => {
    expect(projectTags('libs/domain')).toContain('scope:shared');
    expect(projectTags('apps/api')).toContain('scope:api');
    expect(projectTags('apps/admin')).toContain('scope:admin');
    expect(projectTags('apps/widget')).toContain('scope:widget');
  });

  it('libs/domain imports no framework, database or UI library, and no app', () => {
    const allowed = /^(\.{1,2}\/|zod$|node:)/;
    // Its unit tests may use test libraries (property-based testing).
    const allowedInTests = /^fast-check$/;
    const offenders = sourceFiles('libs/domain/src').flatMap((f) =>
      imports(f)
        .filter((i) => !allowed.test(i) && !(f.endsWith('.spec.ts') && allowedInTests.test(i)))
        .map((i) => `${f}: ${i}`),
    );
    expect(offenders).toEqual([]);
  });

  it('apps/admin never imports apps/api (it talks GraphQL)', () => {
    const offenders = sourceFiles('apps/admin/src').flatMap((f) => imports(f).filter((i) => /apps\/api|@efa\/api|typeorm|@nestjs/.test(i)).map((i) => `${f}: ${i}`));
    expect(offenders).toEqual([]);
  });

  it('apps/widget (the embeddable component) imports only Lit and its own files', () => {
    const offenders = sourceFiles('apps/widget/src').flatMap((f) =>
      imports(f)
        .filter((i) => !/^(\.{1,2}\/|lit$|node:|@jest\/globals$)/.test(i))
        .map((i) => `${f}: ${i}`),
    );
    expect(offenders).toEqual([]);
  });

  it('apps/api imports libs/domain by its package name only, never by a relative path into libs/', () => {
    const offenders = sourceFiles('apps/api/src').flatMap((f) => imports(f).filter((i) => /libs\//.test(i)).map((i) => `${f}: ${i}`));
    expect(offenders).toEqual([]);
  });
});

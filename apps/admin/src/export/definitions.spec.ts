import de from '../i18n/de';
import en from '../i18n/en';
import { EXPORTS } from './definitions';

/** The message at a dotted key of a catalogue, if it is a string. */
function message(catalogue: unknown, key: string): string | undefined {
  const value = key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), catalogue);
  return typeof value === 'string' ? value : undefined;
}

describe('export definitions', () => {
  it('cover every list of the console', () => {
    expect(Object.keys(EXPORTS).sort()).toEqual(
      ['State', 'Authority', 'Service', 'SpecialistSystem', 'ReuseContract', 'ReuseVariant', 'Onboarding', 'Milestone', 'Blocker', 'CostKey', 'ServiceCost', 'User'].sort(),
    );
  });

  it.each(Object.entries(EXPORTS))('%s: every header and the list name have a German and an English label', (_resource, definition) => {
    for (const key of [definition.title, ...definition.columns.map((c) => c.header)]) {
      expect([key, message(de, key)]).toEqual([key, expect.any(String)]);
      expect([key, message(en, key)]).toEqual([key, expect.any(String)]);
    }
    const keys = definition.columns.map((c) => c.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('fetch only fields and references the columns can use', () => {
    for (const definition of Object.values(EXPORTS)) {
      for (const ref of definition.references ?? []) {
        if (ref.of) expect(definition.references!.some((r) => r.key === ref.of)).toBe(true);
        else expect(definition.fields).toContain(ref.source);
      }
    }
  });
});

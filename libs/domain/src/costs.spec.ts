import fc from 'fast-check';
import { allocateCosts, combineKeys, type KeyShare } from './costs.js';
import { STATES } from './states.js';

const KOENIGSTEIN_2016: KeyShare[] = STATES.map((s) => ({ stateCode: s.code, weight: s.koenigsteinShare2016 }));

const keyArb = fc
  .uniqueArray(fc.constantFrom(...STATES.map((s) => s.code)), { minLength: 1, maxLength: 16 })
  .chain((codes) => fc.tuple(fc.constant(codes), fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: codes.length, maxLength: codes.length })))
  .filter(([, weights]) => weights.some((w) => w > 0))
  .map(([codes, weights]) => codes.map((stateCode, i) => ({ stateCode, weight: weights[i] })));
const totalArb = fc.integer({ min: 0, max: 1_000_000_000_00 });

describe('cost allocation (largest remainder)', () => {
  it('splits exactly, to the cent', () => {
    fc.assert(
      fc.property(totalArb, keyArb, (total, key) => {
        const a = allocateCosts(total, key);
        expect(a.reduce((sum, x) => sum + x.cents, 0)).toBe(total);
      }),
    );
  });

  it('never gives a negative amount, and nothing to a weight of 0', () => {
    fc.assert(
      fc.property(totalArb, keyArb, (total, key) => {
        for (const x of allocateCosts(total, key)) {
          expect(x.cents).toBeGreaterThanOrEqual(0);
          if (key.find((k) => k.stateCode === x.stateCode)!.weight === 0) expect(x.cents).toBe(0);
        }
      }),
    );
  });

  it('does not depend on the order of the states', () => {
    fc.assert(
      fc.property(totalArb, keyArb, fc.integer(), (total, key, seed) => {
        const shuffled = [...key].sort(() => (seed % 2 ? 1 : -1));
        expect(allocateCosts(total, shuffled)).toEqual(allocateCosts(total, key));
      }),
    );
  });

  it('gives a state a larger share when its key grows (in cents: never less, up to the one cent largest remainder may move)', () => {
    fc.assert(
      fc.property(totalArb, keyArb, fc.nat({ max: 15 }), fc.double({ min: 0.01, max: 50, noNaN: true }), (total, key, pick, extra) => {
        const i = pick % key.length;
        const before = allocateCosts(total, key).find((x) => x.stateCode === key[i].stateCode)!;
        const grown = key.map((k, j) => (j === i ? { ...k, weight: k.weight + extra } : k));
        const after = allocateCosts(total, grown).find((x) => x.stateCode === key[i].stateCode)!;
        if (key.length > 1) expect(after.share).toBeGreaterThanOrEqual(before.share);
        expect(after.cents).toBeGreaterThanOrEqual(before.cents - 1);
      }),
    );
  });

  it('stays within one cent of the exact share', () => {
    fc.assert(
      fc.property(totalArb, keyArb, (total, key) => {
        for (const x of allocateCosts(total, key)) expect(Math.abs(x.cents - total * x.share)).toBeLessThan(1 + 1e-6);
      }),
    );
  });

  it('renormalises the Königsteiner Schlüssel over the signing states', () => {
    const signed = KOENIGSTEIN_2016.filter((k) => ['NW', 'BB', 'HB'].includes(k.stateCode));
    const a = allocateCosts(1_000_000_00, signed);
    expect(a.map((x) => x.stateCode)).toEqual(['BB', 'HB', 'NW']);
    expect(a.reduce((s, x) => s + x.cents, 0)).toBe(1_000_000_00);
    // NW 21.14424 of (21.14424 + 3.03655 + 0.95331 = 25.13410) = 84.1257102 %
    expect(a.find((x) => x.stateCode === 'NW')!.cents).toBe(84_125_710);
    expect(a.find((x) => x.stateCode === 'NW')!.share).toBeCloseTo(0.841257, 5);
  });

  it('hands the leftover cents to the largest remainders, ties by state code', () => {
    expect(allocateCosts(100, [{ stateCode: 'BY', weight: 1 }, { stateCode: 'BB', weight: 1 }, { stateCode: 'BE', weight: 1 }]).map((x) => x.cents)).toEqual([34, 33, 33]);
  });

  it('refuses what cannot be shared', () => {
    expect(() => allocateCosts(-1, KOENIGSTEIN_2016)).toThrow(/non-negative whole number/);
    expect(() => allocateCosts(1.5, KOENIGSTEIN_2016)).toThrow(/non-negative whole number/);
    expect(() => allocateCosts(100, [])).toThrow(/no state/);
    expect(allocateCosts(0, [])).toEqual([]);
    expect(() => allocateCosts(100, [{ stateCode: 'BB', weight: 0 }])).toThrow(/weight of 0/);
    expect(() => allocateCosts(100, [{ stateCode: 'BB', weight: -1 }])).toThrow(/non-negative number/);
    expect(() => allocateCosts(100, [{ stateCode: 'BB', weight: 1 }, { stateCode: 'BB', weight: 2 }])).toThrow(/twice/);
  });
});

describe('combined key', () => {
  it('mixes normalised parts by their weights', () => {
    const key = combineKeys([
      { name: 'third-country nationals', weight: 0.5, values: [{ stateCode: 'BB', weight: 100 }, { stateCode: 'NW', weight: 300 }] },
      { name: "foreigners' authorities", weight: 0.5, values: [{ stateCode: 'BB', weight: 18 }, { stateCode: 'NW', weight: 18 }] },
    ]);
    expect(key).toEqual([
      { stateCode: 'BB', weight: 0.375 },
      { stateCode: 'NW', weight: 0.625 },
    ]);
  });

  it('always sums to 1 and feeds allocateCosts', () => {
    fc.assert(
      fc.property(keyArb, keyArb, fc.double({ min: 0.01, max: 1, noNaN: true }), (a, b, w) => {
        const key = combineKeys([
          { name: 'a', weight: w, values: a },
          { name: 'b', weight: 1 - w + 0.01, values: b },
        ]);
        expect(key.reduce((s, k) => s + k.weight, 0)).toBeCloseTo(1, 9);
        expect(allocateCosts(12345, key).reduce((s, x) => s + x.cents, 0)).toBe(12345);
      }),
    );
  });
});

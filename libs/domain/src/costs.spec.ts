import fc from 'fast-check';
import {
  CostKeyKind,
  NonPayingReason,
  allocateAmongSigners,
  allocateCosts,
  combineKeys,
  normalisedKey,
  signedForYear,
  validateCostKey,
  validateServiceCost,
  type ContractDates,
  type KeyShare,
  type StateValue,
} from './costs.js';
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

const KOENIGSTEIN_FACTORS: StateValue[] = STATES.map((s) => ({ stateCode: s.code, value: s.koenigsteinShare2016 }));
const ones = (value = 1): StateValue[] => STATES.map((s) => ({ stateCode: s.code, value }));

describe('cost keys as data', () => {
  it('accepts the Königsteiner Schlüssel 2016 and a combined key', () => {
    expect(validateCostKey({ name: 'Königsteiner Schlüssel', kind: CostKeyKind.KOENIGSTEINER, year: 2016, factors: KOENIGSTEIN_FACTORS })).toEqual([]);
    expect(
      validateCostKey({
        name: 'Kombiniert',
        kind: CostKeyKind.COMBINED,
        year: 2023,
        components: [
          { name: 'Drittstaatsangehörige', weight: 0.5, values: ones(2) },
          { name: 'Ausländerbehörden', weight: 0.5, values: ones(3) },
        ],
      }),
    ).toEqual([]);
  });

  it('names the field of every problem', () => {
    const fields = (key: Parameters<typeof validateCostKey>[0]) => validateCostKey(key).map((i) => i.field);
    expect(fields({ name: ' ', kind: 'OTHER', year: 1999 })).toEqual(['name', 'kind', 'year']);
    expect(fields({ name: 'K', kind: CostKeyKind.KOENIGSTEINER, year: 2016, factors: KOENIGSTEIN_FACTORS.slice(1) })).toEqual(['factors']);
    expect(validateCostKey({ name: 'K', kind: CostKeyKind.KOENIGSTEINER, year: 2016, factors: KOENIGSTEIN_FACTORS.slice(1) })[0].message).toMatch(/missing: SH/);
    expect(fields({ name: 'K', kind: CostKeyKind.KOENIGSTEINER, year: 2016, factors: [...KOENIGSTEIN_FACTORS.slice(1), { stateCode: 'SH', value: -1 }] })).toEqual(['factors']);
    expect(fields({ name: 'K', kind: CostKeyKind.KOENIGSTEINER, year: 2016, factors: [...KOENIGSTEIN_FACTORS, { stateCode: 'XX', value: 1 }] })).toEqual(['factors']);
    expect(fields({ name: 'K', kind: CostKeyKind.KOENIGSTEINER, year: 2016, factors: ones(0) })).toEqual(['factors']);
    expect(fields({ name: 'K', kind: CostKeyKind.COMBINED, year: 2016, components: [] })).toEqual(['components']);
    expect(fields({ name: 'K', kind: CostKeyKind.COMBINED, year: 2016, factors: ones(), components: [{ name: 'a', weight: 1, values: ones() }] })).toEqual(['factors']);
    expect(
      fields({
        name: 'K',
        kind: CostKeyKind.COMBINED,
        year: 2016,
        components: [
          { name: 'a', weight: 0, values: ones() },
          { name: 'a', weight: -1, values: ones().slice(2) },
        ],
      }),
    ).toEqual(['components[1].name', 'components[1].weight', 'components[1].values']);
    expect(fields({ name: 'K', kind: CostKeyKind.COMBINED, year: 2016, components: [{ name: 'a', weight: 0, values: ones() }] })).toEqual(['components']);
  });

  it('normalises a key over the 16 states: factors as they are, combined keys as the weighted mix of their normalised components', () => {
    const k = normalisedKey({ kind: CostKeyKind.KOENIGSTEINER, factors: KOENIGSTEIN_FACTORS });
    expect(k.map((s) => s.stateCode)).toEqual(STATES.map((s) => s.code));
    expect(k.find((s) => s.stateCode === 'NW')!.weight).toBeCloseTo(0.2114424, 7);
    // 50 % equal shares (1/16 each) + 50 % Königsteiner
    const mixed = normalisedKey({
      kind: CostKeyKind.COMBINED,
      components: [
        { name: 'equal', weight: 1, values: ones() },
        { name: 'KS', weight: 1, values: KOENIGSTEIN_FACTORS },
      ],
    });
    expect(mixed.find((s) => s.stateCode === 'HB')!.weight).toBeCloseTo(0.5 / 16 + 0.5 * 0.0095331, 9);
    expect(mixed.reduce((s, x) => s + x.weight, 0)).toBeCloseTo(1, 12);
  });

  it('codes every problem of a key and of yearly costs, with its params (English message unchanged)', () => {
    const issues = validateCostKey({ name: 'K', kind: CostKeyKind.KOENIGSTEINER, year: 1999, factors: [...KOENIGSTEIN_FACTORS.slice(2), { stateCode: 'XX', value: -1 }, { stateCode: 'BY', value: 1 }] });
    expect(issues).toEqual([
      { field: 'year', code: 'YEAR_OUT_OF_RANGE', params: { min: 2000, max: 2100, value: '1999' }, message: 'must be a year between 2000 and 2100, got 1999' },
      { field: 'factors', code: 'NOT_A_STATE_CODE_OF', params: { input: 'XX', values: STATES.map((st) => st.code).join(', ') }, message: expect.stringMatching(/^"XX" is not a state code \(SH, HH/) },
      { field: 'factors', code: 'STATE_LISTED_TWICE', params: { stateCode: 'BY' }, message: 'BY is listed twice' },
      { field: 'factors', code: 'VALUES_NEGATIVE', params: { values: 'XX -1' }, message: 'values must be non-negative numbers; not so: XX -1' },
      { field: 'factors', code: 'STATES_MISSING', params: { missing: 'SH, HH' }, message: 'needs a value for each of the 16 states; missing: SH, HH' },
    ]);
    const combined = validateCostKey({ name: 'x'.repeat(201), kind: CostKeyKind.COMBINED, year: 2016, factors: ones(), components: [{ name: 'a', weight: 0, values: ones() }, { name: 'a', weight: Number.NaN, values: ones() }] });
    expect(combined.map((i) => [i.field, i.code, i.params])).toEqual([
      ['name', 'NAME_TOO_LONG', { max: 200 }],
      ['factors', 'COMBINED_NO_FACTORS', {}],
      ['components[1].name', 'COMPONENT_NAME_TAKEN', { name: 'a' }],
      ['components[1].weight', 'NOT_NON_NEGATIVE_NUMBER', { value: 'NaN' }],
    ]);
    expect(validateCostKey({ name: 'K', kind: CostKeyKind.KOENIGSTEINER, year: 2016, factors: ones(0), components: [{ name: 'a', weight: 1, values: ones() }] }).map((i) => i.code)).toEqual([
      'ALL_VALUES_ZERO',
      'KOENIGSTEINER_NO_COMPONENTS',
    ]);
    expect(validateCostKey({ name: 'K', kind: CostKeyKind.COMBINED, year: 2016, components: [{ name: 'a', weight: 0, values: ones() }] })).toEqual([
      { field: 'components', code: 'WEIGHTS_SUM_ZERO', params: {}, message: 'the weights must sum to more than 0' },
    ]);
    expect(validateServiceCost({ year: 2023, operationCents: -5, maintenanceCents: 0 })).toEqual([
      { field: 'operationCents', code: 'NOT_CENTS', params: { value: '-5' }, message: 'must be a whole, non-negative number of cents, got -5' },
    ]);
    expect(validateServiceCost({ year: 2023, operationCents: Number.MAX_SAFE_INTEGER, maintenanceCents: 1 })).toMatchObject([{ field: 'maintenanceCents', code: 'TOTAL_TOO_LARGE' }]);
  });

  it('validates service costs as whole non-negative cents and a year in range', () => {
    expect(validateServiceCost({ year: 2023, operationCents: 3_000_000_000_00, maintenanceCents: 0 })).toEqual([]);
    expect(validateServiceCost({ year: 1990, operationCents: -1, maintenanceCents: 1.5 }).map((i) => i.field)).toEqual(['year', 'operationCents', 'maintenanceCents']);
  });
});

describe('who pays in a contract year', () => {
  it('counts a contract signed by the end of the year and not terminated before its start', () => {
    expect(signedForYear({ signedAt: '2023-12-31', terminatedAt: null }, 2023)).toEqual({ signed: true });
    expect(signedForYear({ signedAt: '2021-01-01', terminatedAt: '2023-01-01' }, 2023)).toEqual({ signed: true });
    expect(signedForYear({ signedAt: '2024-01-01', terminatedAt: null }, 2023)).toMatchObject({ signed: false, reason: NonPayingReason.SIGNED_LATER });
    expect(signedForYear({ signedAt: '2021-01-01', terminatedAt: '2022-12-31' }, 2023)).toMatchObject({ signed: false, reason: NonPayingReason.TERMINATED_BEFORE });
    expect(signedForYear({ signedAt: null, terminatedAt: null }, 2023)).toMatchObject({ signed: false, reason: NonPayingReason.NOT_SIGNED });
    expect(signedForYear(undefined, 2023)).toMatchObject({ signed: false, reason: NonPayingReason.NO_CONTRACT });
  });

  it('gives the reason of a non-paying state as a code with its params and the English message', () => {
    expect(signedForYear({ signedAt: '2024-03-01', terminatedAt: null }, 2023)).toEqual({
      signed: false,
      reason: 'SIGNED_LATER',
      params: { signedAt: '2024-03-01', year: 2023 },
      message: 'signed only on 2024-03-01, after 2023',
    });
    expect(signedForYear({ signedAt: '2021-01-01', terminatedAt: '2022-12-31' }, 2023)).toMatchObject({ params: { terminatedAt: '2022-12-31', year: 2023 }, message: 'terminated on 2022-12-31, before 2023' });
    const key = [
      { stateCode: 'BB', weight: 0 },
      { stateCode: 'BE', weight: 1 },
    ];
    const both = new Map<string, ContractDates>(['BB', 'BE'].map((c) => [c, { signedAt: '2020-01-01', terminatedAt: null }]));
    expect(allocateAmongSigners(100, key, both, 2023).find((r) => r.stateCode === 'BB')).toMatchObject({ reason: 'ZERO_IN_KEY', params: {}, message: 'signed, but its value in the key is 0' });
    expect(() => allocateAmongSigners(100, key, new Map([['BB', { signedAt: '2020-01-01', terminatedAt: null }]]), 2023)).toThrow(
      expect.objectContaining({ reason: 'SIGNERS_ZERO_IN_KEY', year: 2023, message: 'every state that signed for 2023 has 0 in the key' }),
    );
  });

  const contractsArb = fc
    .uniqueArray(fc.constantFrom(...STATES.map((s) => s.code)), { minLength: 1, maxLength: 16 })
    .map((codes) => new Map<string, ContractDates>(codes.map((c) => [c, { signedAt: '2020-06-01', terminatedAt: null }])));

  it('lists every state; only signing states pay, exactly the total, renormalised over them', () => {
    const key = normalisedKey({ kind: CostKeyKind.KOENIGSTEINER, factors: KOENIGSTEIN_FACTORS });
    fc.assert(
      fc.property(totalArb, contractsArb, (total, contracts) => {
        const rows = allocateAmongSigners(total, key, contracts, 2023);
        expect(rows.map((r) => r.stateCode)).toEqual(STATES.map((s) => s.code));
        expect(rows.reduce((s, r) => s + r.cents, 0)).toBe(total);
        for (const r of rows) {
          expect(r.pays).toBe(contracts.has(r.stateCode));
          if (!r.pays) expect(r).toMatchObject({ cents: 0, share: 0, reason: NonPayingReason.NO_CONTRACT });
        }
        expect(rows.reduce((s, r) => s + r.share, 0)).toBeCloseTo(1, 9);
      }),
    );
  });

  it('refuses a year nobody signed for', () => {
    const key = normalisedKey({ kind: CostKeyKind.KOENIGSTEINER, factors: KOENIGSTEIN_FACTORS });
    expect(() => allocateAmongSigners(100, key, new Map([['BB', { signedAt: '2030-01-01', terminatedAt: null }]]), 2023)).toThrow(/no state has signed for 2023/);
  });
});

import { centsToEuroString, comparisonCsv, comparisonRows, formatEuro, totalsOf, type CostAllocation } from './logic';

const state = (stateCode: string, cents: string, share: number, pays = true) => ({
  stateId: `id-${stateCode}`,
  stateCode,
  stateName: `Land ${stateCode}`,
  keyShare: share,
  share,
  cents,
  pays,
  reason: pays ? null : 'NO_CONTRACT',
  message: pays ? null : 'no reuse contract for this service',
});

const allocation: CostAllocation = {
  serviceId: 's',
  serviceName: 'Aufenthaltstitel',
  year: 2023,
  operationCents: '9007199254740993',
  maintenanceCents: '0',
  totalCents: '9007199254740993',
  keys: [
    { keyId: 'a', keyName: 'KS', keyKind: 'KOENIGSTEINER', keyYear: 2016, totalCents: '9007199254740993', payingStates: 2, states: [state('BB', '0', 0, false), state('NW', '9007199254740990', 0.9), state('ST', '3', 0.1)] },
    { keyId: 'b', keyName: 'Equal', keyKind: 'COMBINED', keyYear: 2023, totalCents: '9007199254740993', payingStates: 2, states: [state('BB', '0', 0, false), state('NW', '4503599627370497', 0.5), state('ST', '4503599627370496', 0.5)] },
  ],
};

describe('key comparison', () => {
  it('turns cents into exact euros, also beyond 2^53', () => {
    expect(centsToEuroString('5')).toBe('0.05');
    expect(centsToEuroString('9007199254740993')).toBe('90071992547409.93');
    expect(formatEuro('123456789', 'de-DE').replace(/\s/g, ' ')).toBe('1.234.567,89 €');
    expect(formatEuro('123456789', 'en-GB')).toBe('€1,234,567.89');
  });

  it('has a row per state with a cell per key, and exact totals', () => {
    expect(comparisonRows(allocation).map((r) => [r.stateCode, r.cells.map((c) => c.cents)])).toEqual([
      ['BB', ['0', '0']],
      ['NW', ['9007199254740990', '4503599627370497']],
      ['ST', ['3', '4503599627370496']],
    ]);
    expect(totalsOf(allocation).map((t) => t.cents)).toEqual(['9007199254740993', '9007199254740993']);
  });

  it('exports a CSV with a total row', () => {
    const lines = comparisonCsv(allocation, (s) => `reason ${s.reason}`).split('\n');
    expect(lines[0]).toBe('state,code,KS (2016) share,KS (2016) EUR,KS (2016) note,Equal (2023) share,Equal (2023) EUR,Equal (2023) note');
    expect(lines[1]).toBe('Land BB,BB,0,0.00,reason NO_CONTRACT,0,0.00,reason NO_CONTRACT');
    expect(lines[4]).toBe('Total,,1,90071992547409.93,,1,90071992547409.93,');
  });
});

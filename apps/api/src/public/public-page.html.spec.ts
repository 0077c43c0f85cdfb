import { jest } from '@jest/globals';
import type { PublicRow, PublicServiceView } from './public-status.store.js';
import { authorityPage, formatDate, formatShare, servicePage } from './public-page.html.js';

const row: PublicRow = {
  ars: '071110000000',
  name: 'Stadt Koblenz',
  level: 'MUNICIPALITY',
  stateCode: 'RP',
  stateName: 'Rheinland-Pfalz',
  key: 'koblenz',
  status: 'LIVE',
  liveSince: '2025-03-07',
  applyUrl: 'https://koblenz.example/antrag',
  plannedQuarter: null,
  updatedAt: '2026-12-02T10:23:01.889Z',
};
const service: PublicServiceView = {
  ozgId: '10000',
  name: 'Wohngeld',
  rows: [row],
  byArs: new Map([[row.ars, row]]),
  states: [{ code: 'RP', name: 'Rheinland-Pfalz', live: 1, preparing: 0, total: 3 }],
  live: 1,
  preparing: 0,
  total: 3,
  updatedAt: row.updatedAt,
};

describe('public page formatting', () => {
  it('formats dates and shares per language', () => {
    expect(formatDate('2025-03-07', 'de')).toBe('07.03.2025');
    expect(formatDate('2025-03-07', 'en')).toBe('7 March 2025');
    expect(formatShare({ live: 1, preparing: 0, total: 3 }, 'de')).toBe('33,3\u00a0%');
    expect(formatShare({ live: 1, preparing: 0, total: 3 }, 'en')).toBe('33.3%');
  });

  // Each `new Intl.*Format` holds an ICU object outside the JS heap until a major GC: made per value,
  // the HTML pages at 50 clients grew the API by hundreds of MB. The pages reuse formatters made once.
  it('makes no Intl formatter per page', () => {
    const dates = jest.spyOn(Intl, 'DateTimeFormat');
    const numbers = jest.spyOn(Intl, 'NumberFormat');
    try {
      for (const lang of ['de', 'en'] as const) {
        expect(authorityPage(lang, service, row)).toContain(lang === 'de' ? '07.03.2025' : '7 March 2025');
        expect(servicePage(lang, service, { query: 'Koblenz', total: 1, results: [row] }, '/public/assets/x.js')).toContain('Koblenz');
      }
      expect(dates).not.toHaveBeenCalled();
      expect(numbers).not.toHaveBeenCalled();
    } finally {
      dates.mockRestore();
      numbers.mockRestore();
    }
  });
});

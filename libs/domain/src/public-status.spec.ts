import { publicQueryWords, publicSearchKey, quarterLabel, searchAuthorities } from './public-status.js';

const authorities = [
  { ars: '031590000000', name: 'Ausländerbehörde Landkreis Göttingen', level: 'DISTRICT' },
  { ars: '031590000001', name: 'Gemeinde Göttingen 001', level: 'MUNICIPALITY' },
  { ars: '091620000000', name: 'Ausländerbehörde Landeshauptstadt München', level: 'DISTRICT_FREE_CITY' },
  { ars: '091840000000', name: 'Ausländerbehörde Landkreis München', level: 'DISTRICT' },
  { ars: '051620000000', name: 'Ausländerbehörde Rhein-Kreis Neuss', level: 'DISTRICT' },
  { ars: '120720000000', name: 'Ausländerbehörde Landkreis Teltow-Fläming', level: 'DISTRICT' },
].map((a) => ({ ...a, key: publicSearchKey(a.name) }));

const names = (q: string) => searchAuthorities(authorities, q).results.map((a) => a.name);

describe('public search', () => {
  it('normalises case, umlauts, ß and punctuation', () => {
    expect(publicSearchKey('Straße/Weg – SÜD (Göttingen)')).toBe('strasse weg sued goettingen');
    expect(publicSearchKey('Cúcuta Açaí Ñandú')).toBe('cucuta acai nandu');
    expect(publicQueryWords('Landkreis Göttingen')).toEqual(['goettingen']);
    expect(publicQueryWords('kreisfreie Stadt')).toEqual([]);
  });

  it('finds the district whatever prefix or spelling, district level first', () => {
    for (const q of ['Landkreis Göttingen', 'kreis goettingen', 'Goettingen', 'göttingen']) expect(names(q)[0]).toBe('Ausländerbehörde Landkreis Göttingen');
    expect(names('Muenchen')).toEqual(['Ausländerbehörde Landkreis München', 'Ausländerbehörde Landeshauptstadt München']);
    expect(names('Stadt München')).toContain('Ausländerbehörde Landeshauptstadt München');
    expect(names('teltow flaeming')).toEqual(['Ausländerbehörde Landkreis Teltow-Fläming']);
    expect(names('Neuss')).toEqual(['Ausländerbehörde Rhein-Kreis Neuss']);
  });

  it('matches nothing for noise words only or unknown names; digits match the ARS from its start', () => {
    expect(names('Landkreis')).toEqual([]);
    expect(names('Hamburg')).toEqual([]);
    expect(searchAuthorities(authorities, '03159').results.map((a) => a.ars)).toEqual(['031590000000', '031590000001']);
  });

  it('labels quarters', () => {
    expect(quarterLabel('2027-Q1', 'de')).toBe('1. Quartal 2027');
    expect(quarterLabel('2027-Q4', 'en')).toBe('Q4 2027');
  });
});

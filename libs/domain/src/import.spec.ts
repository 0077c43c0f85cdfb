import {
  AuthorityIndex,
  authorityNameKey,
  changesOf,
  checkMapping,
  detectDelimiter,
  detectEncoding,
  foldText,
  parseDateValue,
  parseNumberValue,
  readAuthorityRow,
  rowFingerprint,
  sameAuthorityName,
  suggestMapping,
  type AuthorityCandidate,
} from './import.js';

const BB = 'state-bb';
const HE = 'state-he';
const BY = 'state-by';
const candidates: AuthorityCandidate[] = [
  { id: 'tf', ars: '120720000000', name: 'Ausländerbehörde Landkreis Teltow-Fläming', stateId: BB, level: 'DISTRICT' },
  { id: 'p', ars: '120540000000', name: 'Ausländerbehörde Stadt Potsdam', stateId: BB, level: 'DISTRICT_FREE_CITY' },
  { id: 'ffo', ars: '120530000000', name: 'Ausländerbehörde Stadt Frankfurt (Oder)', stateId: BB, level: 'DISTRICT_FREE_CITY' },
  { id: 'ks-lk', ars: '066330000000', name: 'Ausländerbehörde Landkreis Kassel', stateId: HE, level: 'DISTRICT' },
  { id: 'ks', ars: '066110000000', name: 'Ausländerbehörde Stadt Kassel', stateId: HE, level: 'DISTRICT_FREE_CITY' },
  { id: 'm', ars: '091620000000', name: 'Ausländerbehörde Landeshauptstadt München', stateId: BY, level: 'DISTRICT_FREE_CITY' },
  { id: 'm-lk', ars: '091840000000', name: 'Ausländerbehörde Landkreis München', stateId: BY, level: 'DISTRICT' },
];
const index = new AuthorityIndex(candidates);
const idOf = (m: ReturnType<AuthorityIndex['match']>) => (m.kind === 'ARS' || m.kind === 'NAME' ? m.candidate.id : m.kind === 'AMBIGUOUS' ? m.candidates.map((c) => c.id).sort() : null);

describe('import: the file', () => {
  it('detects UTF-8 with and without BOM and Windows-1252', () => {
    expect(detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toBe('UTF-8 with BOM');
    expect(detectEncoding(new TextEncoder().encode('Behörde;Straße'))).toBe('UTF-8');
    // "Behörde" in Windows-1252: ö is the single byte 0xF6
    expect(detectEncoding(new Uint8Array([0x42, 0x65, 0x68, 0xf6, 0x72, 0x64, 0x65]))).toBe('Windows-1252');
    // a multi-byte character cut off at the end of the sample is still UTF-8
    expect(detectEncoding(new Uint8Array([0x41, 0xc3]))).toBe('UTF-8');
  });

  it('detects the delimiter from the header line, ignoring quoted text', () => {
    expect(detectDelimiter('ARS;Behörde;Einwohner')).toBe(';');
    expect(detectDelimiter('ARS,Name,Population')).toBe(',');
    expect(detectDelimiter('"Name, official";ARS;Land')).toBe(';');
    expect(detectDelimiter('ARS\tName')).toBe('\t');
    expect(detectDelimiter('Name')).toBe(';');
  });
});

describe('import: values', () => {
  it('reads German and ISO dates and refuses impossible ones', () => {
    expect(parseDateValue('31.08.2023')).toEqual({ ok: true, value: '2023-08-31' });
    expect(parseDateValue('1.8.23')).toEqual({ ok: true, value: '2023-08-01' });
    expect(parseDateValue('2023-08-31')).toEqual({ ok: true, value: '2023-08-31' });
    expect(parseDateValue(new Date(Date.UTC(2020, 11, 1)))).toEqual({ ok: true, value: '2020-12-01' });
    expect(parseDateValue(' ')).toEqual({ ok: true, value: null });
    expect(parseDateValue('31.02.2023')).toEqual({ ok: false, code: 'IMPORT_NOT_A_DATE', params: { input: '31.02.2023' } });
    expect(parseDateValue('08/31/2023')).toMatchObject({ ok: false, code: 'IMPORT_NOT_A_DATE' });
  });

  it('reads numbers with German decimal comma and thousands dots, and English ones', () => {
    const n = (s: string | number) => parseNumberValue(s);
    expect(n('1.234.567')).toEqual({ ok: true, value: 1234567 });
    expect(n('1.234,5')).toEqual({ ok: true, value: 1234.5 });
    expect(n('0,25')).toEqual({ ok: true, value: 0.25 });
    expect(n('1,234.5')).toEqual({ ok: true, value: 1234.5 });
    expect(n('1234.5')).toEqual({ ok: true, value: 1234.5 });
    expect(n('168 296')).toEqual({ ok: true, value: 168296 });
    expect(n(42)).toEqual({ ok: true, value: 42 });
    expect(n('')).toEqual({ ok: true, value: null });
    expect(n('zwölf')).toEqual({ ok: false, code: 'IMPORT_NOT_A_NUMBER', params: { input: 'zwölf' } });
    expect(n('1,2,3')).toMatchObject({ ok: false });
  });
});

describe('import: column mapping', () => {
  it('suggests the mapping from German and English header names', () => {
    expect(suggestMapping(['Regionalschlüssel', 'Behörde', 'Bundesland', 'Einwohnerzahl', 'Fachverfahren', 'E-Mail', 'Telefon'], 'authorities')).toEqual({
      Regionalschlüssel: 'ars',
      Behörde: 'name',
      Bundesland: 'state',
      Einwohnerzahl: 'population',
      Fachverfahren: 'specialistSystem',
      'E-Mail': 'email',
      Telefon: null,
    });
    expect(suggestMapping(['ARS', 'Authority', 'State', 'Population', 'Specialist system', 'Email address', 'Name'], 'authorities')).toEqual({
      ARS: 'ars',
      Authority: 'name',
      Name: null, // a second column for the same field is ignored
      State: 'state',
      Population: 'population',
      'Specialist system': 'specialistSystem',
      'Email address': 'email',
    });
  });

  it('checks a mapping against the file: columns it lacks, unknown fields, a field twice, no key', () => {
    const headers = ['ARS', 'Name', 'Einwohner'];
    expect(checkMapping({ ARS: 'ars', Name: 'name' }, headers, 'authorities')).toEqual([]);
    const issues = checkMapping({ Gemeinde: 'name', Name: 'name', Einwohner: 'inhabitants', ARS: 'name' }, headers, 'authorities');
    expect(issues.map((i) => [i.field, i.code])).toEqual([
      ['mapping.Gemeinde', 'IMPORT_UNKNOWN_COLUMN'],
      ['mapping.Einwohner', 'IMPORT_UNKNOWN_FIELD'],
      ['mapping.Name', 'IMPORT_FIELD_TWICE'],
    ]);
    expect(checkMapping({ Einwohner: 'population' }, headers, 'authorities')).toMatchObject([{ field: 'mapping', code: 'IMPORT_NO_KEY_COLUMN', message: 'no column is mapped to ars or name: rows cannot be matched' }]);
  });
});

describe('import: matching authorities', () => {
  it('folds umlauts, ß and punctuation', () => {
    expect(foldText('Teltow-Fläming')).toBe(foldText('teltow flaeming'));
    expect(foldText('Gießen')).toBe('giessen');
  });

  it('takes the core of a name and the area type its words say', () => {
    expect(authorityNameKey('Ausländerbehörde Landkreis Teltow-Fläming')).toEqual({ core: 'teltow flaeming', type: 'district' });
    expect(authorityNameKey('Kreis Teltow-Flaeming')).toEqual({ core: 'teltow flaeming', type: 'district' });
    expect(authorityNameKey('Teltow-Fläming, Landkreis')).toEqual({ core: 'teltow flaeming', type: 'district' });
    expect(authorityNameKey('Potsdam, Stadt')).toEqual({ core: 'potsdam', type: 'city' });
    expect(authorityNameKey('Landeshauptstadt Potsdam')).toEqual({ core: 'potsdam', type: 'city' });
    expect(authorityNameKey('Kassel (Stadt)')).toEqual({ core: 'kassel', type: 'city' });
    expect(authorityNameKey('Frankfurt (Oder)')).toEqual({ core: 'frankfurt oder', type: null });
  });

  it('tells a different spelling of the same name from another name', () => {
    expect(sameAuthorityName('Ausländerbehörde Landkreis Teltow-Fläming', 'Teltow-Flaeming, Kreis')).toBe(true);
    expect(sameAuthorityName('Ausländerbehörde Stadt Kassel', 'Kassel')).toBe(true);
    expect(sameAuthorityName('Ausländerbehörde Stadt Kassel', 'Landkreis Kassel')).toBe(false);
    expect(sameAuthorityName('Stadt Potsdam', 'Stadt Cottbus')).toBe(false);
  });

  it('matches by ARS first; an unknown ARS is a new authority', () => {
    expect(idOf(index.match({ ars: '120540000000', name: 'anything' }))).toBe('p');
    expect(index.match({ ars: '129999999999', name: 'Stadt Potsdam' })).toEqual({ kind: 'NONE' });
  });

  it('matches by name within the state, tolerant of Landkreis/Kreis/Stadt and spellings', () => {
    expect(idOf(index.match({ name: 'Kreis Teltow-Flaeming', stateId: BB }))).toBe('tf');
    expect(idOf(index.match({ name: 'Teltow-Fläming, Landkreis' }))).toBe('tf');
    expect(idOf(index.match({ name: 'Potsdam, Stadt', stateId: BB }))).toBe('p');
    expect(idOf(index.match({ name: 'Potsdam', stateId: BB }))).toBe('p');
    expect(idOf(index.match({ name: 'Frankfurt (Oder)', stateId: BB }))).toBe('ffo');
    expect(idOf(index.match({ name: 'Landkreis Kassel', stateId: HE }))).toBe('ks-lk');
    expect(idOf(index.match({ name: 'Kassel, Stadt', stateId: HE }))).toBe('ks');
    expect(idOf(index.match({ name: 'Landkreis München' }))).toBe('m-lk');
    expect(index.match({ name: 'Potsdam', stateId: HE })).toEqual({ kind: 'NONE' });
  });

  it('reports a name that fits several authorities as ambiguous, never guessing', () => {
    expect(idOf(index.match({ name: 'Kassel', stateId: HE }))).toEqual(['ks', 'ks-lk']);
    expect(idOf(index.match({ name: 'München', stateId: BY }))).toEqual(['m', 'm-lk']);
  });

  it('matches authorities added while importing (a later row names an earlier row\'s new authority)', () => {
    const i = new AuthorityIndex(candidates);
    i.add({ id: 'new', ars: '120650000000', name: 'Landkreis Oberhavel', stateId: BB, level: 'DISTRICT' });
    expect(idOf(i.match({ name: 'Oberhavel', stateId: BB }))).toBe('new');
  });
});

describe('import: a row of authorities', () => {
  const lookups = {
    states: [
      { id: BB, code: 'BB', name: 'Brandenburg' },
      { id: HE, code: 'HE', name: 'Hessen' },
    ],
    specialistSystems: [
      { id: 'auso', vendor: 'HSH', product: 'AUSO' },
      { id: 'ladiva', vendor: 'Komm.ONE', product: 'LaDiVA' },
    ],
  };
  const mapping = { ARS: 'ars', Behörde: 'name', Land: 'state', Einwohner: 'population', Fachverfahren: 'specialistSystem', Ebene: 'level', Telefon: null };

  it('reads the values, with defaults for new authorities from the ARS and the name', () => {
    const r = readAuthorityRow({ ARS: 12072000000, Behörde: 'Landkreis Teltow-Fläming', Land: 'Brandenburg', Einwohner: '168.296', Fachverfahren: 'hsh auso', Telefon: '0331 1234' }, mapping, lookups);
    expect(r.issues).toEqual([]);
    expect(r.values).toEqual({ ars: '012072000000', name: 'Landkreis Teltow-Fläming', stateId: BB, population: 168296, specialistSystemId: 'auso' });
    expect(r.defaults).toEqual({ kind: 'FOREIGNERS_AUTHORITY', level: 'DISTRICT' });
    expect(readAuthorityRow({ ARS: '120540000000', Behörde: 'Potsdam, Stadt' }, mapping, lookups).defaults).toEqual({ kind: 'FOREIGNERS_AUTHORITY', stateId: BB, level: 'DISTRICT_FREE_CITY' });
  });

  it('names the column and the reason of every cell it cannot read; blank cells give no value', () => {
    const r = readAuthorityRow({ ARS: '', Behörde: 'X', Land: 'Preußen', Einwohner: '12,5', Fachverfahren: 'Excel', Ebene: 'Bezirk' }, mapping, lookups);
    expect(r.values).toEqual({ name: 'X' });
    expect(r.issues.map((i) => [i.column, i.field, i.code])).toEqual([
      ['Land', 'stateId', 'IMPORT_UNKNOWN_STATE'],
      ['Einwohner', 'population', 'NOT_WHOLE_NUMBER'],
      ['Fachverfahren', 'specialistSystemId', 'IMPORT_UNKNOWN_SPECIALIST_SYSTEM'],
      ['Ebene', 'level', 'IMPORT_UNKNOWN_VALUE'],
    ]);
    expect(r.issues[0].message).toBe('names no state: "Preußen" (a state code like BB or a state name)');
    expect(readAuthorityRow({ Ebene: 'kreisfreie Stadt' }, mapping, lookups).values).toEqual({ level: 'DISTRICT_FREE_CITY' });
    expect(readAuthorityRow({ Ebene: 'DISTRICT' }, mapping, lookups).values).toEqual({ level: 'DISTRICT' });
  });

  it('compares with the stored record and fingerprints rows for duplicates', () => {
    expect(changesOf({ name: 'A', population: 5, website: null }, { name: 'A', population: 6, website: undefined })).toEqual({ population: { from: 5, to: 6 } });
    expect(rowFingerprint({ ARS: '1', Behörde: ' X ', Telefon: '1' }, mapping)).toBe(rowFingerprint({ ARS: '1', Behörde: 'X', Telefon: '2' }, mapping));
  });
});

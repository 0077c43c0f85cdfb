import { ISSUE_TEMPLATES, REASON_TEMPLATES, checkAdvance, checkPassword, signedForYear, validateAuthority, validateCostKey, validateServiceCost, DEFAULT_STAGES } from '@efa/domain';
import polyglotI18nProvider from 'ra-i18n-polyglot';
import de from '../i18n/de';
import en from '../i18n/en';
import { codedMessages, localizeCoded } from './codedMessages';

const i18n = (locale: 'de' | 'en') => polyglotI18nProvider(() => (locale === 'en' ? en : de), locale);
const placeholders = (text: string) => [...text.matchAll(/%\{(\w+)\}/g)].map((m) => m[1]).sort();
const stages = DEFAULT_STAGES.map((s) => ({ key: s.key, position: s.position, nameDe: s.name.de, nameEn: s.name.en }));

describe('coded reasons and issues in the console', () => {
  it('has a German and an English text for every code of libs/domain, with the same placeholders', () => {
    for (const [kind, codes] of [['reason', Object.keys(REASON_TEMPLATES)], ['issue', Object.keys(ISSUE_TEMPLATES)]] as const) {
      const deTexts = codedMessages.de[kind] as Record<string, string>;
      const enTexts = codedMessages.en[kind] as Record<string, string>;
      expect(Object.keys(deTexts).sort()).toEqual([...codes].sort());
      expect(Object.keys(enTexts).sort()).toEqual([...codes].sort());
      for (const code of codes) expect([code, placeholders(deTexts[code])]).toEqual([code, placeholders(enTexts[code])]);
    }
  });

  it('translates a refusal of libs/domain: the milestone in the chosen language, the stage by its name', () => {
    const milestones = [{ key: 'TEST_APPLICATION', nameDe: 'Testantrag Ende-zu-Ende erfolgreich', nameEn: 'Test application received end to end', stage: 'TEST', required: true, status: 'OPEN' }];
    const { reasons } = checkAdvance({ stage: 'TEST', status: 'ACTIVE' }, { stages, milestones, blockers: [{ title: 'DVDV', severity: 'BLOCKING' }], contractSigned: false });
    const german = reasons.map((r) => localizeCoded('reason', r, i18n('de').translate, 'de', stages));
    expect(german).toEqual([
      'Offenes blockierendes Hemmnis: DVDV',
      'Der Nachnutzungsvertrag des Landes für diese Leistung ist nicht unterzeichnet.',
      'Pflicht-Meilenstein nicht erledigt: Testantrag Ende-zu-Ende erfolgreich (Test)',
    ]);
    expect(localizeCoded('reason', reasons[2], i18n('en').translate, 'en', stages)).toBe('required milestone not done: Test application received end to end (Test)');
  });

  it('translates validation issues with their params and contract statuses by their labels', () => {
    const [ars] = validateAuthority({ name: 'ABH', kind: 'FOREIGNERS_AUTHORITY', level: 'DISTRICT', stateCode: 'BB', ars: '150850000000' });
    expect(localizeCoded('issue', ars, i18n('de').translate, 'de')).toBe('beginnt mit 15 (Sachsen-Anhalt), die Behörde gehört aber zu Brandenburg (12)');
    expect(localizeCoded('issue', checkPassword('short')[0], i18n('de').translate, 'de')).toBe('muss mindestens 12 Zeichen lang sein');
    const signed = { code: 'REQUIRED_FOR_STATUS', params: { status: 'SIGNED' }, message: 'is required when the status is SIGNED' };
    expect(localizeCoded('issue', signed, i18n('de').translate, 'de')).toBe('ist beim Status „Unterzeichnet“ erforderlich');
  });

  it('translates the issues of cost keys and yearly costs, and why a state pays nothing (dates as the locale writes them)', () => {
    const de = i18n('de').translate;
    const [missing] = validateCostKey({ name: 'K', kind: 'KOENIGSTEINER', year: 2016, factors: [{ stateCode: 'BB', value: 1 }] });
    expect(localizeCoded('issue', missing, de, 'de')).toMatch(/^braucht einen Wert für jedes der 16 Länder; es fehlen: SH, HH, /);
    const [year, cents] = validateServiceCost({ year: 1990, operationCents: -1, maintenanceCents: 0 });
    expect(localizeCoded('issue', year, de, 'de')).toBe('muss ein Jahr zwischen 2000 und 2100 sein (angegeben: 1990)');
    expect(localizeCoded('issue', cents, de, 'de')).toBe('muss ein ganzzahliger, nicht negativer Centbetrag sein (angegeben: -1)');
    const later = signedForYear({ signedAt: '2024-03-01', terminatedAt: null }, 2023);
    const reason = later.signed ? undefined : { code: later.reason, params: later.params, message: later.message };
    expect(localizeCoded('reason', reason!, de, 'de')).toBe('Erst am 01.03.2024 unterzeichnet, also nach 2023');
    expect(localizeCoded('reason', reason!, i18n('en').translate, 'en')).toBe('Signed only on 01/03/2024, after 2023');
    expect(localizeCoded('reason', { code: 'NO_CONTRACT', params: {}, message: 'no reuse contract for this service' }, de, 'de')).toBe('Kein Nachnutzungsvertrag für diese Leistung');
  });

  it('shows the English message of an unknown code or an uncoded text', () => {
    expect(localizeCoded('reason', { code: 'SOMETHING_NEW', params: {}, message: 'a newer rule' }, i18n('de').translate, 'de')).toBe('a newer rule');
    expect(localizeCoded('issue', { message: 'is taken' }, i18n('de').translate, 'de')).toBe('is taken');
  });
});

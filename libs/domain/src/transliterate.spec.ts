import { spellOutGerman } from './transliterate.js';

describe('spellOutGerman', () => {
  it('lower case with ä→ae, ö→oe, ü→ue, ß→ss, capitals included', () => {
    expect(spellOutGerman('Behörden')).toBe('behoerden');
    expect(spellOutGerman('Nachnutzungsverträge')).toBe('nachnutzungsvertraege');
    expect(spellOutGerman('ÄÖÜ äöü Straße GROẞ')).toBe('aeoeue aeoeue strasse gross');
  });

  it('leaves other letters, accents, digits and separators to the caller', () => {
    expect(spellOutGerman('Café Núñez / Rhein-Kreis 2')).toBe('café núñez / rhein-kreis 2');
    expect(spellOutGerman('')).toBe('');
  });
});

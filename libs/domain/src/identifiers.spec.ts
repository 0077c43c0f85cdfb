import { agsFromArs, arsFromAgs, arsFromDistrictKey, checkArs } from './identifiers.js';

describe('ARS', () => {
  it('accepts 12 digits whose prefix is the authority state', () => {
    expect(checkArs('120620000000', 'BB')).toEqual([]);
  });

  it('rejects anything but exactly 12 digits and names the field', () => {
    expect(checkArs('12062', 'BB')).toMatchObject([{ field: 'ars', message: 'must be exactly 12 digits, got "12062"' }]);
    expect(checkArs('12062000000X', 'BB')[0].field).toBe('ars');
    expect(checkArs('', 'BB')[0].message).toMatch(/required/);
    expect(checkArs(undefined, 'BB')[0].message).toMatch(/required/);
  });

  it('rejects a prefix that is no state', () => {
    expect(checkArs('990620000000', 'BB')[0].message).toMatch(/no state's regional key/);
    expect(checkArs('000620000000', undefined)[0].message).toMatch(/no state's regional key/);
  });

  it('rejects a prefix of another state and says which', () => {
    const [issue] = checkArs('150850000000', 'BB');
    expect(issue.field).toBe('ars');
    expect(issue.message).toContain('Sachsen-Anhalt');
    expect(issue.message).toContain('Brandenburg');
  });

  it('derives ARS from a district key and converts between ARS and AGS', () => {
    expect(arsFromDistrictKey(12062)).toBe('120620000000');
    expect(arsFromDistrictKey('1001')).toBe('010010000000');
    expect(arsFromAgs('12054000')).toBe('120540000000');
    expect(agsFromArs('120545000123')).toBe('12054123');
    expect(() => arsFromDistrictKey('123456')).toThrow(/5 digits/);
    expect(() => arsFromAgs('1205')).toThrow(/8 digits/);
    expect(() => agsFromArs('1205')).toThrow(/12 digits/);
  });
});

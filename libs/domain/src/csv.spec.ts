import { neutralizeFormula } from './csv.js';

describe('neutralizeFormula', () => {
  it('prefixes an apostrophe to text starting with =, +, -, @, tab or CR', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(neutralizeFormula(`${start}SUM(A1)`)).toBe(`'${start}SUM(A1)`);
    expect(neutralizeFormula('=HYPERLINK("https://evil.example","x")')).toBe('\'=HYPERLINK("https://evil.example","x")');
  });

  it('leaves other text alone, also with those characters later on', () => {
    for (const text of ['Teltow-Fläming', 'a=b', ' =1', '', "'quoted", 'https://apply.example/x?a=1', '2027-Q1']) expect(neutralizeFormula(text)).toBe(text);
  });
});

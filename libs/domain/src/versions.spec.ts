import { compareVersions, supportsStandardVersion } from './versions.js';

describe('standard versions', () => {
  it('compares dotted versions numerically', () => {
    expect(compareVersions('1.15', '1.17')).toBe(-1);
    expect(compareVersions('1.17', '1.9')).toBe(1);
    expect(compareVersions('1.17', '1.17.0')).toBe(0);
    expect(compareVersions('2', '1.99')).toBe(1);
  });

  it('decides whether a specialist system meets the required XAusländer version', () => {
    expect(supportsStandardVersion(['1.15', '1.17'], '1.17')).toBe(true);
    expect(supportsStandardVersion(['1.15'], '1.17')).toBe(false);
    expect(supportsStandardVersion([], null)).toBe(true);
    expect(supportsStandardVersion(['1.18'], '1.17')).toBe(true);
  });
});

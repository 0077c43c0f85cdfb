import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from '@jest/globals';
import { formatDate, formatQuarter, pickLang } from './texts.js';

/** The budget of the issue: the embeddable component is at most 20 kB gzip (Lit included). */
const BUDGET_GZIP_BYTES = 20 * 1024;
const DIST = path.resolve('apps/widget/dist');

describe('<efa-rollout-status> bundle', () => {
  it('is built (npm run build) as one ES module within the size budget', () => {
    const file = path.join(DIST, 'efa-rollout-status.js');
    expect(fs.existsSync(file)).toBe(true);
    const code = fs.readFileSync(file);
    const gzip = zlib.gzipSync(code, { level: 9 }).length;
    expect(gzip).toBeLessThanOrEqual(BUDGET_GZIP_BYTES);
    // one self-contained module: no imports left to resolve on the embedding page
    expect(code.toString('utf8')).not.toMatch(/\bimport\s*[^(]*?from\s*["']/);
    expect(code.toString('utf8')).toContain('efa-rollout-status');
    // the build's measurement is of this very file
    const size = JSON.parse(fs.readFileSync(path.join(DIST, 'size.json'), 'utf8'));
    expect(size).toMatchObject({ bytes: code.length, gzipBytes: gzip, budgetGzipBytes: BUDGET_GZIP_BYTES });
  });
});

describe('component texts', () => {
  it('formats dates and quarters per language', () => {
    expect(formatDate('2026-03-09', 'de')).toBe('09.03.2026');
    expect(formatDate('2026-03-09', 'en')).toBe('9 March 2026');
    expect(formatDate(null, 'de')).toBeNull();
    expect(formatQuarter('2027-Q1', 'de')).toBe('1. Quartal 2027');
    expect(formatQuarter('2027-Q4', 'en')).toBe('Q4 2027');
    expect(pickLang('en-GB')).toBe('en');
    expect(pickLang('de')).toBe('de');
    expect(pickLang(undefined)).toBe('de');
  });
});

// Jest's test order: the slowest files first, so that the two CI workers end together (longest
// processing time first). Jest's own sequencer orders by the durations of the previous run, kept in
// its cache; a clean clone (CI) has none, and jest then orders by file size, which puts the short but
// slow browser files last. Here a file without a duration of its own gets an estimate by its kind.
// Plain JavaScript: jest loads the sequencer before any transform.
import fs from 'node:fs';
import path from 'node:path';
import TestSequencerModule from '@jest/test-sequencer';

const TestSequencer = TestSequencerModule.default ?? TestSequencerModule;

/** Rough seconds of a file of each kind on the CI (2 cores, 2 workers), before its size is counted. */
const BASE_SECONDS = [
  [`${path.sep}tests${path.sep}e2e${path.sep}`, 40],
  [`${path.sep}tests${path.sep}faults${path.sep}`, 30],
  [`${path.sep}tests${path.sep}smoke${path.sep}`, 20],
  [`${path.sep}tests${path.sep}api${path.sep}`, 5],
];

/** Estimated seconds of a test file jest has no duration of: its kind, plus a second per 1,000 bytes. */
export function estimateSeconds(testPath) {
  const base = BASE_SECONDS.find(([dir]) => testPath.includes(dir))?.[1] ?? 0;
  let size = 0;
  try {
    size = fs.statSync(testPath).size;
  } catch {
    // a file that is gone sorts by its kind only
  }
  return base + size / 1000;
}

export default class SlowFirstSequencer extends TestSequencer {
  sort(tests) {
    const seconds = new Map();
    for (const test of tests) {
      const [failed, measured] = [this.hasFailed(test), this.time(test)];
      // jest's cache holds milliseconds
      seconds.set(test, { failed, estimate: measured != null ? measured / 1000 : estimateSeconds(test.path) });
      test.duration = measured ?? undefined;
    }
    return [...tests].sort((a, b) => {
      const [x, y] = [seconds.get(a), seconds.get(b)];
      if (x.failed !== y.failed) return x.failed ? -1 : 1;
      return y.estimate - x.estimate;
    });
  }
}

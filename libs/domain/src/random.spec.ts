import { mulberry32 } from './random.js';

describe('mulberry32', () => {
  it('the same seed gives the same numbers (the demo story and the soak depend on it)', () => {
    const a = mulberry32(20201201);
    expect([a(), a(), a()]).toEqual([0.16233736230060458, 0.8320254785940051, 0.7831387226469815]);
    const b = mulberry32(20261202);
    const c = mulberry32(20261202);
    expect(Array.from({ length: 5 }, b)).toEqual(Array.from({ length: 5 }, c));
  });

  it('numbers lie in [0, 1) and differ between seeds', () => {
    const r = mulberry32(1);
    for (let i = 0; i < 10_000; i++) {
      const x = r();
      expect(x >= 0 && x < 1).toBe(true);
    }
    expect(mulberry32(1)()).not.toBe(mulberry32(2)());
  });
});

/**
 * mulberry32: small, fast, seeded pseudo-random numbers in [0, 1). The demo seed's story and the
 * soak (tests/support/soak.js, CI test and benchmark) use it, so a run is reproducible from its
 * seed. Not for anything secret.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

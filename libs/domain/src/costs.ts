/**
 * Cost allocation: the total costs of a contract year are shared among the
 * states that signed for that year, by a key (Königsteiner Schlüssel, or a
 * weighted combined key), renormalised over the signing states, in cents,
 * adding up exactly to the total (largest-remainder rounding).
 */

export interface KeyShare {
  stateCode: string;
  /** The state's share in the key (any non-negative scale: percent, counts, fractions). */
  weight: number;
}

export interface Allocation {
  stateCode: string;
  /** The state's renormalised share of the total, 0..1. */
  share: number;
  cents: number;
}

/**
 * Splits `totalCents` over the given states in proportion to their weights.
 * Largest remainder (Hamilton): every state gets the floor of its exact
 * amount, the cents left go one each to the largest remainders (ties broken
 * by state code, so the result does not depend on the input order).
 */
export function allocateCosts(totalCents: number, shares: readonly KeyShare[]): Allocation[] {
  if (!Number.isSafeInteger(totalCents) || totalCents < 0) throw new RangeError(`totalCents must be a non-negative whole number of cents, got ${totalCents}`);
  const seen = new Set<string>();
  for (const s of shares) {
    if (!(Number.isFinite(s.weight) && s.weight >= 0)) throw new RangeError(`the weight of ${s.stateCode} must be a non-negative number, got ${s.weight}`);
    if (seen.has(s.stateCode)) throw new RangeError(`${s.stateCode} appears twice in the key`);
    seen.add(s.stateCode);
  }
  const sorted = [...shares].sort((a, b) => (a.stateCode < b.stateCode ? -1 : a.stateCode > b.stateCode ? 1 : 0));
  const sum = sorted.reduce((acc, s) => acc + s.weight, 0);
  if (sorted.length === 0) {
    if (totalCents === 0) return [];
    throw new RangeError('no state to share the costs among');
  }
  if (sum <= 0) throw new RangeError('the key gives every signing state a weight of 0');
  const exact = sorted.map((s) => (totalCents * s.weight) / sum);
  const floors = exact.map((x) => Math.floor(x));
  let left = totalCents - floors.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, rest: x - floors[i] })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i]++;
    left--;
  }
  return sorted.map((s, i) => ({ stateCode: s.stateCode, share: s.weight / sum, cents: floors[i] }));
}

export interface CombinedKeyPart {
  /** e.g. "third-country nationals" or "foreigners' authorities" */
  name: string;
  weight: number;
  values: readonly KeyShare[];
}

/**
 * A combined key: each part's values normalised to shares, then mixed by the
 * parts' weights (e.g. 50 % share of third-country nationals + 50 % share of
 * foreigners' authorities). States missing in a part count 0 there.
 */
export function combineKeys(parts: readonly CombinedKeyPart[]): KeyShare[] {
  const totalWeight = parts.reduce((a, p) => a + p.weight, 0);
  if (!(totalWeight > 0)) throw new RangeError('a combined key needs parts with positive weights');
  const result = new Map<string, number>();
  for (const part of parts) {
    if (!(part.weight >= 0)) throw new RangeError(`the weight of ${part.name} must not be negative`);
    const sum = part.values.reduce((a, v) => a + v.weight, 0);
    if (sum <= 0) throw new RangeError(`${part.name} has no values`);
    for (const v of part.values) result.set(v.stateCode, (result.get(v.stateCode) ?? 0) + (part.weight / totalWeight) * (v.weight / sum));
  }
  return [...result.entries()].map(([stateCode, weight]) => ({ stateCode, weight }));
}

/**
 * Cost allocation: the total costs of a contract year are shared among the
 * states that signed for that year, by a key (Königsteiner Schlüssel, or a
 * weighted combined key), renormalised over the signing states, in cents,
 * adding up exactly to the total (largest-remainder rounding).
 */

import type { FieldIssue } from './errors.js';
import { issueAt as issue, refusalReason, type MessageParams } from './messages.js';
import { STATE_CODES, isStateCode, type StateCode } from './states.js';

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

// ---------------------------------------------------------------------------
// Cost keys as data, service costs, and who pays in a contract year.
// ---------------------------------------------------------------------------

/** KOENIGSTEINER: one factor per state (e.g. the published percentages); COMBINED: weighted components. */
export const CostKeyKind = {
  KOENIGSTEINER: 'KOENIGSTEINER',
  COMBINED: 'COMBINED',
} as const;
export type CostKeyKind = (typeof CostKeyKind)[keyof typeof CostKeyKind];
export const COST_KEY_KINDS: readonly CostKeyKind[] = Object.values(CostKeyKind);

/** Years a cost key or a contract year's costs may name (the database checks the same range). */
export const COST_YEAR_MIN = 2000;
export const COST_YEAR_MAX = 2100;

/** One state's value in a key or a key component (any non-negative scale). */
export interface StateValue {
  stateCode: string;
  value: number;
}

export interface CostKeyComponent {
  /** e.g. "Drittstaatsangehörige" or "Ausländerbehörden" */
  name: string;
  /** Relative weight of the component (weights are normalised by their sum). */
  weight: number;
  values: readonly StateValue[];
}

export interface CostKeyData {
  name: string;
  kind: CostKeyKind | string;
  year: number;
  /** KOENIGSTEINER: the 16 states' factors. */
  factors?: readonly StateValue[] | null;
  /** COMBINED: the weighted components, each with the 16 states' values. */
  components?: readonly CostKeyComponent[] | null;
}

const isNonNegative = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** Checks one set of per-state values: each of the 16 states exactly once, non-negative, not all zero. */
function stateValueIssues(field: string, values: readonly StateValue[] | null | undefined): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const list = values ?? [];
  const seen = new Set<string>();
  const negative: string[] = [];
  for (const v of list) {
    if (!isStateCode(v.stateCode)) issues.push(issue(field, 'NOT_A_STATE_CODE_OF', { input: v.stateCode, values: STATE_CODES.join(', ') }));
    else if (seen.has(v.stateCode)) issues.push(issue(field, 'STATE_LISTED_TWICE', { stateCode: v.stateCode }));
    else seen.add(v.stateCode);
    if (!isNonNegative(v.value)) negative.push(`${v.stateCode} ${v.value}`);
  }
  if (negative.length) issues.push(issue(field, 'VALUES_NEGATIVE', { values: negative.join(', ') }));
  const missing = STATE_CODES.filter((c) => !seen.has(c));
  if (missing.length) issues.push(issue(field, 'STATES_MISSING', { missing: missing.join(', ') }));
  if (issues.length === 0 && !list.some((v) => v.value > 0)) issues.push(issue(field, 'ALL_VALUES_ZERO'));
  return issues;
}

/** Domain validation of a cost key as it would be stored. Field names match the GraphQL arguments. */
export function validateCostKey(key: CostKeyData): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!key.name?.trim()) issues.push(issue('name', 'REQUIRED'));
  else if (key.name.length > 200) issues.push(issue('name', 'NAME_TOO_LONG', { max: 200 }));
  if (!(COST_KEY_KINDS as readonly string[]).includes(key.kind)) issues.push(issue('kind', 'NOT_ONE_OF', { values: COST_KEY_KINDS.join(', '), input: String(key.kind) }));
  issues.push(...yearIssues('year', key.year));
  const factors = key.factors ?? [];
  const components = key.components ?? [];
  if (key.kind === CostKeyKind.KOENIGSTEINER) {
    issues.push(...stateValueIssues('factors', factors));
    if (components.length) issues.push(issue('components', 'KOENIGSTEINER_NO_COMPONENTS'));
  } else if (key.kind === CostKeyKind.COMBINED) {
    if (factors.length) issues.push(issue('factors', 'COMBINED_NO_FACTORS'));
    if (components.length === 0) issues.push(issue('components', 'COMBINED_NEEDS_COMPONENT'));
    const names = new Set<string>();
    components.forEach((c, i) => {
      const at = `components[${i}]`;
      if (!c.name?.trim()) issues.push(issue(`${at}.name`, 'REQUIRED'));
      else if (names.has(c.name.trim())) issues.push(issue(`${at}.name`, 'COMPONENT_NAME_TAKEN', { name: c.name }));
      else names.add(c.name.trim());
      if (!isNonNegative(c.weight)) issues.push(issue(`${at}.weight`, 'NOT_NON_NEGATIVE_NUMBER', { value: String(c.weight) }));
      issues.push(...stateValueIssues(`${at}.values`, c.values));
    });
    if (components.length && components.every((c) => isNonNegative(c.weight)) && !(components.reduce((s, c) => s + c.weight, 0) > 0)) {
      issues.push(issue('components', 'WEIGHTS_SUM_ZERO'));
    }
  }
  return issues;
}

export function yearIssues(field: string, year: unknown): FieldIssue[] {
  if (typeof year !== 'number' || !Number.isInteger(year) || year < COST_YEAR_MIN || year > COST_YEAR_MAX) {
    return [issue(field, 'YEAR_OUT_OF_RANGE', { min: COST_YEAR_MIN, max: COST_YEAR_MAX, value: String(year) })];
  }
  return [];
}

/** A valid key's weight per state: the factors, or the weighted mix of the normalised components (combineKeys). */
export function keySharesOf(key: Pick<CostKeyData, 'kind' | 'factors' | 'components'>): KeyShare[] {
  if (key.kind === CostKeyKind.COMBINED) {
    return combineKeys((key.components ?? []).map((c) => ({ name: c.name, weight: c.weight, values: c.values.map((v) => ({ stateCode: v.stateCode, weight: v.value })) })));
  }
  return (key.factors ?? []).map((f) => ({ stateCode: f.stateCode, weight: f.value }));
}

/** The key's share per state over all 16 states, 0..1, in the order of STATE_CODES (states the key omits get 0). */
export function normalisedKey(key: Pick<CostKeyData, 'kind' | 'factors' | 'components'>): KeyShare[] {
  const shares = keySharesOf(key);
  const sum = shares.reduce((s, k) => s + k.weight, 0);
  const byCode = new Map(shares.map((s) => [s.stateCode, s.weight]));
  return STATE_CODES.map((stateCode) => ({ stateCode, weight: sum > 0 ? (byCode.get(stateCode) ?? 0) / sum : 0 }));
}

export interface ServiceCostData {
  year: number;
  operationCents: number;
  maintenanceCents: number;
}

/** Amounts are whole, non-negative cents (safe integers; the API carries them as strings). */
export function validateServiceCost(cost: ServiceCostData): FieldIssue[] {
  const issues = yearIssues('year', cost.year);
  for (const field of ['operationCents', 'maintenanceCents'] as const) {
    const v = cost[field];
    if (!Number.isSafeInteger(v) || v < 0) issues.push(issue(field, 'NOT_CENTS', { value: String(v) }));
  }
  if (issues.length === 0 && !Number.isSafeInteger(cost.operationCents + cost.maintenanceCents)) issues.push(issue('maintenanceCents', 'TOTAL_TOO_LARGE'));
  return issues;
}

/** Why a state pays nothing in a contract year. */
export const NonPayingReason = {
  NO_CONTRACT: 'NO_CONTRACT',
  NOT_SIGNED: 'NOT_SIGNED',
  SIGNED_LATER: 'SIGNED_LATER',
  TERMINATED_BEFORE: 'TERMINATED_BEFORE',
  ZERO_IN_KEY: 'ZERO_IN_KEY',
} as const;
export type NonPayingReason = (typeof NonPayingReason)[keyof typeof NonPayingReason];

/** Why a state pays nothing: the reason (a reason code of messages.ts), its params (dates, year) and the English message. */
export interface NonPaying {
  reason: NonPayingReason;
  params: MessageParams;
  message: string;
}

function nonPaying(reason: NonPayingReason, params: MessageParams = {}): NonPaying {
  const { params: p, message } = refusalReason(reason, params);
  return { reason, params: p, message };
}

export interface ContractDates {
  signedAt: string | null;
  terminatedAt: string | null;
}

/**
 * Has the state signed for the contract year? Yes when its contract was
 * signed on or before 31 December of that year and not terminated before
 * 1 January of it (a termination during the year still pays for the year).
 */
export function signedForYear(contract: ContractDates | null | undefined, year: number): { signed: true } | ({ signed: false } & NonPaying) {
  if (!contract) return { signed: false, ...nonPaying(NonPayingReason.NO_CONTRACT) };
  if (!contract.signedAt) return { signed: false, ...nonPaying(NonPayingReason.NOT_SIGNED) };
  if (contract.signedAt > `${year}-12-31`) return { signed: false, ...nonPaying(NonPayingReason.SIGNED_LATER, { signedAt: contract.signedAt, year }) };
  if (contract.terminatedAt && contract.terminatedAt < `${year}-01-01`) {
    return { signed: false, ...nonPaying(NonPayingReason.TERMINATED_BEFORE, { terminatedAt: contract.terminatedAt, year }) };
  }
  return { signed: true };
}

export interface StateAllocation {
  stateCode: string;
  /** The state's share in the key over all 16 states, 0..1. */
  keyShare: number;
  /** Its share of the total, renormalised over the paying states, 0..1 (0 for states that do not pay). */
  share: number;
  cents: number;
  pays: boolean;
  reason: NonPayingReason | null;
  /** The reason's params (signedAt or terminatedAt, year), for clients that translate the reason code. */
  params: MessageParams | null;
  /** Why the state pays nothing, in words (English; the console translates the reason code with the params). */
  message: string | null;
}

/** Nobody can pay a contract year's costs: no state signed for it, or every signing state has 0 in the key. */
export class NobodyPaysError extends RangeError {
  constructor(
    readonly reason: 'NO_STATE_SIGNED' | 'SIGNERS_ZERO_IN_KEY',
    readonly year: number,
  ) {
    super(reason === 'NO_STATE_SIGNED' ? `no state has signed for ${year}` : `every state that signed for ${year} has 0 in the key`);
    this.name = 'NobodyPaysError';
  }
}

/**
 * Shares a contract year's total by a key among the states that signed for
 * that year (renormalised over them, largest remainder: exact to the cent).
 * Every state of the key is listed; the others with 0 and the reason.
 * Throws a RangeError when nobody can pay (no signing state, or every signing state has 0 in the key).
 */
export function allocateAmongSigners(totalCents: number, key: readonly KeyShare[], contracts: ReadonlyMap<string, ContractDates>, year: number): StateAllocation[] {
  const sum = key.reduce((s, k) => s + k.weight, 0);
  const status = new Map(key.map((k) => [k.stateCode, signedForYear(contracts.get(k.stateCode), year)]));
  const payers = key.filter((k) => status.get(k.stateCode)!.signed);
  if (payers.length === 0) throw new NobodyPaysError('NO_STATE_SIGNED', year);
  if (!payers.some((k) => k.weight > 0)) throw new NobodyPaysError('SIGNERS_ZERO_IN_KEY', year);
  const amounts = new Map(allocateCosts(totalCents, payers).map((a) => [a.stateCode, a]));
  return [...key]
    .sort((a, b) => STATE_CODES.indexOf(a.stateCode as StateCode) - STATE_CODES.indexOf(b.stateCode as StateCode))
    .map((k) => {
      const s = status.get(k.stateCode)!;
      const keyShare = sum > 0 ? k.weight / sum : 0;
      if (!s.signed) return { stateCode: k.stateCode, keyShare, share: 0, cents: 0, pays: false, reason: s.reason, params: s.params, message: s.message };
      const a = amounts.get(k.stateCode)!;
      if (k.weight === 0) return { stateCode: k.stateCode, keyShare, share: 0, cents: 0, pays: false, ...nonPaying(NonPayingReason.ZERO_IN_KEY) };
      return { stateCode: k.stateCode, keyShare, share: a.share, cents: a.cents, pays: true, reason: null, params: null, message: null };
    });
}

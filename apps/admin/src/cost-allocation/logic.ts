/**
 * The key comparison's table, totals and CSV, pure (tested in
 * logic.spec.ts). Amounts arrive as cents in strings of digits (the API's
 * Cents scalar); sums use BigInt, so they stay exact beyond 2^53.
 */
import { centsToEuroString } from '../common/money';
import { toCsv } from '../onboardings/logic';

/** Re-exported for the cost views (it lives in common/money.ts). */
export { centsToEuroString };

export interface StateCostShare {
  stateId: string;
  stateCode: string;
  stateName: string;
  keyShare: number;
  share: number;
  cents: string;
  pays: boolean;
  /** Why the state pays nothing: a reason code of libs/domain (messages.ts), its params and the English message. */
  reason: string | null;
  params?: Record<string, unknown> | null;
  message: string | null;
}

export interface KeyAllocation {
  keyId: string;
  keyName: string;
  keyKind: string;
  keyYear: number;
  totalCents: string;
  payingStates: number;
  states: StateCostShare[];
}

export interface CostAllocation {
  serviceId: string;
  serviceName: string;
  year: number;
  operationCents: string;
  maintenanceCents: string;
  totalCents: string;
  keys: KeyAllocation[];
}


/** Cents as a locale-formatted euro amount ("1.234,56 €" in German), exact (Intl formats decimal strings). */
export function formatEuro(cents: string | bigint, intlLocale: string): string {
  const format = new Intl.NumberFormat(intlLocale, { style: 'currency', currency: 'EUR' }).format as (value: string) => string;
  return format(centsToEuroString(cents));
}

/** A share 0..1 as a locale-formatted percentage with three decimals ("21,144 %"). */
export function formatShare(share: number, intlLocale: string): string {
  return new Intl.NumberFormat(intlLocale, { style: 'percent', minimumFractionDigits: 3, maximumFractionDigits: 3 }).format(share);
}

export interface ComparisonRow {
  stateId: string;
  stateCode: string;
  stateName: string;
  cells: StateCostShare[];
}

/** States × keys: one row per state (in the API's order), one cell per key. */
export function comparisonRows(allocation: CostAllocation): ComparisonRow[] {
  const first = allocation.keys[0]?.states ?? [];
  return first.map((s) => ({
    stateId: s.stateId,
    stateCode: s.stateCode,
    stateName: s.stateName,
    cells: allocation.keys.map((k) => k.states.find((x) => x.stateCode === s.stateCode)!),
  }));
}

/** Per key: the sum of the states' cents (always the recorded total) and of their shares. */
export function totalsOf(allocation: CostAllocation): Array<{ keyId: string; cents: string; share: number }> {
  return allocation.keys.map((k) => ({
    keyId: k.keyId,
    cents: k.states.reduce((sum, s) => sum + BigInt(s.cents), 0n).toString(),
    share: k.states.reduce((sum, s) => sum + s.share, 0),
  }));
}

/** CSV: one row per state and a total row; per key its share (fraction) and amount (EUR, dot decimal), machine-readable. */
export function comparisonCsv(allocation: CostAllocation, reasonText: (s: StateCostShare) => string): string {
  const column = (k: KeyAllocation, what: string) => `${k.keyName} (${k.keyYear}) ${what}`;
  const rows: Record<string, unknown>[] = comparisonRows(allocation).map((row) => {
    const out: Record<string, unknown> = { state: row.stateName, code: row.stateCode };
    allocation.keys.forEach((k, i) => {
      const cell = row.cells[i];
      out[column(k, 'share')] = cell.share;
      out[column(k, 'EUR')] = centsToEuroString(cell.cents);
      out[column(k, 'note')] = cell.pays ? '' : reasonText(cell);
    });
    return out;
  });
  const total: Record<string, unknown> = { state: 'Total', code: '' };
  const totals = totalsOf(allocation);
  allocation.keys.forEach((k, i) => {
    total[column(k, 'share')] = Math.round(totals[i].share * 1e9) / 1e9;
    total[column(k, 'EUR')] = centsToEuroString(totals[i].cents);
    total[column(k, 'note')] = '';
  });
  return toCsv([...rows, total]);
}

/**
 * Money as the API sends it: cents as a string of digits (GraphQL `Cents`).
 * A module of its own (no imports), so the lists' export can use it without
 * pulling the cost-allocation page's logic into a shared chunk.
 */

/** Cents (digits) as an exact decimal string of euros: "123456" -> "1234.56". */
export function centsToEuroString(cents: string | bigint): string {
  const value = BigInt(cents);
  const sign = value < 0n ? '-' : '';
  const abs = value < 0n ? -value : value;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** Compares dotted version numbers ("1.15" < "1.17" < "1.17.1"). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((p) => Number.parseInt(p, 10));
  const pb = b.split('.').map((p) => Number.parseInt(p, 10));
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

export const VERSION_PATTERN = /^\d+(\.\d+){0,3}$/;

/** Does a specialist system that supports these standard versions meet the required one? */
export function supportsStandardVersion(supported: readonly string[], required: string | null | undefined): boolean {
  if (!required) return true;
  return supported.some((v) => compareVersions(v, required) >= 0);
}

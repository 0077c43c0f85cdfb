export const BUDGET_KB: number;
export interface ChunkSize {
  file: string;
  bytes: number;
  gzip: number;
}
export interface ChunkSet {
  chunks: ChunkSize[];
  bytes: number;
  gzip: number;
}
export interface BundleMeasurement {
  initial: ChunkSet;
  lazy: ChunkSet;
}
export function measureBundle(dist: string): BundleMeasurement;
export function formatReport(result: BundleMeasurement, budgetKb?: number): string;

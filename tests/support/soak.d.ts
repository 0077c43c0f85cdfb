export interface SoakKindFigures {
  attempted: number;
  acknowledged: number;
  refused: number;
  errors: number;
}
export interface SoakResult {
  run: string;
  durationMs: number;
  /** HTTP requests sent (and answered, unless counted among the errors). */
  requests: number;
  reads: number;
  readErrors: number;
  writes: SoakKindFigures;
  byKind: Record<string, SoakKindFigures>;
  /** Expected refusals by code (CONFLICT, TRANSITION_NOT_ALLOWED). */
  refusedByCode: Record<string, number>;
  /** The first unexpected answers, for the report. */
  errors: string[];
  status5xx: number;
  /** Acknowledged writes missing from the audit log or the data, and lost updates. */
  lostWrites: number;
  lost: string[];
  violations: Array<{ check: string; detail: string }>;
}
export function runSoak(options: {
  url: string;
  tokens: { ADMIN: string; ROLLOUT_MANAGER: string; STATE_COORDINATOR: string; STEERING_MEMBER: string };
  sql: (sql: string, params?: unknown[]) => Promise<any[]>;
  durationMs: number;
  readers?: number;
  writers?: number;
  seed?: number;
  log?: (line: string) => void;
}): Promise<SoakResult>;

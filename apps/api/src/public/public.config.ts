/**
 * Settings of the public status endpoints (/public), from the environment:
 * - PUBLIC_RATE_LIMIT: requests per client address and window (default 300), counted across
 *   all API instances (table public_rate_limit); 0 turns the limit off (counting goes on).
 * - PUBLIC_RATE_WINDOW_SECONDS: the window (default 60).
 * - PUBLIC_RATE_FLUSH_MS: how often an instance merges its counts into the database (default 1000).
 * - PUBLIC_CACHE_MAX_AGE: Cache-Control max-age of status answers and pages, seconds (default 60).
 * - PUBLIC_STATUS_CHECK_MS: how often an instance checks public_status for changes (default 1000).
 */
export interface PublicConfig {
  rateLimit: number;
  rateWindowSeconds: number;
  rateFlushMs: number;
  cacheMaxAge: number;
  statusCheckMs: number;
}

export const PUBLIC_CONFIG = Symbol('PUBLIC_CONFIG');

function whole(value: string | undefined, fallback: number, name: string, min: number): number {
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min) throw new Error(`${name} must be a whole number of at least ${min} (got "${value}")`);
  return Number(value);
}

export function loadPublicConfig(env: NodeJS.ProcessEnv = process.env): PublicConfig {
  return {
    rateLimit: whole(env.PUBLIC_RATE_LIMIT, 300, 'PUBLIC_RATE_LIMIT', 0),
    rateWindowSeconds: whole(env.PUBLIC_RATE_WINDOW_SECONDS, 60, 'PUBLIC_RATE_WINDOW_SECONDS', 1),
    rateFlushMs: whole(env.PUBLIC_RATE_FLUSH_MS, 1000, 'PUBLIC_RATE_FLUSH_MS', 10),
    cacheMaxAge: whole(env.PUBLIC_CACHE_MAX_AGE, 60, 'PUBLIC_CACHE_MAX_AGE', 0),
    statusCheckMs: whole(env.PUBLIC_STATUS_CHECK_MS, 1000, 'PUBLIC_STATUS_CHECK_MS', 10),
  };
}

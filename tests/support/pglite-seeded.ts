import fs from 'node:fs';
import path from 'node:path';

/**
 * Copies the run's migrated and seeded PGlite folder (built in the background by global setup with
 * `cli.js seed`) to `dataDir`, waiting for it if it is still being built. Answers false, and copies
 * nothing, when there is none (global setup did not build it, or the build failed): the caller's
 * server then migrates and seeds its empty folder itself, as on a first start.
 */
export async function copySeededPglite(dataDir: string, timeoutMs = 240_000): Promise<boolean> {
  const dir = process.env.EFA_TEST_PGLITE_SEEDED;
  if (!dir) return false;
  const deadline = Date.now() + timeoutMs;
  while (!fs.existsSync(path.join(dir, 'ready'))) {
    if (fs.existsSync(path.join(dir, 'failed')) || !fs.existsSync(dir) || Date.now() > deadline) {
      const log = fs.existsSync(path.join(dir, 'seed.log')) ? fs.readFileSync(path.join(dir, 'seed.log'), 'utf8').slice(-2000) : '';
      console.warn(`[tests] the seeded PGlite folder of global setup is not there; the server seeds its own.\n${log}`);
      return false;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  fs.cpSync(path.join(dir, 'data'), dataDir, { recursive: true });
  return true;
}

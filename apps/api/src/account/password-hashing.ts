import argon2 from 'argon2';
import pLimit from 'p-limit';

/**
 * How many argon2id hashes or verifications run at once unless ARGON2_CONCURRENCY says otherwise.
 * One: a hash runs on one thread (~0.17 s of a core), so 1 still signs in ~6 people a second per
 * instance, and the 64 MiB it needs keeps an instance under its 300 MB budget (idle ~190 MB); 2 gave
 * 313 MB peaks in a burst of 10 sign-ins (bench/memory.mjs).
 */
export const DEFAULT_ARGON2_CONCURRENCY = 1;

/**
 * Password hashing (argon2id) with a cap on how many hashes run at once (p-limit: first come, first
 * served). Each one takes 64 MiB of memory (argon2's default memoryCost) on a libuv worker thread;
 * with the pool's 4 threads, 10 sign-ins at once held 256 MiB of hash memory and kept every core
 * busy. Past the cap, a hash waits in line; the answer is the same, later.
 *
 * One gate per process (the memory it guards is the process's): `configure` sets its size at
 * start (main, from ARGON2_CONCURRENCY). `stats` counts what ran, for tests and diagnostics.
 */
class PasswordHashing {
  private readonly limit = pLimit(DEFAULT_ARGON2_CONCURRENCY);
  /** Most hashes that ran at the same time since the last reset, and how many had to wait. */
  readonly stats = { maxRunning: 0, queued: 0 };

  get concurrency(): number {
    return this.limit.concurrency;
  }

  configure(concurrency: number): void {
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`ARGON2_CONCURRENCY must be a whole number of at least 1, got ${concurrency}`);
    this.limit.concurrency = concurrency;
  }

  resetStats(): void {
    this.stats.maxRunning = this.limit.activeCount;
    this.stats.queued = 0;
  }

  hash(password: string): Promise<string> {
    return this.run(() => argon2.hash(password, { type: argon2.argon2id }));
  }

  /** Whether `password` matches `hash`; false also for a malformed hash. */
  verify(hash: string, password: string): Promise<boolean> {
    return this.run(() => argon2.verify(hash, password)).catch(() => false);
  }

  private run<T>(work: () => Promise<T>): Promise<T> {
    if (this.limit.activeCount + this.limit.pendingCount >= this.limit.concurrency) this.stats.queued++;
    return this.limit(() => {
      this.stats.maxRunning = Math.max(this.stats.maxRunning, this.limit.activeCount);
      return work();
    });
  }
}

export const passwordHashing = new PasswordHashing();

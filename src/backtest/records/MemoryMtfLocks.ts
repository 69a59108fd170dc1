import type { Clock } from '../../platform/clock/index.ts';
import type { LockView, MtfLockStore } from '../../trading-app/mtf-runner/index.ts';
import { jsonbCopy } from './jsonbCopy.ts';

interface Lease {
  readonly owner: string;
  readonly acquiredAt: number;
  readonly expiresAt: number;
  readonly metadata: unknown;
}

/**
 * The MTF runs' leases for one backtest, in memory: the `mtf_lock` table's answers (a key is taken
 * when free or when its lease has run out; only its owner releases it) without a statement per run.
 * One process and one run at a time, so the table's row locking has nothing to arbitrate.
 * *Proven by* test/backtest/memoryMtfRecords.test.ts against `MtfLockRepository`.
 */
export class MemoryMtfLocks implements MtfLockStore {
  readonly #clock: Clock;
  readonly #leases = new Map<string, Lease>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  async acquire(
    keys: readonly string[],
    owner: string,
    ttlMs: number,
    metadata: Record<string, unknown> = {},
  ): Promise<Set<string>> {
    const now = this.#clock.now();
    const held = new Set<string>();
    for (const key of keys) {
      const lease = this.#leases.get(key);
      if (lease && lease.expiresAt > now) continue;
      this.#leases.set(key, { owner, acquiredAt: now, expiresAt: now + ttlMs, metadata: jsonbCopy(metadata) });
      held.add(key);
    }
    return held;
  }

  async release(keys: readonly string[], owner: string): Promise<void> {
    for (const key of keys) if (this.#leases.get(key)?.owner === owner) this.#leases.delete(key);
  }

  async active(): Promise<LockView[]> {
    const now = this.#clock.now();
    return [...this.#leases.entries()]
      .filter(([, lease]) => lease.expiresAt > now)
      .sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
      .map(([key, lease]) => ({
        lock_key: key,
        process_id: lease.owner,
        acquired_at: new Date(lease.acquiredAt).toISOString(),
        expires_at: new Date(lease.expiresAt).toISOString(),
        duration_seconds: Math.round((lease.expiresAt - lease.acquiredAt) / 1000),
        metadata: jsonbCopy(lease.metadata),
      }));
  }

  async forceRelease(key: string): Promise<boolean> {
    return this.#leases.delete(key);
  }

  async cleanupExpired(): Promise<number> {
    const now = this.#clock.now();
    let deleted = 0;
    for (const [key, lease] of this.#leases) {
      if (lease.expiresAt <= now) {
        this.#leases.delete(key);
        deleted += 1;
      }
    }
    return deleted;
  }
}

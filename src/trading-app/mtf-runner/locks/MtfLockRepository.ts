import { and, asc, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import type { Clock } from '../../../platform/clock/index.ts';
import type { StoreDatabase } from '../../store/openDatabase.ts';
import { mtfLocks } from '../../store/schema.ts';

/** `mtf_execution:{SYMBOL}`: the original's per-symbol lock key (docs/reference/original-system.md#orchestration). */
export const symbolLockKey = (symbol: string): string => `mtf_execution:${symbol}`;

/** A lock as `/api/mtf/lock/status` shows it (docs/reference/seed-contracts.md#mtf-routes). */
export interface LockView {
  readonly lock_key: string;
  readonly process_id: string;
  readonly acquired_at: string;
  readonly expires_at: string;
  readonly duration_seconds: number;
  readonly metadata: unknown;
}

/** The runs' per-symbol leases: the table (`MtfLockRepository`), or memory for one backtest. */
export interface MtfLockStore {
  /** Takes every free key it can (free, or its lease run out); returns the ones now held by `owner`. */
  acquire(
    keys: readonly string[],
    owner: string,
    ttlMs: number,
    metadata?: Record<string, unknown>,
  ): Promise<Set<string>>;
  /** Releases the keys `owner` holds. */
  release(keys: readonly string[], owner: string): Promise<void>;
  /** Unexpired leases, by key. */
  active(): Promise<LockView[]>;
  forceRelease(key: string): Promise<boolean>;
  cleanupExpired(): Promise<number>;
}

/**
 * Real locks in the `mtf_lock` table (the original's ran on a mock Redis, original-system.md#bug-mock-locks). Acquiring
 * is one `INSERT … ON CONFLICT DO UPDATE … WHERE expires_at <= now`: a row is taken when it is free or its
 * holder's lease has run out (a crashed run), and the database's row locking makes that atomic
 * between concurrent runs, in one process or many. Only the owner can release.
 */
export class MtfLockRepository implements MtfLockStore {
  readonly #db: StoreDatabase;
  readonly #clock: Clock;

  constructor(db: StoreDatabase, clock: Clock) {
    this.#db = db;
    this.#clock = clock;
  }

  /** Takes every free key it can; returns the ones now held by `owner`. */
  async acquire(
    keys: readonly string[],
    owner: string,
    ttlMs: number,
    metadata: Record<string, unknown> = {},
  ): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const now = this.#clock.now();
    const acquiredAt = new Date(now);
    const expiresAt = new Date(now + ttlMs);
    const rows = await this.#db
      .insert(mtfLocks)
      .values(keys.map((lockKey) => ({ lockKey, owner, acquiredAt, expiresAt, metadata })))
      .onConflictDoUpdate({
        target: mtfLocks.lockKey,
        set: {
          owner: sql`excluded.owner`,
          acquiredAt: sql`excluded.acquired_at`,
          expiresAt: sql`excluded.expires_at`,
          metadata: sql`excluded.metadata`,
        },
        setWhere: lte(mtfLocks.expiresAt, acquiredAt),
      })
      .returning({ lockKey: mtfLocks.lockKey });
    return new Set(rows.map((row) => row.lockKey));
  }

  async release(keys: readonly string[], owner: string): Promise<void> {
    if (keys.length === 0) return;
    await this.#db.delete(mtfLocks).where(and(inArray(mtfLocks.lockKey, [...keys]), eq(mtfLocks.owner, owner)));
  }

  async active(): Promise<LockView[]> {
    const now = new Date(this.#clock.now());
    const rows = await this.#db
      .select()
      .from(mtfLocks)
      .where(gt(mtfLocks.expiresAt, now))
      .orderBy(asc(mtfLocks.lockKey));
    return rows.map((row) => ({
      lock_key: row.lockKey,
      process_id: row.owner,
      acquired_at: row.acquiredAt.toISOString(),
      expires_at: row.expiresAt.toISOString(),
      duration_seconds: Math.round((row.expiresAt.getTime() - row.acquiredAt.getTime()) / 1000),
      metadata: row.metadata,
    }));
  }

  /** Deletes a lock whoever holds it (an operator's override); false when there was none. */
  async forceRelease(key: string): Promise<boolean> {
    const rows = await this.#db
      .delete(mtfLocks)
      .where(eq(mtfLocks.lockKey, key))
      .returning({ lockKey: mtfLocks.lockKey });
    return rows.length > 0;
  }

  /** Deletes leases that ran out; returns how many. */
  async cleanupExpired(): Promise<number> {
    const now = new Date(this.#clock.now());
    const rows = await this.#db
      .delete(mtfLocks)
      .where(lte(mtfLocks.expiresAt, now))
      .returning({ lockKey: mtfLocks.lockKey });
    return rows.length;
  }
}

import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryIndicatorSnapshots } from '../../src/backtest/records/MemoryIndicatorSnapshots.ts';
import { MemoryMtfLocks } from '../../src/backtest/records/MemoryMtfLocks.ts';
import { MemoryMtfRuns } from '../../src/backtest/records/MemoryMtfRuns.ts';
import { ManualClock } from '../../src/platform/clock/index.ts';
import type { MtfTimeframe } from '../../src/trading-app/mtf/timeframes.ts';
import {
  IndicatorSnapshotRepository,
  MtfLockRepository,
  MtfRunRepository,
  type RunSummary,
} from '../../src/trading-app/mtf-runner/index.ts';
import type { Database } from '../../src/trading-app/store/index.ts';
import { freshPglite } from '../support/freshPglite.ts';

const T0 = Date.UTC(2026, 0, 5);
const SYMBOLS = ['BTCUSDT', 'ETHUSDT'] as const;
const TIMEFRAMES: readonly MtfTimeframe[] = ['1m', '5m', '4h'];
const LOCK_KEYS = ['mtf_execution:BTCUSDT', 'mtf_execution:ETHUSDT', 'mtf_execution:SOLUSDT'] as const;
const OWNERS = ['run-a', 'run-b'] as const;
/** Keys of varied lengths and bytes (jsonb orders them shorter first, then by bytes); none integer-like. */
const JSON_KEYS = ['rsi', 'ema_9', 'a', 'macd_hist', 'é', 'Z', 'atr_14', 'b2'] as const;

/** JSON values a jsonb column keeps: no NUL in strings (PostgreSQL refuses it), doubles of every kind. */
const number = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0.1 + 0.2, 1e21, -0, 5e-324));
const scalar = fc.oneof(
  number,
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 6 }).map((s) => s.replaceAll('\u0000', '')),
);
const jsonObject = fc.dictionary(
  fc.constantFrom(...JSON_KEYS),
  fc.oneof(
    scalar,
    fc.array(scalar, { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...JSON_KEYS), scalar, { maxKeys: 3, noNullPrototype: true }),
  ),
  { maxKeys: 5, noNullPrototype: true },
);

type Operation =
  | { kind: 'advance'; ms: number }
  | { kind: 'acquire'; keys: string[]; owner: string; ttlMs: number; metadata: Record<string, unknown> }
  | { kind: 'release'; keys: string[]; owner: string }
  | { kind: 'forceRelease'; key: string }
  | { kind: 'cleanupExpired' }
  | { kind: 'record'; runId: string; startedAt: number; finishedAt: number; summary: Record<string, unknown> }
  | {
      kind: 'snapshots';
      drafts: { symbol: string; timeframe: MtfTimeframe; slot: number; values: Record<string, number | null> }[];
    };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  // Whole leases often, so that a lease ends exactly at a moment the test looks.
  fc.record({
    kind: fc.constant('advance' as const),
    ms: fc.oneof(fc.constantFrom(0, 30_000, 60_000), fc.integer({ min: 0, max: 120_000 })),
  }),
  fc.record({
    kind: fc.constant('acquire' as const),
    keys: fc.uniqueArray(fc.constantFrom(...LOCK_KEYS), { maxLength: 3 }),
    owner: fc.constantFrom(...OWNERS),
    ttlMs: fc.oneof(fc.constantFrom(0, 30_000, 60_000), fc.integer({ min: 0, max: 90_000 })),
    metadata: jsonObject,
  }),
  fc.record({
    kind: fc.constant('release' as const),
    keys: fc.uniqueArray(fc.constantFrom(...LOCK_KEYS), { maxLength: 3 }),
    owner: fc.constantFrom(...OWNERS),
  }),
  fc.record({ kind: fc.constant('forceRelease' as const), key: fc.constantFrom(...LOCK_KEYS) }),
  fc.record({ kind: fc.constant('cleanupExpired' as const) }),
  fc.record({
    kind: fc.constant('record' as const),
    runId: fc.constantFrom('r1', 'r2', 'r3', 'r4'),
    startedAt: fc.integer({ min: 0, max: 1_000_000 }),
    // Distinct finishing times: the table orders ties in no defined way.
    finishedAt: fc.integer({ min: 0, max: 1_000_000_000 }),
    summary: jsonObject,
  }),
  fc.record({
    kind: fc.constant('snapshots' as const),
    // One row per series and candle in a run: the table's upsert refuses the same row twice in one statement.
    drafts: fc.uniqueArray(
      fc.record({
        symbol: fc.constantFrom(...SYMBOLS),
        timeframe: fc.constantFrom(...TIMEFRAMES),
        slot: fc.integer({ min: 0, max: 6 }),
        values: fc.dictionary(fc.constantFrom(...JSON_KEYS), fc.oneof(number, fc.constant(null)), {
          maxKeys: 4,
          noNullPrototype: true,
        }),
      }),
      { selector: (draft) => `${draft.symbol}/${draft.timeframe}/${draft.slot}`, maxLength: 6 },
    ),
  }),
);

/** The exact bytes of an answer: jsonb's key order included. */
const bytes = (value: unknown): string => JSON.stringify(value);

/**
 * The backtest's MTF records in memory answer what their tables answer (docs/decisions/0031-backtest-speed.md):
 * random sequences of the runner's writes and the clock's moves go to both, and every read of each
 * port is compared to the byte after each step, jsonb's key order and numbers included.
 */
describe('the MTF records in memory against their tables', () => {
  let database: Database;

  beforeAll(async () => {
    database = await freshPglite();
  });
  afterAll(async () => {
    await database.close();
  });

  it('locks, run summaries and indicator snapshots give the same answers after the same operations', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 10 }), async (operations) => {
        await database.drizzle.execute(sql`delete from mtf_lock`);
        await database.drizzle.execute(sql`delete from mtf_runs`);
        await database.drizzle.execute(sql`delete from indicator_snapshots`);
        const clock = new ManualClock(T0);
        const tables = {
          locks: new MtfLockRepository(database.drizzle, clock),
          runs: new MtfRunRepository(database.drizzle),
          snapshots: new IndicatorSnapshotRepository(database.drizzle),
        };
        const memory = {
          locks: new MemoryMtfLocks(clock),
          runs: new MemoryMtfRuns(),
          snapshots: new MemoryIndicatorSnapshots(),
        };
        const finishedAt = new Set<number>();
        for (const op of operations) {
          switch (op.kind) {
            case 'advance':
              clock.advance(op.ms);
              break;
            case 'acquire':
              expect([...(await memory.locks.acquire(op.keys, op.owner, op.ttlMs, op.metadata))].sort()).toEqual(
                [...(await tables.locks.acquire(op.keys, op.owner, op.ttlMs, op.metadata))].sort(),
              );
              break;
            case 'release':
              await memory.locks.release(op.keys, op.owner);
              await tables.locks.release(op.keys, op.owner);
              break;
            case 'forceRelease':
              expect(await memory.locks.forceRelease(op.key)).toBe(await tables.locks.forceRelease(op.key));
              break;
            case 'cleanupExpired':
              expect(await memory.locks.cleanupExpired()).toBe(await tables.locks.cleanupExpired());
              break;
            case 'record': {
              if (finishedAt.has(op.finishedAt)) break;
              finishedAt.add(op.finishedAt);
              const summary = { ...op.summary, run_id: op.runId } as unknown as RunSummary;
              await memory.runs.record(summary, op.startedAt, op.finishedAt);
              await tables.runs.record(summary, op.startedAt, op.finishedAt);
              break;
            }
            case 'snapshots': {
              const drafts = op.drafts.map((draft) => ({
                symbol: draft.symbol,
                timeframe: draft.timeframe,
                klineTime: T0 + draft.slot * 60_000,
                values: draft.values,
              }));
              await memory.snapshots.upsertRun('run', clock.now(), drafts);
              await tables.snapshots.upsertRun('run', clock.now(), drafts);
              break;
            }
          }
          expect(bytes(await memory.locks.active())).toBe(bytes(await tables.locks.active()));
          expect(bytes(await memory.runs.last())).toBe(bytes(await tables.runs.last()));
          for (const runId of ['r1', 'r2', 'r3', 'r4']) {
            expect(bytes(await memory.runs.find(runId))).toBe(bytes(await tables.runs.find(runId)));
          }
          for (const symbol of SYMBOLS) {
            for (const timeframe of TIMEFRAMES) {
              expect(bytes(await memory.snapshots.latest(symbol, timeframe))).toBe(
                bytes(await tables.snapshots.latest(symbol, timeframe)),
              );
            }
          }
        }
      }),
      { numRuns: 30 },
    );
  }, 180_000);
});

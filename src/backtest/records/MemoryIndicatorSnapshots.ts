import type { MtfTimeframe } from '../../trading-app/mtf/timeframes.ts';
import type { IndicatorSnapshotStore } from '../../trading-app/mtf-runner/index.ts';
import type { SnapshotDraft } from '../../trading-app/mtf-runner/snapshots/snapshotValues.ts';
import { jsonbCopy } from './jsonbCopy.ts';

/**
 * The runs' indicator snapshots for one backtest, in memory. The port's only read is the newest
 * candle's snapshot of a series, so only that one is kept per (symbol, timeframe): an upsert of an
 * older candle cannot change that answer, one of the same candle replaces its values, one of a
 * newer candle becomes it. Constant memory over a year, the same answers as the
 * `indicator_snapshots` table. *Proven by* test/backtest/memoryMtfRecords.test.ts against
 * `IndicatorSnapshotRepository`.
 */
export class MemoryIndicatorSnapshots implements IndicatorSnapshotStore {
  readonly #newest = new Map<string, { klineTime: number; values: unknown }>();

  async upsertRun(_runId: string, _at: number, drafts: readonly SnapshotDraft[]): Promise<void> {
    for (const draft of drafts) {
      const key = `${draft.symbol}\u0000${draft.timeframe}`;
      const newest = this.#newest.get(key);
      if (newest && newest.klineTime > draft.klineTime) continue;
      this.#newest.set(key, { klineTime: draft.klineTime, values: jsonbCopy(draft.values) });
    }
  }

  async latest(symbol: string, timeframe: MtfTimeframe): Promise<{ klineTime: number; values: unknown } | undefined> {
    const newest = this.#newest.get(`${symbol}\u0000${timeframe}`);
    return newest ? { klineTime: newest.klineTime, values: jsonbCopy(newest.values) } : undefined;
  }
}

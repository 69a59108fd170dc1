import type { MarketDataRest } from '../../exchange/port/FuturesExchange.ts';
import { TIMEFRAME_MS, type Timeframe } from '../../exchange/port/types.ts';
import type { Clock } from '../../platform/clock/index.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import { lastClosedOpenTime, seriesKey } from './closedCandles.ts';
import type { KlineStore } from './KlineStore.ts';

export interface Series {
  readonly symbol: string;
  readonly timeframe: Timeframe;
}

export interface SeriesFailure extends Series {
  readonly error: string;
}

export interface CatchUpReport {
  /** Series checked. */
  readonly series: number;
  /** Series that needed candles from REST. */
  readonly fetched: number;
  /** Closed candles written. */
  readonly written: number;
  readonly failed: readonly SeriesFailure[];
}

/**
 * `window`: every hole in the last `historyCandles` closed candles (start-up: one REST request per
 * incomplete series, spanning its first to its last missing candle). `tail`: only what follows the
 * newest stored candle (freshness checks and resyncs: one index probe per series, then REST only
 * for the series that are behind).
 */
export type CatchUpMode = 'window' | 'tail';

/**
 * Fills series from REST into the `klines` table, a few requests at a time: the REST client's
 * rate limiter paces them, so this only bounds how many wait in its queue. A failing series is
 * reported and skipped; the others go on.
 */
export class KlineCatchUp {
  readonly #exchange: Pick<MarketDataRest, 'klines'>;
  readonly #klines: KlineStore;
  readonly #clock: Clock;
  readonly #logger: Logger | undefined;
  readonly #historyCandles: number;
  readonly #concurrency: number;
  readonly #stopped: () => boolean;

  constructor(deps: {
    exchange: Pick<MarketDataRest, 'klines'>;
    klines: KlineStore;
    clock: Clock;
    logger?: Logger | undefined;
    historyCandles: number;
    concurrency: number;
    /** True once the owner stops: series not begun yet are left (the rate limiter may make them many seconds). */
    stopped?: () => boolean;
  }) {
    this.#exchange = deps.exchange;
    this.#klines = deps.klines;
    this.#clock = deps.clock;
    this.#logger = deps.logger;
    this.#historyCandles = deps.historyCandles;
    this.#concurrency = deps.concurrency;
    this.#stopped = deps.stopped ?? (() => false);
  }

  async run(
    series: readonly Series[],
    mode: CatchUpMode,
    onProgress?: (done: number, total: number) => void,
  ): Promise<CatchUpReport> {
    const now = this.#clock.now();
    const latest = mode === 'tail' ? await this.#latestOf(series) : new Map<string, number>();
    let fetched = 0;
    let written = 0;
    let done = 0;
    const failed: SeriesFailure[] = [];
    await forEachLimited(series, this.#concurrency, async (one) => {
      if (this.#stopped()) return;
      try {
        const range = mode === 'tail' ? this.#tailRange(one, latest, now) : await this.#windowRange(one, now);
        if (range !== undefined) {
          const count = await this.#fill(one, range.from, range.to);
          fetched += 1;
          written += count;
        }
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        failed.push({ ...one, error: message });
        this.#logger?.warn({ err: error, ...one }, 'kline catch-up failed for a series');
      }
      done += 1;
      onProgress?.(done, series.length);
    });
    return { series: series.length, fetched, written, failed };
  }

  /** Open times the window lacks, as one range from the first missing candle to the last. */
  async #windowRange(one: Series, now: number): Promise<{ from: number; to: number } | undefined> {
    const to = lastClosedOpenTime(one.timeframe, now);
    const from = to - (this.#historyCandles - 1) * TIMEFRAME_MS[one.timeframe];
    const gaps = await this.#klines.findGaps(one.symbol, one.timeframe, from, to);
    const first = gaps[0];
    const last = gaps.at(-1);
    return first && last ? { from: first.from, to: last.to } : undefined;
  }

  #tailRange(one: Series, latest: Map<string, number>, now: number): { from: number; to: number } | undefined {
    const step = TIMEFRAME_MS[one.timeframe];
    const to = lastClosedOpenTime(one.timeframe, now);
    const windowStart = to - (this.#historyCandles - 1) * step;
    const newest = latest.get(seriesKey(one.symbol, one.timeframe));
    if (newest !== undefined && newest >= to) return undefined;
    return { from: newest === undefined ? windowStart : Math.max(newest + step, windowStart), to };
  }

  async #latestOf(series: readonly Series[]): Promise<Map<string, number>> {
    const symbols = [...new Set(series.map((one) => one.symbol))];
    const timeframes = [...new Set(series.map((one) => one.timeframe))];
    return this.#klines.latestOpenTimes(symbols, timeframes);
  }

  async #fill(one: Series, from: number, to: number): Promise<number> {
    const limit = Math.floor((to - from) / TIMEFRAME_MS[one.timeframe]) + 1;
    const candles = await this.#exchange.klines({ ...one, start: from, end: to, limit });
    // The clock is read after the answer: a candle that closed meanwhile is closed now.
    const outcome = await this.#klines.upsertClosed(candles, 'rest', this.#clock.now());
    return outcome.accepted;
  }
}

/** Runs `work` over `items` with at most `concurrency` at a time. */
export async function forEachLimited<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
}

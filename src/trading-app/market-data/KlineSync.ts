import type { MarketDataRest } from '../../exchange/port/FuturesExchange.ts';
import type { MarketEvent, MarketStream, StreamEvent, Unsubscribe } from '../../exchange/port/streams.ts';
import { type Kline, TIMEFRAME_MS, type Timeframe } from '../../exchange/port/types.ts';
import type { Clock } from '../../platform/clock/index.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import { isClosed, seriesKey } from './closedCandles.ts';
import { type CatchUpReport, KlineCatchUp, type Series } from './KlineCatchUp.ts';
import type { KlineStore } from './KlineStore.ts';

export interface KlineSyncOptions {
  readonly exchange: Pick<MarketDataRest, 'klines'>;
  readonly klines: KlineStore;
  readonly clock: Clock;
  /** Closed candles as they happen; without it the sync is REST only (`ensureFresh` does all). */
  readonly stream?: MarketStream | undefined;
  readonly logger?: Logger | undefined;
  /** Closed candles kept per series; default 300 (the runner reads at most about 250). */
  readonly historyCandles?: number;
  /** REST requests queued at once; default 4. */
  readonly concurrency?: number;
}

export const DEFAULT_HISTORY_CANDLES = 300;

/**
 * Keeps the closed candles of a set of series current in the `klines` table, so that a run reads
 * candles from the database instead of asking REST for hundreds of series a minute.
 *
 * `watch` subscribes the series on the stream first (nothing closing meanwhile is lost), then
 * fills each series' last `historyCandles` from REST. Every `kline_closed` event is stored as it
 * arrives; the events of one turn of the event loop (a candle boundary closes every series at
 * once) go in as one statement. A candle the stream skipped (its open time is past the series'
 * newest + one step) and a stream that comes back (`resynced`, or `connected` after
 * `disconnected`) trigger a REST catch-up of what is missing. A forming candle is never stored.
 * The stream's lifecycle belongs to the caller.
 */
export class KlineSync {
  readonly #klines: KlineStore;
  readonly #clock: Clock;
  readonly #stream: MarketStream | undefined;
  readonly #logger: Logger | undefined;
  readonly #catchUp: KlineCatchUp;
  readonly #watched = new Map<string, Series>();
  /** Newest open time known stored per series: detects candles the stream skipped. */
  readonly #newest = new Map<string, number>();
  readonly #pending: Kline[] = [];
  readonly #inFlight = new Set<Promise<unknown>>();
  #unsubscribers: Unsubscribe[] = [];
  #flushQueued = false;
  #interrupted = false;
  #stopped = false;

  constructor(options: KlineSyncOptions) {
    this.#klines = options.klines;
    this.#clock = options.clock;
    this.#stream = options.stream;
    this.#logger = options.logger;
    this.#catchUp = new KlineCatchUp({
      exchange: options.exchange,
      klines: options.klines,
      clock: options.clock,
      logger: options.logger,
      historyCandles: options.historyCandles ?? DEFAULT_HISTORY_CANDLES,
      concurrency: options.concurrency ?? 4,
      stopped: () => this.#stopped,
    });
  }

  /** Starts keeping these series current (on top of those already watched). */
  async watch(
    symbols: readonly string[],
    timeframes: readonly Timeframe[],
    onProgress?: (done: number, total: number) => void,
  ): Promise<CatchUpReport> {
    this.#attach();
    const added = seriesOf(symbols, timeframes).filter((one) => !this.#watched.has(key(one)));
    for (const one of added) this.#watched.set(key(one), one);
    for (const symbol of new Set(added.map((one) => one.symbol))) {
      const frames = added.filter((one) => one.symbol === symbol).map((one) => one.timeframe);
      this.#stream?.subscribeKlines(symbol, frames);
    }
    const report = await this.#track(this.#catchUp.run(added, 'window', onProgress));
    await this.#learnNewest(added);
    return report;
  }

  unwatch(symbols: readonly string[], timeframes: readonly Timeframe[]): void {
    for (const symbol of symbols) {
      this.#stream?.unsubscribeKlines(symbol, timeframes);
      for (const timeframe of timeframes) this.#watched.delete(seriesKey(symbol, timeframe));
    }
  }

  /**
   * Makes sure the database holds the last closed candle of each series at `now`, filling from
   * REST what the stream has not delivered (yet). Call it before reading candles for a run.
   */
  async ensureFresh(symbols: readonly string[], timeframes: readonly Timeframe[], now: number): Promise<CatchUpReport> {
    await this.idle();
    const report = await this.#catchUp.run(seriesOf(symbols, timeframes), 'tail');
    if (report.failed.length > 0) this.#logger?.warn({ failed: report.failed.length, now }, 'some series are stale');
    return report;
  }

  /** Resolves once stream writes and catch-ups under way (and any they started) are done. */
  async idle(): Promise<void> {
    while (this.#inFlight.size > 0 || this.#flushQueued) {
      await Promise.allSettled([...this.#inFlight, Promise.resolve()]);
    }
  }

  /**
   * Stops listening and unsubscribes every watched series; waits for pending writes and for the
   * REST requests under way, but begins no other: a catch-up of every listed contract, paced by
   * the rate limiter, would otherwise hold a shutdown for many seconds.
   */
  async stop(): Promise<void> {
    this.#stopped = true;
    for (const unsubscribe of this.#unsubscribers) unsubscribe();
    this.#unsubscribers = [];
    this.unwatch([...new Set([...this.#watched.values()].map((one) => one.symbol))], timeframesOf(this.#watched));
    await this.idle();
  }

  #attach(): void {
    if (this.#stream === undefined || this.#unsubscribers.length > 0) return;
    this.#unsubscribers = [
      this.#stream.onEvent((event) => this.#onEvent(event)),
      this.#stream.onStatus((event) => this.#onStatus(event)),
    ];
  }

  #onEvent(event: MarketEvent): void {
    if (event.type !== 'kline_closed' || !this.#watched.has(key(event.kline))) return;
    if (!isClosed(event.kline, this.#clock.now())) {
      this.#logger?.warn({ symbol: event.kline.symbol, openTime: event.kline.openTime }, 'forming candle refused');
      return;
    }
    this.#pending.push(event.kline);
    if (this.#flushQueued) return;
    this.#flushQueued = true;
    // Events of one turn arrive synchronously: write them together after it.
    queueMicrotask(() => {
      this.#flushQueued = false;
      this.#spawn(this.#flush());
    });
  }

  #onStatus(event: StreamEvent): void {
    if (event.type === 'disconnected') this.#interrupted = true;
    const back = event.type === 'resynced' || (event.type === 'connected' && this.#interrupted);
    if (!back) return;
    this.#interrupted = false;
    this.#recheck([...this.#watched.values()], 'stream back');
  }

  async #flush(): Promise<void> {
    const batch = this.#pending.splice(0);
    if (batch.length === 0) return;
    try {
      await this.#klines.upsertClosed(batch, 'stream', this.#clock.now());
    } catch (error) {
      // Not lost for good: the next freshness check or resync fetches them from REST.
      this.#logger?.error({ err: error, candles: batch.length }, 'storing closed candles failed');
      return;
    }
    const skipped: Series[] = [];
    for (const kline of batch) {
      const newest = this.#newest.get(key(kline));
      if (newest !== undefined && kline.openTime > newest + TIMEFRAME_MS[kline.timeframe]) skipped.push(kline);
      if (newest === undefined || kline.openTime > newest) this.#newest.set(key(kline), kline.openTime);
    }
    if (skipped.length > 0) this.#recheck(skipped, 'candles skipped');
  }

  #recheck(series: readonly Series[], reason: string): void {
    const unique = [
      ...new Map(series.map((one) => [key(one), { symbol: one.symbol, timeframe: one.timeframe }])).values(),
    ];
    this.#logger?.info({ series: unique.length, reason }, 'kline catch-up from REST');
    this.#spawn(this.#catchUp.run(unique, 'tail').then(() => this.#learnNewest(unique)));
  }

  async #learnNewest(series: readonly Series[]): Promise<void> {
    const latest = await this.#klines.latestOpenTimes(
      [...new Set(series.map((one) => one.symbol))],
      [...new Set(series.map((one) => one.timeframe))],
    );
    for (const [seriesId, openTime] of latest) {
      if (openTime > (this.#newest.get(seriesId) ?? Number.NEGATIVE_INFINITY)) this.#newest.set(seriesId, openTime);
    }
  }

  /** Counts `work` as under way until it settles (see `idle`); returns it unchanged. */
  #track<T>(work: Promise<T>): Promise<T> {
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    this.#inFlight.add(settled);
    void settled.then(() => this.#inFlight.delete(settled));
    return work;
  }

  /** Background work: tracked, and its failure logged rather than left unhandled. */
  #spawn(work: Promise<unknown>): void {
    void this.#track(work).catch((error: unknown) => this.#logger?.error({ err: error }, 'kline sync task failed'));
  }
}

const key = (one: Series) => seriesKey(one.symbol, one.timeframe);

function seriesOf(symbols: readonly string[], timeframes: readonly Timeframe[]): Series[] {
  return [...new Set(symbols)].flatMap((symbol) =>
    [...new Set(timeframes)].map((timeframe) => ({ symbol, timeframe })),
  );
}

function timeframesOf(watched: Map<string, Series>): Timeframe[] {
  return [...new Set([...watched.values()].map((one) => one.timeframe))];
}

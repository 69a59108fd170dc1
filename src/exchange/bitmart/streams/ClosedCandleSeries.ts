import type { Clock } from '../../../platform/clock/index.ts';
import type { Logger } from '../../../platform/logging/logger.ts';
import type { KlineQuery } from '../../port/FuturesExchange.ts';
import { type Kline, TIMEFRAME_MS, type Timeframe } from '../../port/types.ts';
import { alignOpenTime } from '../mapping/wsPublic.ts';
import { fetchClosedRange, type KlineSource } from './fetchClosedRange.ts';

/**
 * Where the values of a closed candle come from. `rest`: always from the REST klines (the push
 * has no "closed" flag and its last update may have been missed, so only REST is final).
 * `stream`: the last pushed values when the candle was followed from open to close on one
 * connection, REST only for gaps (first candle after a reconnect, missed roll-overs).
 */
export type ClosedCandleSource = 'rest' | 'stream';

export interface ClosedCandleSeriesOptions {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly klineSource: KlineSource;
  readonly source: ClosedCandleSource;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly retryDelayMs: number;
  readonly emitClosed: (kline: Kline) => void;
}

/**
 * The closed candles of one (symbol, timeframe), delivered exactly once each, in order, without
 * gaps, across reconnects. A candle is known closed when a push for a later open time arrives.
 * Deliveries run one at a time on a promise chain, and each one starts from the candle after the
 * last delivered, whatever it was asked: two requests for overlapping ranges deliver each candle
 * once, and a range that failed is covered by the next. Delivery starts with the candle forming
 * when the series first got data; older history is the consumer's to read from REST.
 */
export class ClosedCandleSeries {
  readonly #options: ClosedCandleSeriesOptions;
  readonly #stepMs: number;
  /** The newest candle seen on the current connection. */
  #forming: Kline | undefined;
  #firstOpenTime: number | undefined;
  #lastDelivered: number | undefined;
  #chain: Promise<void> = Promise.resolve();
  #disposed = false;
  #resynced: Promise<void> | undefined;
  #resolveResynced: (() => void) | undefined;

  constructor(options: ClosedCandleSeriesOptions) {
    this.#options = options;
    this.#stepMs = TIMEFRAME_MS[options.timeframe];
  }

  /** Takes a pushed candle; false when it is older than the one forming (a late duplicate). */
  onCandle(kline: Kline): boolean {
    const forming = this.#forming;
    if (forming && kline.openTime < forming.openTime) return false;
    this.#forming = kline;
    if (forming && kline.openTime === forming.openTime) return true;
    if (this.#firstOpenTime === undefined) {
      this.#firstOpenTime = kline.openTime;
      this.#settleResync();
      return true;
    }
    // A first candle on a new connection (forming undefined) or a roll-over: everything before it closed.
    const candidate = forming && forming.openTime === kline.openTime - this.#stepMs ? forming : undefined;
    this.#enqueue(kline.openTime - this.#stepMs, candidate);
    const settle = this.#resolveResynced;
    void this.#chain.then(() => {
      if (settle && this.#resolveResynced === settle) this.#settleResync();
    });
    return true;
  }

  /** The connection dropped: pushed values seen so far may miss updates, and the gap must be backfilled. */
  connectionLost(): void {
    this.#forming = undefined;
    this.#settleResync();
    this.#resynced = new Promise((resolve) => {
      this.#resolveResynced = resolve;
    });
  }

  /** Resolves once the first candle after the last reconnect arrived and the gap before it is delivered. */
  whenResynced(): Promise<void> {
    return this.#resynced ?? Promise.resolve();
  }

  dispose(): void {
    this.#disposed = true;
    this.#settleResync();
  }

  #nextOpenTime(): number | undefined {
    return this.#lastDelivered === undefined ? this.#firstOpenTime : this.#lastDelivered + this.#stepMs;
  }

  #enqueue(closedThrough: number, candidate: Kline | undefined): void {
    this.#chain = this.#chain
      .then(() => this.#deliverThrough(closedThrough, candidate))
      .catch((error: unknown) => {
        // Logged, not rethrown: a rejected chain would silently skip every later delivery.
        this.#options.logger.error({ err: error, symbol: this.#options.symbol }, 'closed candle delivery failed');
      });
  }

  async #deliverThrough(closedThrough: number, candidate: Kline | undefined): Promise<void> {
    const from = this.#nextOpenTime();
    if (this.#disposed || from === undefined || from > closedThrough) return;
    const fromStream = this.#options.source === 'stream' && candidate?.openTime === from && from === closedThrough;
    const candles = fromStream && candidate ? [candidate] : await this.#fetch(from, closedThrough);
    for (const candle of candles) {
      if (this.#disposed) return;
      const expected = this.#nextOpenTime();
      if (expected !== undefined && candle.openTime < expected) continue;
      if (expected !== undefined && candle.openTime > expected) {
        // The venue has no candle there (nothing traded); it cannot be made up, only reported.
        this.#options.logger.warn(
          { symbol: candle.symbol, timeframe: candle.timeframe, missingFrom: expected, next: candle.openTime },
          'closed candles missing at the venue',
        );
      }
      this.#lastDelivered = candle.openTime;
      this.#options.emitClosed(candle);
    }
  }

  #fetch(from: number, through: number): Promise<Kline[]> {
    const { symbol, timeframe, klineSource, clock, logger, retryDelayMs } = this.#options;
    const aligned: KlineSource = async (query: KlineQuery) =>
      (await klineSource(query)).map((kline) => ({ ...kline, openTime: alignOpenTime(kline.openTime, timeframe) }));
    return fetchClosedRange({
      symbol,
      timeframe,
      from,
      through,
      klineSource: aligned,
      clock,
      logger,
      retryDelayMs,
      isCancelled: () => this.#disposed,
    });
  }

  #settleResync(): void {
    this.#resolveResynced?.();
    this.#resolveResynced = undefined;
  }
}

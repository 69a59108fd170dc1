import { exponentialDelay } from '../../../platform/backoff/backoff.ts';
import type { Clock } from '../../../platform/clock/index.ts';
import type { Logger } from '../../../platform/logging/logger.ts';
import type { KlineQuery } from '../../port/FuturesExchange.ts';
import { type Kline, TIMEFRAME_MS, type Timeframe } from '../../port/types.ts';

/** Where closed candles are read from: `FuturesExchange['klines']`, or anything with its contract. */
export type KlineSource = (query: KlineQuery) => Promise<readonly Kline[]>;

/** BitMart serves at most 500 candles per kline request (docs/reference/bitmart-wire.md#klines). */
const MAX_CANDLES_PER_REQUEST = 500;
/** After this many tries a range still missing candles is delivered as the venue has it. */
const INCOMPLETE_RANGE_TRIES = 5;
const MAX_RETRY_DELAY_MS = 30_000;

export interface ClosedRangeRequest {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  /** Open time of the first candle wanted (ms, inclusive). */
  readonly from: number;
  /** Open time of the last candle wanted (ms, inclusive); it is closed. */
  readonly through: number;
  readonly klineSource: KlineSource;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly retryDelayMs: number;
  readonly isCancelled: () => boolean;
}

/**
 * The closed candles [from, through] from REST, ascending, in pages of 500. A failed request is
 * retried with backoff on the clock until it succeeds or the caller cancels: a closed candle is
 * never skipped because REST was briefly down. A range whose last candle is not there yet (the
 * venue's REST may lag its stream) is asked again a few times before it is taken as it is.
 */
export async function fetchClosedRange(request: ClosedRangeRequest): Promise<Kline[]> {
  const stepMs = TIMEFRAME_MS[request.timeframe];
  const candles: Kline[] = [];
  for (let start = request.from; start <= request.through; ) {
    const end = Math.min(request.through, start + (MAX_CANDLES_PER_REQUEST - 1) * stepMs);
    candles.push(...(await fetchPage(request, start, end)));
    start = end + stepMs;
  }
  return candles;
}

async function fetchPage(request: ClosedRangeRequest, start: number, end: number): Promise<Kline[]> {
  const { symbol, timeframe, klineSource, logger } = request;
  for (let attempt = 0; ; attempt += 1) {
    if (request.isCancelled()) return [];
    try {
      const page = inRange(await klineSource({ symbol, timeframe, start, end }), start, end);
      if (page.at(-1)?.openTime === end || attempt + 1 >= INCOMPLETE_RANGE_TRIES) return page;
      logger.debug({ symbol, timeframe, start, end, received: page.length }, 'closed candles not at the venue yet');
    } catch (error) {
      logger.warn({ err: error, symbol, timeframe, start, end, attempt }, 'closed candle backfill failed; retrying');
    }
    await request.clock.sleep(exponentialDelay(attempt, { baseMs: request.retryDelayMs, maxMs: MAX_RETRY_DELAY_MS }));
  }
}

/** The candles of [start, end], ascending, one per open time. */
function inRange(klines: readonly Kline[], start: number, end: number): Kline[] {
  const byOpenTime = new Map<number, Kline>();
  for (const kline of klines)
    if (kline.openTime >= start && kline.openTime <= end) byOpenTime.set(kline.openTime, kline);
  return [...byOpenTime.values()].sort((a, b) => a.openTime - b.openTime);
}

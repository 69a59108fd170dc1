import { InvalidRequestError } from '../../platform/errors/exchangeErrors.ts';
import type { KlineQuery } from '../port/FuturesExchange.ts';
import { TIMEFRAME_MS } from '../port/types.ts';

/** Without `start`, a kline query returns this many candles; no query returns more than the cap. */
export const DEFAULT_KLINE_LIMIT = 500;
export const MAX_KLINE_LIMIT = 1500;

export interface KlineWindow {
  readonly startMs: number;
  readonly endMs: number;
  readonly limit: number;
}

/**
 * The open times and count a port kline query asks for, checked before anything is sent: `end`
 * defaults to the venue's clock (`nowMs`), `start` to `limit` candles before it.
 */
export function klineWindowOf(query: KlineQuery, nowMs: number): KlineWindow {
  const limit = query.limit ?? (query.start === undefined ? DEFAULT_KLINE_LIMIT : MAX_KLINE_LIMIT);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_KLINE_LIMIT) {
    throw new InvalidRequestError(`kline limit must be 1–${MAX_KLINE_LIMIT}, got ${limit}`);
  }
  const endMs = query.end ?? nowMs;
  const startMs = query.start ?? endMs - limit * TIMEFRAME_MS[query.timeframe] + 1;
  if (startMs > endMs) throw new InvalidRequestError('kline start is after its end');
  return { startMs, endMs, limit };
}

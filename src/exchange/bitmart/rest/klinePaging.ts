import type { BitmartKline } from '../protocol/wire/index.ts';
import type { BitmartRestClient } from './BitmartRestClient.ts';
import { getKlines } from './endpoints/publicEndpoints.ts';

/**
 * BitMart answers at most 500 candles per kline request (docs/reference/bitmart-wire.md#klines), so a longer range
 * is fetched page by page, from the end backwards: each page asks for a span of at most 500
 * candles, so it is complete whether BitMart keeps the first or the last 500 of a range (an open
 * question: docs/reference/bitmart-wire.md#kline-range-beyond-500), and the next page ends one step
 * before the earliest candle received.
 */
export const KLINES_PER_REQUEST = 500;

export interface KlineRange {
  readonly symbol: string;
  readonly stepMinutes: number;
  /** Open times wanted, ms, inclusive. */
  readonly startMs: number;
  readonly endMs: number;
  /** Stop once this many distinct candles are in. */
  readonly limit: number;
}

/** Open time in ms, floored to the minute (2022–2024 payloads sit one second past it). */
export function klineOpenTimeMs(candle: BitmartKline): number {
  const ms = candle.timestamp * 1000;
  return ms - (ms % 60_000);
}

/** Distinct candles of the range, ascending by open time, at most `limit` (the latest ones). */
export async function fetchKlinePages(client: BitmartRestClient, range: KlineRange): Promise<BitmartKline[]> {
  const stepMs = range.stepMinutes * 60_000;
  const byOpenTime = new Map<number, BitmartKline>();
  const maxPages = Math.ceil(range.limit / KLINES_PER_REQUEST) + 2;
  let pageEnd = range.endMs;
  for (let page = 0; page < maxPages && pageEnd >= range.startMs && byOpenTime.size < range.limit; page += 1) {
    const pageStart = Math.max(range.startMs, pageEnd - (KLINES_PER_REQUEST - 1) * stepMs);
    const candles = await getKlines(client, {
      symbol: range.symbol,
      step: range.stepMinutes,
      start_time: Math.ceil(pageStart / 1000),
      end_time: Math.floor(pageEnd / 1000),
    });
    let earliest = Number.POSITIVE_INFINITY;
    for (const candle of candles) {
      const openTime = klineOpenTimeMs(candle);
      if (openTime < range.startMs || openTime > range.endMs) continue;
      byOpenTime.set(openTime, candle);
      earliest = Math.min(earliest, openTime);
    }
    // Nothing, or nothing before the page's first step: the history starts here.
    if (!Number.isFinite(earliest) || earliest >= pageStart + stepMs) break;
    pageEnd = earliest - stepMs;
  }
  return [...byOpenTime.entries()]
    .sort(([a], [b]) => a - b)
    .slice(-range.limit)
    .map(([, candle]) => candle);
}

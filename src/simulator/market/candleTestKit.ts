import type { Candle, KlineStepMinutes, Market } from './types.ts';

/** Test support: every 1m candle opening in [fromSec, toSec), paging through `klines` 500 at a time. */
export function oneMinuteCandles(market: Market, symbol: string, fromSec: number, toSec: number): Candle[] {
  const candles: Candle[] = [];
  for (let pageStart = fromSec; pageStart < toSec; pageStart += 500 * 60) {
    const pageEnd = Math.min(pageStart + 499 * 60, toSec - 60);
    candles.push(...market.klines(symbol, 1, pageStart, pageEnd));
  }
  return candles;
}

/** Test support: the candle that `parts` (ascending, non-empty) aggregate to, opening at `openTime`. */
export function aggregate(openTime: number, parts: readonly Candle[]): Candle {
  const first = parts[0];
  const last = parts.at(-1);
  if (!first || !last) throw new Error('nothing to aggregate');
  let high = first.high;
  let low = first.low;
  let volume = 0;
  for (const part of parts) {
    if (part.high.gt(high)) high = part.high;
    if (part.low.lt(low)) low = part.low;
    volume += part.volume;
  }
  return { openTime, open: first.open, high, low, close: last.close, volume };
}

/** Test support: a candle as plain strings, for `toEqual` without comparing Decimal internals. */
export function plain(candle: Candle): Record<string, string | number> {
  return {
    openTime: candle.openTime,
    open: candle.open.toString(),
    high: candle.high.toString(),
    low: candle.low.toString(),
    close: candle.close.toString(),
    volume: candle.volume,
  };
}

/** Test support: checks that a `step` candle is the aggregate of the 1m candles it covers. */
export function expectAggregateOfMinutes(
  market: Market,
  symbol: string,
  step: KlineStepMinutes,
  candle: Candle,
): { actual: Record<string, string | number>; expected: Record<string, string | number> } {
  const minutes = oneMinuteCandles(market, symbol, candle.openTime, candle.openTime + step * 60);
  return { actual: plain(candle), expected: plain(aggregate(candle.openTime, minutes)) };
}

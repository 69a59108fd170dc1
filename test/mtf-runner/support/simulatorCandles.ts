import { type Kline, TIMEFRAME_MS } from '../../../src/exchange/port/types.ts';
import { ManualClock } from '../../../src/platform/clock/index.ts';
import { Dec } from '../../../src/platform/decimal/index.ts';
import { createMarket } from '../../../src/simulator/market/index.ts';
import type { KlineStepMinutes } from '../../../src/simulator/market/types.ts';
import { MTF_TIMEFRAMES } from '../../../src/trading-app/mtf/timeframes.ts';

/** Candles per timeframe the tests store: a cold window (225) plus room to move `now` forward. */
export const CANDLES_PER_SERIES = 260;

/**
 * Closed candles of the simulator's seeded market for every MTF timeframe, ending at `end` (the
 * market's start: everything before it is generated history), as the exchange port's Kline.
 * `alias` renames the symbol (the bench's 200 symbols are the 10 contracts under 20 names).
 */
export function simulatorKlines(options: {
  seed: number;
  end: number;
  symbols?: readonly string[];
  perSeries?: number;
  alias?: (symbol: string) => readonly string[];
}): { symbols: string[]; klines: Kline[] } {
  const market = createMarket({ seed: options.seed, clock: new ManualClock(options.end) });
  const source = options.symbols ?? market.contracts().map((contract) => contract.symbol);
  const perSeries = options.perSeries ?? CANDLES_PER_SERIES;
  const klines: Kline[] = [];
  const names: string[] = [];
  for (const symbol of source) {
    const aliases = options.alias?.(symbol) ?? [symbol];
    names.push(...aliases);
    for (const timeframe of MTF_TIMEFRAMES) {
      const length = TIMEFRAME_MS[timeframe];
      const last = Math.floor(options.end / length) * length - length;
      const first = last - (perSeries - 1) * length;
      const step = (length / 60_000) as KlineStepMinutes;
      for (const candle of market.klines(symbol, step, first / 1000, last / 1000)) {
        for (const name of aliases) {
          klines.push({
            symbol: name,
            timeframe: timeframe,
            openTime: candle.openTime * 1000,
            open: candle.open,
            high: candle.high,
            low: candle.low,
            close: candle.close,
            volume: new Dec(candle.volume),
          });
        }
      }
    }
  }
  return { symbols: names, klines };
}

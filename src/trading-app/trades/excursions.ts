import { type Kline, TIMEFRAME_MS, type Timeframe } from '../../exchange/port/types.ts';
import { Dec, ZERO } from '../../platform/decimal/index.ts';
import { inR } from './tradeFigures.ts';
import type { TradeSide } from './tradeFillWalk.ts';

/**
 * Maximum adverse and favourable excursion (MAE, MFE) of a trade: the worst and the best price the
 * market reached while it was open, against its average entry, and what that was worth on the
 * largest size held. MAE ≤ 0 ≤ MFE (a trade that never went against its entry has an MAE of 0).
 */
export interface Excursions {
  readonly maePrice: Dec;
  readonly mfePrice: Dec;
  readonly maeUsdt: Dec;
  readonly mfeUsdt: Dec;
  readonly maeR: Dec | undefined;
  readonly mfeR: Dec | undefined;
}

/** At most this many candles per trade: one request on BitMart and on the simulator. */
const MAX_CANDLES = 500;
const CANDIDATES: readonly Timeframe[] = ['1m', '5m', '15m', '1h', '4h', '1d'];

/** The finest timeframe that covers [from, to] in at most 500 candles (1 m up to 8 h 20 min of holding). */
export function excursionTimeframe(from: number, to: number): Timeframe {
  const span = Math.max(0, to - from);
  return CANDIDATES.find((timeframe) => span / TIMEFRAME_MS[timeframe] < MAX_CANDLES) ?? '1d';
}

/**
 * From the candles that overlap the holding window and the trade's own fill prices. A candle's
 * range may include prices just before the first fill or after the last one (at most one candle
 * at each end), so the excursions can be overstated by that much; they are never understated.
 */
export function excursions(input: {
  readonly side: TradeSide;
  readonly entryPrice: Dec;
  readonly largestSize: Dec;
  readonly contractSize: Dec;
  readonly riskUsdt: Dec | undefined;
  readonly candles: readonly Kline[];
  readonly fillPrices: readonly Dec[];
}): Excursions | undefined {
  const lows = [...input.candles.map((candle) => candle.low), ...input.fillPrices];
  const highs = [...input.candles.map((candle) => candle.high), ...input.fillPrices];
  if (lows.length === 0) return undefined;
  const low = Dec.min(...lows);
  const high = Dec.max(...highs);
  const long = input.side === 'long';
  const maePrice = long ? low : high;
  const mfePrice = long ? high : low;
  const worth = (price: Dec) =>
    price
      .minus(input.entryPrice)
      .mul(long ? 1 : -1)
      .mul(input.largestSize)
      .mul(input.contractSize);
  const maeUsdt = Dec.min(worth(maePrice), ZERO);
  const mfeUsdt = Dec.max(worth(mfePrice), ZERO);
  return {
    maePrice,
    mfePrice,
    maeUsdt,
    mfeUsdt,
    maeR: inR(maeUsdt, input.riskUsdt),
    mfeR: inR(mfeUsdt, input.riskUsdt),
  };
}

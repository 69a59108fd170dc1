import { Dec } from '../../platform/decimal/index.ts';
import type { MinuteSeries } from '../../simulator/replay/index.ts';

const MINUTE_MS = 60_000;
/** Bar widths the chart may use, in minutes: the finest that keeps a symbol under `MAX_BARS`. */
const BAR_MINUTES = [1, 5, 15, 60, 240, 1_440, 10_080];
const MAX_BARS = 1_500;

export interface ChartCandles {
  readonly barMinutes: number;
  /** Open time in Unix seconds (the chart library's time), prices in quote units. */
  readonly candles: readonly { time: number; open: number; high: number; low: number; close: number }[];
}

/** The traded range's 1m candles folded into bars a chart can draw, prices out of ticks. */
export function chartCandles(series: MinuteSeries, tickSize: Dec, fromMs: number, toMs: number): ChartCandles {
  const minutes = Math.max(0, (Math.min(toMs, series.endMs) - Math.max(fromMs, series.startMs)) / MINUTE_MS);
  const barMinutes = BAR_MINUTES.find((width) => minutes / width <= MAX_BARS) ?? (BAR_MINUTES.at(-1) as number);
  const price = (ticks: number) => new Dec(ticks).mul(tickSize).toNumber();
  const candles: { time: number; open: number; high: number; low: number; close: number }[] = [];
  const first = Math.max(0, series.indexAt(fromMs));
  const end = Math.min(series.length, series.indexAt(toMs));
  const barMs = barMinutes * MINUTE_MS;
  let bar: { time: number; open: number; high: number; low: number; close: number } | undefined;
  for (let index = first; index < end; index++) {
    const candle = series.candle(index);
    const start = Math.floor(series.openTimeOf(index) / barMs) * barMs;
    if (!bar || bar.time !== start / 1000) {
      if (bar) candles.push(bar);
      bar = { time: start / 1000, open: candle.open, high: candle.high, low: candle.low, close: candle.close };
    } else {
      bar.high = Math.max(bar.high, candle.high);
      bar.low = Math.min(bar.low, candle.low);
      bar.close = candle.close;
    }
  }
  if (bar) candles.push(bar);
  return {
    barMinutes,
    candles: candles.map((candle) => ({
      time: candle.time,
      open: price(candle.open),
      high: price(candle.high),
      low: price(candle.low),
      close: price(candle.close),
    })),
  };
}

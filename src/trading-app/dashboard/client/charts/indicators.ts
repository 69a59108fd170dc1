/**
 * The rules' indicators drawn over the candles, on demand. Display only, in floats: the decisions
 * are made by the app's own streaming indicators (trading-app/indicators/), never by these.
 */
export interface Bar {
  readonly time: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

export interface Point {
  readonly time: number;
  readonly value: number;
}

export function ema(bars: readonly Bar[], period: number): Point[] {
  const k = 2 / (period + 1);
  const points: Point[] = [];
  let value: number | undefined;
  let sum = 0;
  bars.forEach((bar, index) => {
    if (index < period) {
      sum += bar.close;
      if (index === period - 1) value = sum / period;
    } else if (value !== undefined) {
      value = bar.close * k + value * (1 - k);
    }
    if (value !== undefined) points.push({ time: bar.time, value });
  });
  return points;
}

export function bollinger(
  bars: readonly Bar[],
  period = 20,
  width = 2,
): { upper: Point[]; middle: Point[]; lower: Point[] } {
  const upper: Point[] = [];
  const middle: Point[] = [];
  const lower: Point[] = [];
  for (let index = period - 1; index < bars.length; index++) {
    const window = bars.slice(index + 1 - period, index + 1).map((bar) => bar.close);
    const mean = window.reduce((total, close) => total + close, 0) / period;
    const deviation = Math.sqrt(window.reduce((total, close) => total + (close - mean) ** 2, 0) / period);
    const time = bars[index]!.time;
    upper.push({ time, value: mean + width * deviation });
    middle.push({ time, value: mean });
    lower.push({ time, value: mean - width * deviation });
  }
  return { upper, middle, lower };
}

/** Volume-weighted typical price, from the start of each UTC day. */
export function vwap(bars: readonly Bar[]): Point[] {
  const points: Point[] = [];
  let day = -1;
  let priceVolume = 0;
  let volume = 0;
  for (const bar of bars) {
    const barDay = Math.floor(bar.time / 86_400);
    if (barDay !== day) {
      day = barDay;
      priceVolume = 0;
      volume = 0;
    }
    priceVolume += ((bar.high + bar.low + bar.close) / 3) * bar.volume;
    volume += bar.volume;
    if (volume > 0) points.push({ time: bar.time, value: priceVolume / volume });
  }
  return points;
}

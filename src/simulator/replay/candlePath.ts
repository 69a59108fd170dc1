import type { TickCandle } from '../market/CandleAccumulator.ts';

/**
 * Where the price goes inside one recorded candle (docs/decisions/0026-backtests.md): the open,
 * then the nearer of high and low, then the other, then the close, at fixed offsets in the minute.
 * Between two points the price moves straight, passing every price in between (see `ReplaySymbol`).
 */
export interface PathPoint {
  /** Milliseconds after the candle's open time. */
  readonly offsetMs: number;
  readonly ticks: number;
}

/**
 * A price where something acts, in ticks: the path stops there on its way. `stop` and `target` are
 * the venue's triggers, `limit` a resting order or an entry trigger, `watch` where a watcher of the
 * price (the worker) acts before a trigger.
 */
export interface TickLevel {
  readonly ticks: number;
  readonly kind: 'stop' | 'target' | 'limit' | 'watch';
}

export const PATH_OFFSETS_MS = [0, 15_000, 30_000, 45_000] as const;

/**
 * Which extreme the price reaches first. A waiting stop and a waiting target both inside the
 * candle's range: the stop's side first, since the candle cannot tell which came first and the
 * conservative answer is the loss. Otherwise the nearer extreme to the open; on a tie, the low
 * first for a rising candle (open → low → high → close) and the high first for a falling one.
 */
export function firstExtreme(candle: TickCandle, levels: readonly TickLevel[]): 'high' | 'low' {
  const inRange = (level: TickLevel) => level.ticks >= candle.low && level.ticks <= candle.high;
  const stops = levels.filter((level) => level.kind === 'stop' && inRange(level));
  if (stops.length > 0 && levels.some((level) => level.kind === 'target' && inRange(level))) {
    const nearest = stops.reduce((best, level) =>
      Math.abs(level.ticks - candle.open) < Math.abs(best.ticks - candle.open) ? level : best,
    );
    return nearest.ticks <= candle.open ? 'low' : 'high';
  }
  const up = candle.high - candle.open;
  const down = candle.open - candle.low;
  if (up !== down) return up < down ? 'high' : 'low';
  return candle.close >= candle.open ? 'low' : 'high';
}

/** The candle's points after its open, with repeats of the same price dropped. */
export function pathAfterOpen(candle: TickCandle, first: 'high' | 'low'): PathPoint[] {
  const extremes = first === 'high' ? [candle.high, candle.low] : [candle.low, candle.high];
  const points: PathPoint[] = [];
  let last = candle.open;
  [extremes[0] ?? last, extremes[1] ?? last, candle.close].forEach((ticks, index) => {
    if (ticks === last) return;
    points.push({ offsetMs: PATH_OFFSETS_MS[index + 1] ?? 0, ticks });
    last = ticks;
  });
  return points;
}

/**
 * The nearest level strictly between `from` and `to` on the way from one to the other, if any:
 * where the price, moving straight, meets a waiting order before it reaches `to`.
 */
export function nextLevelOnTheWay(from: number, to: number, levels: readonly TickLevel[]): number | undefined {
  let best: number | undefined;
  for (const { ticks } of levels) {
    const between = from < to ? ticks > from && ticks < to : ticks < from && ticks > to;
    if (between && (best === undefined || Math.abs(ticks - from) < Math.abs(best - from))) best = ticks;
  }
  return best;
}

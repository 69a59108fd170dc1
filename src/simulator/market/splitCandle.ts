import type { TickCandle } from './CandleAccumulator.ts';
import type { SeededRandom } from './SeededRandom.ts';

/**
 * A Brownian path's expected range is about 1.6 of its standard deviation; clamping into the
 * parent's range absorbs some of the path's variance, so 1.3 is used: with it the realised
 * volatilities of generated 1m, 1H and 1D candles agree (about the contract's annual volatility).
 */
const RANGE_PER_SIGMA = 1.3;
/** Wick beyond a child's body, in units of the child's sigma. */
const CHILD_WICK = 0.4;

/**
 * Splits a candle into `childCount` consecutive children that aggregate exactly to it: the first
 * opens at the parent's open, each opens at the previous close, the last closes at the parent's
 * close, the highest high is the parent's high, the lowest low its low, the volumes sum to its volume.
 *
 * The boundary prices follow a Brownian bridge from open to close, scaled so that the path spans
 * about the parent's range, then clamped into it; one child is forced to touch the high and one the
 * low (the ones that come closest already), so the parent's extremes really happened inside it.
 */
export function splitCandle(parent: TickCandle, childCount: number, random: SeededRandom): TickCandle[] {
  const range = parent.high - parent.low;
  const childSigma = range / (RANGE_PER_SIGMA * Math.sqrt(childCount));
  const points = bridgePoints(parent, childCount, childSigma, random);
  const highs: number[] = [];
  const lows: number[] = [];
  for (let index = 0; index < childCount; index++) {
    const open = points[index]!;
    const close = points[index + 1]!;
    highs.push(Math.min(parent.high, Math.max(open, close) + wick(childSigma, random)));
    lows.push(Math.max(parent.low, Math.min(open, close) - wick(childSigma, random)));
  }
  highs[indexOfMax(highs)] = parent.high;
  lows[indexOfMin(lows)] = parent.low;
  const volumes = splitVolume(parent.volume, highs, lows, range / childCount, random);
  const children: TickCandle[] = [];
  for (let index = 0; index < childCount; index++) {
    children.push({
      open: points[index]!,
      high: highs[index]!,
      low: lows[index]!,
      close: points[index + 1]!,
      volume: volumes[index]!,
    });
  }
  return children;
}

/** Prices at the child boundaries: index 0 is the parent's open, index `count` its close. */
function bridgePoints(parent: TickCandle, count: number, sigma: number, random: SeededRandom): number[] {
  const walk = [0];
  for (let index = 1; index <= count; index++) walk.push(walk[index - 1]! + random.normal());
  const end = walk[count]!;
  const points = [parent.open];
  for (let index = 1; index < count; index++) {
    const fraction = index / count;
    const drift = parent.open + (parent.close - parent.open) * fraction;
    const price = Math.round(drift + sigma * (walk[index]! - fraction * end));
    points.push(Math.min(parent.high, Math.max(parent.low, price)));
  }
  points.push(parent.close);
  return points;
}

function wick(sigma: number, random: SeededRandom): number {
  return Math.round(Math.abs(random.normal()) * sigma * CHILD_WICK);
}

/** Integer volumes summing exactly to `total`, weighted towards the children that moved most. */
function splitVolume(
  total: number,
  highs: readonly number[],
  lows: readonly number[],
  typicalRange: number,
  random: SeededRandom,
): number[] {
  const weights = highs.map(
    (high, index) => (0.4 + random.uniform()) * (1 + (high - lows[index]!) / (typicalRange + 1)),
  );
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
  const exact = weights.map((weight) => (total * weight) / weightSum);
  const volumes = exact.map(Math.floor);
  let remainder = total - volumes.reduce((sum, volume) => sum + volume, 0);
  // Largest remainders first, ties to the earlier child: deterministic and exact.
  const order = exact.map((value, index) => ({ index, fraction: value - Math.floor(value) }));
  order.sort((a, b) => b.fraction - a.fraction || a.index - b.index);
  for (let rank = 0; remainder > 0; rank = (rank + 1) % order.length, remainder--) {
    const index = order[rank]!.index;
    volumes[index] = volumes[index]! + 1;
  }
  return volumes;
}

function indexOfMax(values: readonly number[]): number {
  let best = 0;
  for (let index = 1; index < values.length; index++) if (values[index]! > values[best]!) best = index;
  return best;
}

function indexOfMin(values: readonly number[]): number {
  let best = 0;
  for (let index = 1; index < values.length; index++) if (values[index]! < values[best]!) best = index;
  return best;
}

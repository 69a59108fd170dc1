import type { TickCandle } from './CandleAccumulator.ts';
import { SeededRandom } from './SeededRandom.ts';

export interface DailyHistoryOptions {
  readonly seed: number;
  readonly days: number;
  /** Opening price of the first day, in ticks. */
  readonly referenceTicks: number;
  readonly annualVolatility: number;
  /** Typical contracts traded per day. */
  readonly dailyVolume: number;
}

// GARCH(1,1) on daily log returns: persistence 0.97 gives the weeks-long calm and stormy regimes
// of crypto markets; alpha sets how hard one large move raises the next days' variance.
const GARCH_ALPHA = 0.09;
const GARCH_BETA = 0.88;
/** Rare jumps: about one a month, Student-t(3) sized, so some days move 15–25 %. */
const JUMP_PROBABILITY = 0.03;
const JUMP_SCALE_IN_SIGMAS = 2;
const MAX_ABS_JUMP = 0.25;
/** Share of the daily variance that jumps carry (a t(3) variate has variance 3); diffusion gets the rest. */
const JUMP_VARIANCE_SHARE = JUMP_PROBABILITY * 3 * JUMP_SCALE_IN_SIGMAS * JUMP_SCALE_IN_SIGMAS;
/** Pull of the log price towards the reference (half-life ≈ 6 weeks) keeps a year of prices plausible. */
const MEAN_REVERSION_PER_DAY = 1 / 60;

/**
 * The root level of the history tree: one candle per day, from a GARCH(1,1) variance process with
 * jumps. Each day opens at the previous close; the intraday range widens with the day's variance.
 */
export function generateDailyHistory(options: DailyHistoryOptions): TickCandle[] {
  const random = new SeededRandom(options.seed);
  const dailyVariance = (options.annualVolatility * options.annualVolatility) / 365;
  const diffusionVariance = dailyVariance * (1 - JUMP_VARIANCE_SHARE);
  // Only the diffusive shock feeds the GARCH recursion, so the long-run variance stays on target.
  const omega = diffusionVariance * (1 - GARCH_ALPHA - GARCH_BETA);
  const anchor = Math.log(options.referenceTicks);
  let variance = diffusionVariance;
  let logPrice = anchor;
  let open = options.referenceTicks;
  const days: TickCandle[] = [];
  for (let day = 0; day < options.days; day++) {
    const sigma = Math.sqrt(variance);
    const jump = random.chance(JUMP_PROBABILITY)
      ? clamp(random.studentT3() * JUMP_SCALE_IN_SIGMAS * Math.sqrt(dailyVariance), -MAX_ABS_JUMP, MAX_ABS_JUMP)
      : 0;
    const diffusion = sigma * random.normal();
    const shock = diffusion + jump;
    logPrice += shock + MEAN_REVERSION_PER_DAY * (anchor - logPrice);
    const close = Math.max(1, Math.round(Math.exp(logPrice)));
    const wick = sigma + Math.abs(jump) * 0.3;
    const high = Math.max(open, close, Math.round(Math.max(open, close) * Math.exp(wick * wickFactor(random))));
    const low = Math.max(
      1,
      Math.min(open, close, Math.round(Math.min(open, close) * Math.exp(-wick * wickFactor(random)))),
    );
    const activity = 0.6 + (0.4 * Math.abs(shock)) / Math.sqrt(dailyVariance);
    const volume = Math.max(1, Math.round(options.dailyVolume * activity * Math.exp(0.25 * random.normal())));
    days.push({ open, high, low, close, volume });
    variance = Math.min(25 * dailyVariance, omega + GARCH_ALPHA * diffusion * diffusion + GARCH_BETA * variance);
    open = close;
  }
  return days;
}

/** How far beyond the body a day's wick reaches, in units of the day's sigma. */
function wickFactor(random: SeededRandom): number {
  return 0.15 + 0.45 * Math.abs(random.normal());
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

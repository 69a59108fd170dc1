import { SeededRandom } from './SeededRandom.ts';

export interface LivePriceProcessOptions {
  readonly seed: number;
  readonly startTicks: number;
  readonly annualVolatility: number;
  readonly tickMs: number;
  /** Typical contracts traded per day: sets the crowd's trade sizes. */
  readonly dailyVolume: number;
}

/** One print of the crowd: the price it traded at and who took. */
export interface CrowdPrint {
  readonly priceTicks: number;
  readonly size: number;
  readonly buyerIsMaker: boolean;
}

const YEAR_MS = 365 * 86_400_000;
const DAY_MS = 86_400_000;
/** Memory of the variance process: shocks fade with a time constant of 30 minutes. */
const VARIANCE_MEMORY_MS = 30 * 60_000;
/** GARCH alpha per step: with the memory above, the variance swings by about its own size. */
const GARCH_ALPHA = 0.01;
const MAX_VARIANCE_MULTIPLE = 25;
const JUMPS_PER_DAY = 2;
const JUMP_SCALE_OF_DAILY_SIGMA = 0.15;
const MAX_ABS_JUMP = 0.08;
/** Share of the variance that jumps carry (a t(3) variate has variance 3); diffusion gets the rest. */
const JUMP_VARIANCE_SHARE = JUMPS_PER_DAY * 3 * JUMP_SCALE_OF_DAILY_SIGMA * JUMP_SCALE_OF_DAILY_SIGMA;
/** After a jump the market stays nervous: the variance is lifted to at least this multiple. */
const POST_JUMP_VARIANCE_MULTIPLE = 3;

/**
 * The live price of one symbol: a log-price random walk whose per-step variance follows a GARCH(1,1)
 * process (unconditional variance from the annual volatility), with rare Student-t jumps. The log
 * price stays continuous inside; the printed price is rounded to whole ticks.
 */
export class LivePriceProcess {
  readonly #random: SeededRandom;
  readonly #stepVariance: number;
  readonly #omega: number;
  readonly #beta: number;
  readonly #jumpProbability: number;
  readonly #jumpScale: number;
  readonly #meanTradeSize: number;
  #variance: number;
  #logPrice: number;
  #priceTicks: number;

  constructor(options: LivePriceProcessOptions) {
    this.#random = new SeededRandom(options.seed);
    const volatility = options.annualVolatility;
    this.#stepVariance = ((volatility * volatility * options.tickMs) / YEAR_MS) * (1 - JUMP_VARIANCE_SHARE);
    const persistence = Math.exp(-options.tickMs / VARIANCE_MEMORY_MS);
    this.#beta = Math.max(0, persistence - GARCH_ALPHA);
    this.#omega = this.#stepVariance * (1 - this.#beta - GARCH_ALPHA);
    this.#variance = this.#stepVariance;
    this.#jumpProbability = (JUMPS_PER_DAY * options.tickMs) / DAY_MS;
    this.#jumpScale = JUMP_SCALE_OF_DAILY_SIGMA * volatility * Math.sqrt(1 / 365);
    this.#meanTradeSize = (options.dailyVolume * options.tickMs) / DAY_MS;
    this.#priceTicks = Math.max(1, Math.round(options.startTicks));
    this.#logPrice = Math.log(this.#priceTicks);
  }

  get priceTicks(): number {
    return this.#priceTicks;
  }

  /** One step of the process and the crowd trade that prints the new price. */
  step(): CrowdPrint {
    const random = this.#random;
    const diffusion = Math.sqrt(this.#variance) * random.normal();
    // Only the diffusive shock feeds GARCH: a jump fed in would pin the variance at its cap for an hour.
    this.#variance = Math.min(
      MAX_VARIANCE_MULTIPLE * this.#stepVariance,
      this.#omega + GARCH_ALPHA * diffusion * diffusion + this.#beta * this.#variance,
    );
    let shock = diffusion;
    if (random.chance(this.#jumpProbability)) {
      shock += Math.max(-MAX_ABS_JUMP, Math.min(MAX_ABS_JUMP, random.studentT3() * this.#jumpScale));
      this.#variance = Math.max(this.#variance, POST_JUMP_VARIANCE_MULTIPLE * this.#stepVariance);
    }
    this.#logPrice += shock;
    // Busier when the price moves more; about 1 on average (E|z| ≈ 0.8).
    const activity = 0.5 + (0.6 * Math.abs(shock)) / Math.sqrt(this.#stepVariance);
    return this.#print(Math.max(1, Math.round(Math.exp(this.#logPrice))), activity);
  }

  /** Moves the price to `priceTicks` at once (an admin `setPrice`) and prints a trade there. */
  moveTo(priceTicks: number): CrowdPrint {
    this.#logPrice = Math.log(priceTicks);
    return this.#print(priceTicks, 1);
  }

  #print(priceTicks: number, activity: number): CrowdPrint {
    const previous = this.#priceTicks;
    this.#priceTicks = priceTicks;
    // Log-normal sizes with mean `meanTradeSize × activity`: mostly small prints, a few large ones.
    const size = Math.max(
      1,
      Math.round(this.#meanTradeSize * activity * Math.exp(0.9 * this.#random.normal() - 0.405)),
    );
    const buyerIsMaker = priceTicks === previous ? this.#random.chance(0.5) : priceTicks < previous;
    return { priceTicks, size, buyerIsMaker };
  }
}

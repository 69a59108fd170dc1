import type { Logger } from '../logging/logger.ts';
import type { RateBudget } from './RateBudget.ts';

/**
 * A limiter's link to the shared budget. When the budget's server cannot answer, the limiter falls
 * back to its own log (this process's sends only) rather than stop trading: a stop-loss close must
 * still go out. One warning when the link breaks, one when it is back.
 */
export class BudgetLink {
  readonly #budget: RateBudget;
  readonly #logger: Logger | undefined;
  #broken = false;

  constructor(budget: RateBudget, logger: Logger | undefined) {
    this.#budget = budget;
    this.#logger = logger;
  }

  /** The shared answer (0: taken, else ms to wait), or undefined when the budget is unreachable. */
  async take(bucket: string, limit: number, windowMs: number, now: number): Promise<number | undefined> {
    try {
      const wait = await this.#budget.take(bucket, limit, windowMs, now);
      if (this.#broken) {
        this.#broken = false;
        this.#logger?.warn({ bucket }, 'the shared REST budget answers again');
      }
      return wait;
    } catch (error) {
      if (!this.#broken) {
        this.#broken = true;
        this.#logger?.warn(
          { err: error, bucket },
          'the shared REST budget does not answer: this process counts only its own requests until it does',
        );
      }
      return undefined;
    }
  }

  /** Shares a block (a 429, a full window reported by the venue); a failure only costs the other processes a 429. */
  block(bucket: string, until: number): void {
    this.#budget.block(bucket, until).catch((error: unknown) => {
      this.#logger?.warn({ err: error, bucket }, 'could not share a rate-limit block');
    });
  }
}

/**
 * Holds a trigger back while `budget` triggers already went out within `windowMs`: a benchmark
 * that measures a reaction paces its triggers under the REST client's rate limits, so that the
 * figure is the reaction and not the client waiting for its window (see RestRateLimiter).
 */
export class TriggerPacer {
  readonly #budget: number;
  readonly #windowMs: number;
  readonly #sent: number[] = [];

  constructor(budget: number, windowMs: number) {
    this.#budget = budget;
    this.#windowMs = windowMs;
  }

  async ready(): Promise<void> {
    for (;;) {
      const now = performance.now();
      while ((this.#sent[0] ?? now) <= now - this.#windowMs) this.#sent.shift();
      const oldest = this.#sent[0];
      if (this.#sent.length < this.#budget || oldest === undefined) {
        this.#sent.push(now);
        return;
      }
      // Pacing, not a wait for a condition: the budget frees up at a known time.
      await new Promise((resolve) => setTimeout(resolve, oldest + this.#windowMs - now + 1));
    }
  }
}

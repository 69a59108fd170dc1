export interface GroupCommitOptions {
  /** The most deliveries one transaction takes. */
  readonly maxBatch: number;
  /** Transactions running at once (each holds a connection while it runs). */
  readonly maxInFlight: number;
}

interface Waiting<I, R> {
  readonly item: I;
  readonly resolve: (result: R) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit (docs/decisions/0029-group-commit-ingest.md): deliveries that arrive while a
 * transaction runs wait for it and then go together in the next one, so one commit serves many.
 * There is no timer: a delivery that finds a free slot starts at once, and one that waits waits
 * for at most one running transaction. Each promise settles after its transaction committed (or
 * failed). When a transaction of several fails, each of its deliveries is retried in a
 * transaction of its own, so one bad delivery fails alone and the others are stored.
 */
export class GroupCommit<I, R> {
  readonly #commit: (items: readonly I[]) => Promise<readonly R[]>;
  readonly #options: GroupCommitOptions;
  #waiting: Waiting<I, R>[] = [];
  #running = 0;
  #startScheduled = false;
  #drained: (() => void)[] = [];

  /** `commit` runs one transaction over its items and returns their results in the same order. */
  constructor(commit: (items: readonly I[]) => Promise<readonly R[]>, options: GroupCommitOptions) {
    if (options.maxBatch < 1 || options.maxInFlight < 1)
      throw new RangeError('group commit needs batches of 1 or more');
    this.#commit = commit;
    this.#options = options;
  }

  /** Resolves with the item's result once its transaction committed; rejects with its error. */
  submit(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.#waiting.push({ item, resolve, reject });
      this.#scheduleStart();
    });
  }

  /** Resolves when nothing waits and no transaction runs (before closing the database). */
  drain(): Promise<void> {
    if (this.#running === 0 && this.#waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.#drained.push(resolve));
  }

  /**
   * Starts at the end of this turn of the event loop, not at once: the requests read in the same
   * turn join the same transaction. Without it PGlite (which runs in this thread, its awaits all
   * microtasks) would commit each request before the next one is even read: batches of one.
   */
  #scheduleStart(): void {
    if (this.#startScheduled) return;
    this.#startScheduled = true;
    setImmediate(() => {
      this.#startScheduled = false;
      this.#startWhatFits();
    });
  }

  #startWhatFits(): void {
    while (this.#running < this.#options.maxInFlight && this.#waiting.length > 0) {
      const batch = this.#waiting.splice(0, this.#options.maxBatch);
      this.#running += 1;
      void this.#run(batch).finally(() => {
        this.#running -= 1;
        this.#scheduleStart();
        if (this.#running === 0 && this.#waiting.length === 0) for (const resolve of this.#drained.splice(0)) resolve();
      });
    }
  }

  async #run(batch: readonly Waiting<I, R>[]): Promise<void> {
    try {
      settle(batch, await this.#commit(batch.map((waiting) => waiting.item)));
      return;
    } catch (error) {
      const [only] = batch;
      if (batch.length === 1 && only) {
        only.reject(error);
        return;
      }
    }
    // The whole transaction rolled back: nothing of it is stored, so each delivery is retried alone.
    for (const waiting of batch) {
      try {
        settle([waiting], await this.#commit([waiting.item]));
      } catch (error) {
        waiting.reject(error);
      }
    }
  }
}

function settle<I, R>(batch: readonly Waiting<I, R>[], results: readonly R[]): void {
  batch.forEach((waiting, index) => {
    if (index < results.length) waiting.resolve(results[index] as R);
    else waiting.reject(new Error(`group commit returned ${results.length} results for ${batch.length} items`));
  });
}

import type { Logger } from '../../platform/logging/logger.ts';
import type { Unsubscribe } from '../port/streams.ts';

/**
 * A listener list. A listener that throws is logged and skipped: one consumer's bug must not
 * stop the socket handler that feeds every other consumer.
 */
export class Listeners<E> {
  readonly #listeners = new Set<(event: E) => void>();
  readonly #logger: Logger;
  readonly #what: string;

  constructor(logger: Logger, what: string) {
    this.#logger = logger;
    this.#what = what;
  }

  add(listener: (event: E) => void): Unsubscribe {
    // Wrapped so that the same function added twice is called twice and removed once per handle.
    const entry = (event: E) => listener(event);
    this.#listeners.add(entry);
    return () => {
      this.#listeners.delete(entry);
    };
  }

  emit(event: E): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (error) {
        this.#logger.error({ err: error, listener: this.#what }, 'a stream listener threw');
      }
    }
  }
}

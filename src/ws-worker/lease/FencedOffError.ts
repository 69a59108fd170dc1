import { RetryableError } from '../../platform/errors/exchangeErrors.ts';

/**
 * This worker could not show that it still holds its account's lease, so nothing was sent to the
 * venue. Retryable for the caller (an entry waits for a later price, a closing retries): by then the
 * worker has stopped, or confirmed its lease again.
 */
export class FencedOffError extends RetryableError {
  /** A retryable error of its own (its `name` stays the base's: callers branch on the kind). */
  readonly fenced = true as const;
  constructor(message: string, options?: ErrorOptions) {
    super(message, 1_000, undefined, options);
  }
}

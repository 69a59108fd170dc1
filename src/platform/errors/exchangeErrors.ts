/**
 * Errors say what the caller must do (docs/style.md#error-kinds). Every failure of an exchange call is one
 * of these five kinds; venue codes map to them in one table per venue.
 */
export type ErrorKind = 'invalid' | 'rejected' | 'retryable' | 'unknown_outcome' | 'fatal';

export abstract class ExchangeError extends Error {
  abstract readonly kind: ErrorKind;
  /** The venue's own code and message, when the venue answered. */
  readonly venueCode: number | undefined;
  readonly venueMessage: string | undefined;

  constructor(message: string, venue?: { code: number; message: string }, options?: ErrorOptions) {
    super(message, options);
    this.venueCode = venue?.code;
    this.venueMessage = venue?.message;
  }
}

/** Our input or a local rule said no; nothing was sent, or the venue refused the request's form. Fix the input. */
export class InvalidRequestError extends ExchangeError {
  override readonly name = 'InvalidRequestError';
  readonly kind = 'invalid' as const;
}

/** The venue understood and refused (insufficient balance, unknown order, ...). Nothing changed there. */
export class RejectedError extends ExchangeError {
  override readonly name = 'RejectedError';
  readonly kind = 'rejected' as const;
}

/** Network failure before sending, HTTP 429 or 5xx: safe to try again after `retryAfterMs`. */
export class RetryableError extends ExchangeError {
  override readonly name = 'RetryableError';
  readonly kind = 'retryable' as const;
  constructor(
    message: string,
    readonly retryAfterMs: number,
    venue?: { code: number; message: string },
    options?: ErrorOptions,
  ) {
    super(message, venue, options);
  }
}

/**
 * The request may or may not have taken effect (a timeout or a disconnect after a POST was sent).
 * Never treat it as a rejection: reconcile, for an order by querying its client order id.
 */
export class UnknownOutcomeError extends ExchangeError {
  override readonly name = 'UnknownOutcomeError';
  readonly kind = 'unknown_outcome' as const;
  constructor(
    message: string,
    readonly clientOrderId: string | undefined,
    options?: ErrorOptions,
  ) {
    super(message, undefined, options);
  }
}

/** Bad or revoked credentials, a forbidden IP: stop, a retry cannot help. */
export class FatalExchangeError extends ExchangeError {
  override readonly name = 'FatalExchangeError';
  readonly kind = 'fatal' as const;
}

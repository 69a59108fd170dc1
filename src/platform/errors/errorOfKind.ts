import {
  type ErrorKind,
  type ExchangeError,
  FatalExchangeError,
  InvalidRequestError,
  RejectedError,
  RetryableError,
  UnknownOutcomeError,
} from './exchangeErrors.ts';

/** What a venue's code (or HTTP status) means for the caller: one row of a venue's error-kind table. */
export interface ErrorKindRule {
  readonly kind: ErrorKind;
  /** After a retryable error: wait at least this long (ms) unless the response says otherwise. */
  readonly retryAfterMs?: number;
  /** The signing clock may be off: measure the server time again before the next signed call. */
  readonly resyncClock?: boolean;
}

export interface ErrorDetail {
  /** The venue's own code and message, when the venue answered. */
  readonly venue?: { code: number; message: string } | undefined;
  /** A retryable error's wait; the rule's own when absent, else 1 s. */
  readonly retryAfterMs?: number | undefined;
  /** The order an unknown outcome is reconciled by. */
  readonly clientOrderId?: string | undefined;
}

/** The `ExchangeError` of `kind`, so every venue (and the simulator in process) builds the same five. */
export function errorOfKind(rule: ErrorKindRule, text: string, detail: ErrorDetail = {}): ExchangeError {
  const { venue } = detail;
  switch (rule.kind) {
    case 'fatal':
      return new FatalExchangeError(text, venue);
    case 'invalid':
      return new InvalidRequestError(text, venue);
    case 'rejected':
      return new RejectedError(text, venue);
    case 'retryable':
      return new RetryableError(text, detail.retryAfterMs ?? rule.retryAfterMs ?? 1_000, venue);
    case 'unknown_outcome':
      return new UnknownOutcomeError(`${text}; reconcile`, detail.clientOrderId);
  }
}

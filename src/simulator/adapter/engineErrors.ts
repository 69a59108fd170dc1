import { bitmartErrorKind } from '../../exchange/bitmart/protocol/errorKinds.ts';
import {
  type ExchangeError,
  FatalExchangeError,
  InvalidRequestError,
  RejectedError,
  RetryableError,
  UnknownOutcomeError,
} from '../../platform/errors/exchangeErrors.ts';
import type { EngineError } from '../engine/types.ts';

/**
 * An engine rejection as the error the BitMart REST client throws for the same code: the kind
 * comes from BitMart's one table (`exchange/bitmart/protocol/errorKinds.ts`), so paper and live
 * callers see the same kinds. The engine refused before changing anything.
 */
export function exchangeErrorOf(error: EngineError, what: string): ExchangeError {
  const venue = { code: error.code, message: error.message };
  const message = `${what}: ${error.code} ${error.message}`;
  const rule = bitmartErrorKind(error.code, error.httpStatus);
  switch (rule.kind) {
    case 'invalid':
      return new InvalidRequestError(message, venue);
    case 'fatal':
      return new FatalExchangeError(message, venue);
    case 'retryable':
      return new RetryableError(message, rule.retryAfterMs ?? 0, venue);
    // In process nothing is lost in transit; kept for completeness of the kinds.
    case 'unknown_outcome':
      return new UnknownOutcomeError(message, undefined);
    default:
      return new RejectedError(message, venue);
  }
}

import { bitmartErrorKind } from '../../exchange/bitmart/protocol/errorKinds.ts';
import { errorOfKind } from '../../platform/errors/errorOfKind.ts';
import type { ExchangeError } from '../../platform/errors/exchangeErrors.ts';
import type { EngineError } from '../engine/types.ts';

/**
 * An engine rejection as the error the BitMart REST client throws for the same code: the kind
 * comes from BitMart's one table (`exchange/bitmart/protocol/errorKinds.ts`), so paper and live
 * callers see the same kinds. The engine refused before changing anything.
 */
export function exchangeErrorOf(error: EngineError, what: string): ExchangeError {
  const rule = bitmartErrorKind(error.code, error.httpStatus);
  return errorOfKind(rule, `${what}: ${error.code} ${error.message}`, {
    venue: { code: error.code, message: error.message },
    retryAfterMs: rule.retryAfterMs ?? 0,
  });
}

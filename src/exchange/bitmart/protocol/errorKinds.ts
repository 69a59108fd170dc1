import type { ErrorKindRule } from '../../../platform/errors/errorOfKind.ts';

/**
 * The one table from BitMart response codes (docs/reference/bitmart-wire.md#codes, codes.ts) to the error kinds of
 * docs/style.md#error-kinds: what the caller must do. A code missing here falls back on its HTTP status
 * (`errorKindForStatus`). The reasoning for each non-obvious choice sits beside it.
 */
export type BitmartErrorKindRule = ErrorKindRule;

const fatal: BitmartErrorKindRule = { kind: 'fatal' };
const invalid: BitmartErrorKindRule = { kind: 'invalid' };
const rejected: BitmartErrorKindRule = { kind: 'rejected' };
const retry = (retryAfterMs: number, resyncClock = false): BitmartErrorKindRule => ({
  kind: 'retryable',
  retryAfterMs,
  resyncClock,
});

export const BITMART_ERROR_KINDS: Readonly<Record<number, BitmartErrorKindRule>> = {
  // An unknown path is our bug (a wrong URL), not the venue's state.
  30000: invalid,
  // 30001–30005: missing, unknown, frozen key or bad signature: credentials are wrong, stop.
  30001: fatal,
  30002: fatal,
  30003: fatal,
  30004: fatal,
  30005: fatal,
  // 30006/30008: the timestamp header is missing or malformed. We always send 13 digits, so this
  // can only be a client bug that a retry repeats: stop.
  30006: fatal,
  30008: fatal,
  // 30007: the timestamp is outside BitMart's one-minute window (bitmart-wire.md#timestamp-window). Authentication
  // failed before the request was processed, so nothing happened: resync the clock offset and retry.
  30007: retry(0, true),
  // 30010–30012: IP forbidden, key expired, key not allowed on this endpoint: an operator must act.
  30010: fatal,
  30011: fatal,
  30012: fatal,
  30013: retry(2_000),
  30014: retry(1_000),
  // Maintenance: it will pass, but not within a second.
  30016: retry(60_000),
  // 418 "account temporarily rejected" after repeated 429s: back off for a long while.
  30017: retry(60_000),
  // We always send JSON: a 30018 is a client bug.
  30018: invalid,
  30019: fatal,
  // Deprecated endpoints: our code is out of date, stop.
  30030: fatal,
  30031: fatal,
  // Futures account missing, futures not opened, region restricted: nothing to retry.
  40001: fatal,
  40046: fatal,
  40047: fatal,
  40007: invalid,
  // "Check nonce error" has no documentation beyond its name [?]; like 40013, time-related.
  40008: retry(0, true),
  40011: invalid,
  // 40012 comes with HTTP 500 and the message "System error", yet it is what BitMart answers to
  // deterministic refusals: "available balance not enough", leverage or mode conflicting with an
  // open position (bitmart-wire.md#codes, #submit-order). Retrying such a refusal loops, so it is a
  // rejection, not a 5xx.
  40012: rejected,
  // "Access too often / check system time".
  40013: retry(1_000, true),
  40014: rejected,
  40015: rejected,
  40016: rejected,
  40017: rejected,
  40018: rejected,
  40019: rejected,
  40020: rejected,
  40021: rejected,
  40027: rejected,
  40028: rejected,
  // Leverage outside the contract's range is a rule about our input.
  40029: invalid,
  40030: invalid,
  // Depends on where the price is now, not on the request's form.
  40031: rejected,
  40034: invalid,
  // Unknown order: the venue answered, nothing changed. `order()` turns these into `undefined`.
  40035: rejected,
  40036: rejected,
  40037: rejected,
  40038: invalid,
  40039: retry(0, true),
  40040: invalid,
  40041: invalid,
  40042: invalid,
  40043: invalid,
  40044: invalid,
  40045: invalid,
  40048: invalid,
  40049: invalid,
  // A duplicate client order id: the first order exists. Rejected (this request placed nothing);
  // the caller resolves it with `order({ clientOrderId })`.
  40050: rejected,
  40059: rejected,
  42000: rejected,
  49998: invalid,
};

/** Codes whose kind is "not found": `order()` answers `undefined` for them. */
export const BITMART_ORDER_NOT_FOUND_CODES: ReadonlySet<number> = new Set([40035, 40037]);

/**
 * The kind of an HTTP status without a known code: 401/403 credentials, 429/418 throttling,
 * 5xx the venue's trouble, any other 4xx a refusal of this request.
 */
export function errorKindForStatus(httpStatus: number): BitmartErrorKindRule {
  if (httpStatus === 401 || httpStatus === 403) return fatal;
  if (httpStatus === 429) return retry(2_000);
  if (httpStatus === 418) return retry(60_000);
  if (httpStatus >= 500) return retry(1_000);
  return rejected;
}

/** The rule for a code, or for its HTTP status when the table does not know it. */
export function bitmartErrorKind(code: number, httpStatus: number): BitmartErrorKindRule {
  return BITMART_ERROR_KINDS[code] ?? errorKindForStatus(httpStatus);
}

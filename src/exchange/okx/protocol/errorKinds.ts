import type { ErrorKindRule } from '../../../platform/errors/errorOfKind.ts';

/**
 * The one table from OKX API v5 codes (top-level `code`, or an item's `sCode`:
 * https://www.okx.com/docs-v5/en/#error-code) to the error kinds
 * of docs/style.md#error-kinds. A code missing here falls back on its HTTP status
 * (`okxErrorKindForStatus`), then on its family (50xxx gateway/auth, 51xxx order refusals, 59xxx
 * account settings). The reason of each non-obvious choice sits beside it.
 */
export type OkxErrorKindRule = ErrorKindRule;

const fatal: OkxErrorKindRule = { kind: 'fatal' };
const invalid: OkxErrorKindRule = { kind: 'invalid' };
const rejected: OkxErrorKindRule = { kind: 'rejected' };
const unknownOutcome: OkxErrorKindRule = { kind: 'unknown_outcome' };
const retry = (retryAfterMs: number, resyncClock = false): OkxErrorKindRule => ({
  kind: 'retryable',
  retryAfterMs,
  resyncClock,
});

export const OKX_ERROR_KINDS: Readonly<Record<string, OkxErrorKindRule>> = {
  // 50000/50002/50006: empty body, bad JSON, wrong content type: we built the request wrong.
  '50000': invalid,
  '50001': retry(1_000),
  '50002': invalid,
  // "API endpoint request timeout": OKX may have processed it. Reconcile by clOrdId, never resend blind.
  '50004': unknownOutcome,
  '50006': invalid,
  '50011': retry(2_000),
  '50013': retry(2_000),
  '50014': invalid,
  // "System error": on a write the request may have been processed; the parser turns it into an
  // unknown outcome for POSTs (see parseResponse.ts) and keeps it retryable for reads.
  '50026': retry(1_000),
  // Demo-only or live-only features, and a key bound to the other environment: configuration.
  '50038': fatal,
  '50053': fatal,
  '50061': retry(2_000),
  '50101': fatal,
  // Timestamp outside OKX's window: refused before processing; resync the offset and send again.
  '50102': retry(0, true),
  '50103': fatal,
  '50104': fatal,
  '50105': fatal,
  '50106': fatal,
  '50107': fatal,
  '50110': fatal,
  '50111': fatal,
  // We always send an ISO timestamp with ms: a 50112 is a clock or client bug, resync once.
  '50112': retry(0, true),
  '50113': fatal,
  '50114': fatal,
  // 51000 "Parameter {0} error": the request's form (posSide in the wrong mode, a bad clOrdId).
  '51000': invalid,
  '51001': invalid,
  '51004': rejected,
  '51006': rejected,
  '51007': invalid,
  '51008': rejected,
  // An order type the account mode does not support: the account needs the operator's attention.
  '51010': fatal,
  // A duplicate client order id among pending orders: the first order exists, this one placed
  // nothing. Rejected; the caller resolves it with `order({ clientOrderId })`.
  '51016': rejected,
  '51020': invalid,
  '51023': rejected,
  '51024': fatal,
  '51121': invalid,
  '51127': rejected,
  '51131': rejected,
  '51169': rejected,
  '51170': rejected,
  '51205': rejected,
  // Already filled, canceled or unknown: the venue answered and nothing changed.
  '51400': rejected,
  '51410': rejected,
  '51503': rejected,
  '51603': rejected,
  '51071': rejected,
  '59000': rejected,
  '59101': rejected,
  '59102': invalid,
  '59107': rejected,
  '59108': rejected,
};

/** "Order does not exist" (detail) and "already filled, canceled or does not exist" (cancel). */
export const OKX_ORDER_NOT_FOUND_CODES: ReadonlySet<string> = new Set(['51603']);
/** A cancel that found nothing left to cancel. */
export const OKX_ALREADY_FINAL_CODES: ReadonlySet<string> = new Set(['51400', '51401', '51410', '51503', '51603']);

/** 401 credentials, 404 a wrong path (our bug), 429 throttling, 5xx the venue's trouble. */
export function okxErrorKindForStatus(httpStatus: number): OkxErrorKindRule | undefined {
  if (httpStatus === 401 || httpStatus === 403) return fatal;
  if (httpStatus === 404) return invalid;
  if (httpStatus === 429) return retry(2_000);
  if (httpStatus >= 500) return retry(1_000);
  return undefined;
}

function byFamily(code: string): OkxErrorKindRule {
  if (/^5010\d$|^5011\d$/.test(code)) return fatal;
  if (code.startsWith('50')) return retry(1_000);
  if (code.startsWith('51') || code.startsWith('59') || code.startsWith('52') || code.startsWith('54')) return rejected;
  return rejected;
}

/** The rule for a code: the table, else the HTTP status, else the code's family. */
export function okxErrorKind(code: string, httpStatus: number): OkxErrorKindRule {
  return OKX_ERROR_KINDS[code] ?? okxErrorKindForStatus(httpStatus) ?? byFamily(code);
}

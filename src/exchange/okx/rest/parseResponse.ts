import type { z } from 'zod';
import {
  type ExchangeError,
  FatalExchangeError,
  InvalidRequestError,
  RejectedError,
  RetryableError,
  UnknownOutcomeError,
} from '../../../platform/errors/exchangeErrors.ts';
import type { HttpAnswer } from '../../../platform/http/index.ts';
import { okxErrorKind, okxErrorKindForStatus } from '../protocol/errorKinds.ts';
import { OkxEnvelopeHeadSchema, OkxItemResultSchema } from '../protocol/wire/index.ts';

/**
 * One HTTP answer → the endpoint's parsed `data` rows or an `ExchangeError` of the right kind
 * (https://www.okx.com/docs-v5/en/#overview-rest-authentication): `code` "0" is success; a trade write rejected as a whole
 * answers `code` "1" with the reason in `data[0].sCode`, which is the code that counts; a body
 * without the envelope came from something in front of OKX. Zod errors never escape.
 */
export interface ResponseContext {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly clientOrderId: string | undefined;
}

export type ParseOutcome<Row> =
  | { readonly ok: true; readonly rows: Row[] }
  | {
      readonly ok: false;
      readonly error: ExchangeError;
      readonly resyncClock: boolean;
      readonly rateLimited: boolean;
    };

/** OKX's code for "too many requests" (HTTP 429 from the gateway or 200 in the envelope). */
export const RATE_LIMIT_CODE = '50011';

export function parseOkxResponse<Row extends z.ZodType>(
  response: HttpAnswer,
  rowSchema: Row,
  context: ResponseContext,
): ParseOutcome<z.output<Row>> {
  const what = `${context.method} ${context.path}`;
  const json = parseJson(response.bodyText);
  const head = OkxEnvelopeHeadSchema.safeParse(json);
  if (!head.success) return withoutEnvelope(response, context, what);
  const code = String(head.data.code);
  const msg = head.data.msg ?? '';
  const rows = Array.isArray(head.data.data) ? head.data.data : [];
  if (code !== '0') {
    // The item's own code says why a write failed; the envelope's "1" only says that it did.
    const item = OkxItemResultSchema.safeParse(rows[0]);
    const itemCode = item.success && item.data.sCode !== '' && item.data.sCode !== '0' ? item.data.sCode : undefined;
    return venueError(response, itemCode ?? code, itemCode && item.success ? item.data.sMsg : msg, context, what);
  }
  const parsed = rows.map((row) => rowSchema.safeParse(row));
  const failure = parsed.find((result) => !result.success);
  if (!failure) return { ok: true, rows: parsed.map((result) => result.data as z.output<Row>) };
  const fields = (failure.error?.issues ?? [])
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
  const detail = `${what} succeeded but its body does not match the OKX wire schema (${fields})`;
  // A POST that succeeded took effect, only its answer is unreadable; a GET's answer would be as
  // unreadable again: the client is out of date with the venue.
  const error =
    context.method === 'POST'
      ? new UnknownOutcomeError(`${detail}; reconcile`, context.clientOrderId)
      : new FatalExchangeError(detail);
  return { ok: false, error, resyncClock: false, rateLimited: false };
}

/** The first item's own outcome on a trade write answered "0" as a whole but refused item-wise. */
export function itemError(sCode: string, sMsg: string, context: ResponseContext): ExchangeError | undefined {
  if (sCode === '' || sCode === '0') return undefined;
  const outcome = venueError(
    { status: 200, headers: {}, bodyText: '' },
    sCode,
    sMsg,
    context,
    `${context.method} ${context.path}`,
  );
  return outcome.error;
}

function venueError(
  response: HttpAnswer,
  code: string,
  message: string,
  context: ResponseContext,
  what: string,
): ParseOutcome<never> & { ok: false } {
  const rateLimited = code === RATE_LIMIT_CODE || response.status === 429;
  let rule = okxErrorKind(code, response.status);
  // A system error (50026) on a write may hide a processed request.
  if (code === '50026' && context.method === 'POST') rule = { kind: 'unknown_outcome' };
  const numeric = Number(code);
  const venue = { code: Number.isFinite(numeric) ? numeric : -1, message };
  const text = `${what} refused by OKX: ${code} ${message}`;
  const resyncClock = rule.resyncClock === true;
  const error = ((): ExchangeError => {
    switch (rule.kind) {
      case 'fatal':
        return new FatalExchangeError(text, venue);
      case 'invalid':
        return new InvalidRequestError(text, venue);
      case 'rejected':
        return new RejectedError(text, venue);
      case 'retryable':
        return new RetryableError(text, retryAfterHeaderMs(response) ?? rule.retryAfterMs ?? 1_000, venue);
      case 'unknown_outcome':
        return new UnknownOutcomeError(`${text}; reconcile`, context.clientOrderId);
    }
  })();
  return { ok: false, error, resyncClock, rateLimited };
}

function withoutEnvelope(response: HttpAnswer, context: ResponseContext, what: string): ParseOutcome<never> {
  const status = response.status;
  const text = `${what} answered HTTP ${status} without an OKX envelope`;
  const base = { resyncClock: false, rateLimited: status === 429 };
  if (status >= 500 && context.method === 'POST') {
    return { ok: false, error: new UnknownOutcomeError(`${text}; reconcile`, context.clientOrderId), ...base };
  }
  const rule =
    status < 300 ? { kind: 'fatal' as const } : (okxErrorKindForStatus(status) ?? { kind: 'rejected' as const });
  const error =
    rule.kind === 'retryable'
      ? new RetryableError(text, retryAfterHeaderMs(response) ?? rule.retryAfterMs ?? 1_000)
      : rule.kind === 'fatal'
        ? new FatalExchangeError(text)
        : // An unknown path (the gateway's 404) is our bug: a wrong URL.
          status === 404
          ? new InvalidRequestError(text)
          : new RejectedError(text);
  return { ok: false, error, ...base };
}

function retryAfterHeaderMs(response: HttpAnswer): number | undefined {
  const raw = response.headers['retry-after'];
  const seconds = Number(Array.isArray(raw) ? raw[0] : raw);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

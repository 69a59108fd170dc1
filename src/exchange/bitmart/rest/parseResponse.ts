import type { z } from 'zod';
import {
  type ExchangeError,
  FatalExchangeError,
  InvalidRequestError,
  RejectedError,
  RetryableError,
  UnknownOutcomeError,
} from '../../../platform/errors/exchangeErrors.ts';
import { bitmartErrorKind, errorKindForStatus } from '../protocol/errorKinds.ts';
import { BITMART_SUCCESS_CODE, BitmartEnvelopeHeadSchema } from '../protocol/wire/index.ts';
import type { HttpResponse } from './HttpTransport.ts';

/**
 * Turns one HTTP response into the endpoint's parsed `data` or an `ExchangeError` of the right kind
 * (docs/reference/bitmart-wire.md#envelope, and #codes via protocol/errorKinds.ts). Never throws zod's own
 * errors: a body that does not match the schema becomes an error that names the field paths.
 */
export interface ResponseContext {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly clientOrderId: string | undefined;
}

export type ParseOutcome<Data> =
  | { readonly ok: true; readonly data: Data }
  | { readonly ok: false; readonly error: ExchangeError; readonly resyncClock: boolean };

/** Retry delay of a 429 or 5xx: `Retry-After` if sent, else the rate-limit window length. */
export function retryAfterMsOf(response: HttpResponse, fallbackMs: number): number {
  const retryAfter = retryAfterHeaderMs(response);
  if (retryAfter !== undefined) return retryAfter;
  const resetSeconds = Number(header(response, 'x-bm-ratelimit-reset'));
  if (Number.isFinite(resetSeconds) && resetSeconds > 0) return resetSeconds * 1000;
  return fallbackMs;
}

/** The standard `Retry-After` header in seconds, as ms; undefined when absent. */
function retryAfterHeaderMs(response: HttpResponse): number | undefined {
  const seconds = Number(header(response, 'retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}

export function header(response: HttpResponse, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function parseBitmartResponse<Schema extends z.ZodType>(
  response: HttpResponse,
  envelopeSchema: Schema,
  context: ResponseContext,
): ParseOutcome<z.output<Schema>> {
  const what = `${context.method} ${context.path}`;
  const json = parseJson(response.bodyText);
  const head = BitmartEnvelopeHeadSchema.safeParse(json);
  if (!head.success) return withoutEnvelope(response, context, what);
  const { code, message } = head.data;
  if (code !== BITMART_SUCCESS_CODE || response.status === 429) {
    return venueError(response, code, message, context, what);
  }
  const parsed = envelopeSchema.safeParse(json);
  if (parsed.success) return { ok: true, data: parsed.data };
  const fields = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
  const detail = `${what} succeeded but its body does not match the BitMart wire schema (${fields})`;
  // A POST that succeeded took effect; only the answer is unreadable. A GET's answer is useless
  // and would be as unreadable again: the client is out of date with the venue, stop.
  const error =
    context.method === 'POST'
      ? new UnknownOutcomeError(`${detail}; reconcile`, context.clientOrderId)
      : new FatalExchangeError(detail);
  return { ok: false, error, resyncClock: false };
}

function venueError(
  response: HttpResponse,
  code: number,
  message: string,
  context: ResponseContext,
  what: string,
): ParseOutcome<never> {
  const rule = response.status === 429 ? errorKindForStatus(429) : bitmartErrorKind(code, response.status);
  const venue = { code, message };
  const text = `${what} refused by BitMart: ${code} ${message}`;
  const resyncClock = rule.resyncClock === true;
  switch (rule.kind) {
    case 'fatal':
      return { ok: false, error: new FatalExchangeError(text, venue), resyncClock };
    case 'invalid':
      return { ok: false, error: new InvalidRequestError(text, venue), resyncClock };
    case 'rejected':
      return { ok: false, error: new RejectedError(text, venue), resyncClock };
    case 'retryable': {
      // Only a rate-limit refusal waits for the window (the Reset header); others keep the table's delay.
      const rateLimited = response.status === 429 || code === 30013;
      const retryAfterMs = rateLimited
        ? retryAfterMsOf(response, rule.retryAfterMs ?? 1_000)
        : (retryAfterHeaderMs(response) ?? rule.retryAfterMs ?? 1_000);
      return { ok: false, error: new RetryableError(text, retryAfterMs, venue), resyncClock };
    }
    case 'unknown_outcome':
      return { ok: false, error: new UnknownOutcomeError(text, context.clientOrderId), resyncClock };
  }
}

/**
 * A body without BitMart's envelope came from something in front of BitMart (a proxy, a load
 * balancer) or from a broken server. A 5xx there on a POST may hide a request BitMart processed
 * (a gateway timeout), so it is an unknown outcome; on a GET it is retryable.
 */
function withoutEnvelope(response: HttpResponse, context: ResponseContext, what: string): ParseOutcome<never> {
  const status = response.status;
  const text = `${what} answered HTTP ${status} without a BitMart envelope`;
  if (status >= 500 && context.method === 'POST') {
    return {
      ok: false,
      error: new UnknownOutcomeError(`${text}; reconcile`, context.clientOrderId),
      resyncClock: false,
    };
  }
  const rule = status < 300 ? { kind: 'fatal' as const } : errorKindForStatus(status);
  const error =
    rule.kind === 'retryable'
      ? new RetryableError(text, retryAfterMsOf(response, rule.retryAfterMs ?? 1_000))
      : rule.kind === 'fatal'
        ? new FatalExchangeError(text)
        : new RejectedError(text);
  return { ok: false, error, resyncClock: false };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

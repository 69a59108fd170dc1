import type { z } from 'zod';
import { errorOfKind } from '../../../platform/errors/errorOfKind.ts';
import type { ExchangeError } from '../../../platform/errors/exchangeErrors.ts';
import {
  envelopeOf,
  header,
  type ResponseContext,
  retryAfterHeaderMs,
  schemaMismatchError,
  unenvelopedAnswerError,
} from '../../rest/restAnswers.ts';
import { bitmartErrorKind, errorKindForStatus } from '../protocol/errorKinds.ts';
import { BITMART_SUCCESS_CODE, BitmartEnvelopeHeadSchema } from '../protocol/wire/index.ts';
import type { HttpResponse } from './HttpTransport.ts';

/**
 * Turns one HTTP response into the endpoint's parsed `data` or an `ExchangeError` of the right kind
 * (docs/reference/bitmart-wire.md#envelope, and #codes via protocol/errorKinds.ts). Never throws zod's own
 * errors: a body that does not match the schema becomes an error that names the field paths.
 */
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

export function parseBitmartResponse<Schema extends z.ZodType>(
  response: HttpResponse,
  envelopeSchema: Schema,
  context: ResponseContext,
): ParseOutcome<z.output<Schema>> {
  const what = `${context.method} ${context.path}`;
  const { json, head } = envelopeOf(response, BitmartEnvelopeHeadSchema);
  if (!head) return withoutEnvelope(response, context);
  const { code, message } = head;
  if (code !== BITMART_SUCCESS_CODE || response.status === 429) {
    return venueError(response, code, message, context, what);
  }
  const parsed = envelopeSchema.safeParse(json);
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, error: schemaMismatchError(context, 'BitMart', parsed.error.issues), resyncClock: false };
}

function venueError(
  response: HttpResponse,
  code: number,
  message: string,
  context: ResponseContext,
  what: string,
): ParseOutcome<never> {
  const rule = response.status === 429 ? errorKindForStatus(429) : bitmartErrorKind(code, response.status);
  // Only a rate-limit refusal waits for the window (the Reset header); others keep the table's delay.
  const rateLimited = response.status === 429 || code === 30013;
  const error: ExchangeError = errorOfKind(rule, `${what} refused by BitMart: ${code} ${message}`, {
    venue: { code, message },
    retryAfterMs: rateLimited ? retryAfterMsOf(response, rule.retryAfterMs ?? 1_000) : retryAfterHeaderMs(response),
    clientOrderId: context.clientOrderId,
  });
  return { ok: false, error, resyncClock: rule.resyncClock === true };
}

/** A body without BitMart's envelope: the status says it (restAnswers.ts), with BitMart's reset header. */
function withoutEnvelope(response: HttpResponse, context: ResponseContext): ParseOutcome<never> {
  const statusRule = errorKindForStatus(response.status);
  const error = unenvelopedAnswerError(response, context, {
    envelope: 'a BitMart envelope',
    statusRule,
    retryAfterMs: retryAfterMsOf(response, statusRule.retryAfterMs ?? 1_000),
  });
  return { ok: false, error, resyncClock: false };
}

import type { z } from 'zod';
import { type ErrorKindRule, errorOfKind } from '../../platform/errors/errorOfKind.ts';
import { type ExchangeError, FatalExchangeError, UnknownOutcomeError } from '../../platform/errors/exchangeErrors.ts';
import type { HttpAnswer } from '../../platform/http/index.ts';

/**
 * What every venue's REST client does with an answer before its own envelope rules: read the JSON,
 * the standard `Retry-After`, and classify the two failures that do not depend on the venue's codes
 * (a body that fails the wire schema, an answer without the venue's envelope). The venue's codes
 * stay in its parseResponse.ts.
 */
export interface ResponseContext {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly clientOrderId: string | undefined;
}

/** The answer's body as JSON; undefined when it is not JSON (a proxy's HTML page, an empty body). */
function jsonOf(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function header(response: HttpAnswer, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The standard `Retry-After` header in seconds, as ms; undefined when absent. */
export function retryAfterHeaderMs(response: HttpAnswer): number | undefined {
  const seconds = Number(header(response, 'retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}

/**
 * A successful answer whose body does not match the venue's wire schema, naming the first field
 * paths. A POST that succeeded took effect, only its answer is unreadable: reconcile. A GET's
 * answer would be as unreadable again: the client is out of date with the venue, stop.
 */
export function schemaMismatchError(
  context: ResponseContext,
  venueName: string,
  issues: readonly z.core.$ZodIssue[],
): ExchangeError {
  const fields = issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
  const detail = `${context.method} ${context.path} succeeded but its body does not match the ${venueName} wire schema (${fields})`;
  return context.method === 'POST'
    ? new UnknownOutcomeError(`${detail}; reconcile`, context.clientOrderId)
    : new FatalExchangeError(detail);
}

/**
 * An answer without the venue's envelope came from something in front of the venue (a proxy, a
 * load balancer) or from a broken server. A 5xx there on a POST may hide a request the venue
 * processed (a gateway timeout): an unknown outcome. Otherwise the status says it (`statusRule`,
 * the venue's table; a 2xx without an envelope is fatal, an unlisted status a refusal).
 */
export function unenvelopedAnswerError(
  response: HttpAnswer,
  context: ResponseContext,
  expected: {
    readonly envelope: string;
    readonly statusRule: ErrorKindRule | undefined;
    readonly retryAfterMs?: number | undefined;
  },
): ExchangeError {
  const status = response.status;
  const text = `${context.method} ${context.path} answered HTTP ${status} without ${expected.envelope}`;
  if (status >= 500 && context.method === 'POST') {
    return new UnknownOutcomeError(`${text}; reconcile`, context.clientOrderId);
  }
  const rule: ErrorKindRule = status < 300 ? { kind: 'fatal' } : (expected.statusRule ?? { kind: 'rejected' });
  return errorOfKind(rule, text, { retryAfterMs: expected.retryAfterMs });
}

/**
 * The answer's JSON and its envelope head as the venue's `headSchema` reads it; `head` is
 * undefined when the body has no such envelope (see `unenvelopedAnswerError`).
 */
export function envelopeOf<Head extends z.ZodType>(
  response: HttpAnswer,
  headSchema: Head,
): { readonly json: unknown; readonly head: z.output<Head> | undefined } {
  const json = jsonOf(response.bodyText);
  const head = headSchema.safeParse(json);
  return { json, head: head.success ? head.data : undefined };
}

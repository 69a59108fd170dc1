import type { Dispatcher } from 'undici';
import type { Clock } from '../clock/index.ts';
import { RetryableError, UnknownOutcomeError } from '../errors/exchangeErrors.ts';
import { describeNetworkError, networkErrorCode } from '../errors/networkErrors.ts';

/**
 * One outgoing HTTP request with a deadline on the injected clock, and, when it fails, how far it
 * got: only here is it known whether anything was sent. The BitMart transport, the app's client of
 * the worker and the worker's signal delivery all send through it.
 */
export interface HttpAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly bodyText: string;
}

export interface Deadline {
  readonly clock: Clock;
  /** From dispatch to the last body byte. */
  readonly timeoutMs: number;
  /** Aborts the request early (a component stopping); its failure says `timedOut: false`. */
  readonly signal?: AbortSignal;
}

/** Error codes of failures that happen before a single byte of the request left. */
const NOT_SENT_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** A request that got no whole answer. `sent` is false only when nothing left (a failed connect). */
export class HttpRequestFailure extends Error {
  override readonly name = 'HttpRequestFailure';
  readonly timedOut: boolean;
  readonly sent: boolean;
  /** `no answer within N ms`, or the network error's `CODE: message`; never headers or bodies. */
  readonly reason: string;

  constructor(cause: unknown, timedOut: boolean, timeoutMs: number) {
    const reason = timedOut ? `no answer within ${timeoutMs} ms` : describeNetworkError(cause);
    super(reason, { cause });
    this.timedOut = timedOut;
    this.sent = timedOut || !NOT_SENT_CODES.has(networkErrorCode(cause));
    this.reason = reason;
  }
}

/** Sends `request` and reads the whole body within the deadline; throws `HttpRequestFailure`. */
export async function requestWithDeadline(
  dispatcher: Dispatcher,
  request: Omit<Dispatcher.RequestOptions, 'signal'>,
  deadline: Deadline,
): Promise<HttpAnswer> {
  const timeout = new AbortController();
  const timer = deadline.clock.setTimeout(() => timeout.abort(), deadline.timeoutMs);
  const signal = deadline.signal ? AbortSignal.any([timeout.signal, deadline.signal]) : timeout.signal;
  try {
    const response = await dispatcher.request({ ...request, signal });
    // Read whole (within the deadline) so the keep-alive connection is reusable.
    const bodyText = await response.body.text();
    return { status: response.statusCode, headers: response.headers, bodyText };
  } catch (error) {
    throw new HttpRequestFailure(error, timeout.signal.aborted, deadline.timeoutMs);
  } finally {
    deadline.clock.clearTimer(timer);
  }
}

export interface FailedCall {
  /** `GET /path` or `ws-worker POST /path`, first in the message. */
  readonly what: string;
  readonly method: string;
  readonly retryAfterMs: number;
  /** What the caller must do when a POST may have been acted on, e.g. "reconcile before retrying". */
  readonly unknownOutcomeAdvice: string;
  readonly clientOrderId?: string;
}

/**
 * The error kind of a failed call: nothing sent, or a GET, is retryable; a POST that left may
 * have been acted on, an unknown outcome to reconcile, never a rejection.
 */
export function errorOfFailedCall(failure: HttpRequestFailure, call: FailedCall): RetryableError | UnknownOutcomeError {
  if (!failure.sent) {
    return new RetryableError(`${call.what} could not connect (${failure.reason})`, call.retryAfterMs, undefined, {
      cause: failure.cause,
    });
  }
  if (call.method === 'GET') {
    return new RetryableError(`${call.what} failed (${failure.reason})`, call.retryAfterMs, undefined, {
      cause: failure.cause,
    });
  }
  return new UnknownOutcomeError(
    `${call.what} was sent and then failed (${failure.reason}): ${call.unknownOutcomeAdvice}`,
    call.clientOrderId,
    { cause: failure.cause },
  );
}

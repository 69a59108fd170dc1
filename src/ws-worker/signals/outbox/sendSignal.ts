import type { Dispatcher } from 'undici';
import type { Clock } from '../../../platform/clock/index.ts';
import { signWorkerPayload } from '../../../platform/hmac/workerSignature.ts';
import { HttpRequestFailure, requestWithDeadline } from '../../../platform/http/index.ts';
import { classifyStatus } from './deliveryPolicy.ts';

/** Header spellings (docs/reference/seed-contracts.md#signal-signing); the verifier lower-cases them, as HTTP does. */
const TIMESTAMP_HEADER = 'X-WS-Worker-Timestamp';
const SIGNATURE_HEADER = 'X-WS-Worker-Signature';
/** A failure log line keeps this much of the app's answer; an HTML error page need not be whole. */
const MAX_RESPONSE_CHARS = 2_000;

export type AttemptOutcome =
  | { readonly result: 'delivered'; readonly statusCode: number }
  | { readonly result: 'refused' | 'retryable'; readonly statusCode: number; readonly response: string }
  /** Cut short by `stop()`: not a failure, the signal is simply sent again after the next start. */
  | { readonly result: 'stopped' };

export interface AttemptRequest {
  readonly url: string;
  /** The stored payload; `retry_count` is set to `attempt` here, as the PHP worker did. */
  readonly payload: Readonly<Record<string, unknown>>;
  readonly attempt: number;
}

export interface AttemptDependencies {
  readonly clock: Clock;
  readonly dispatcher: Dispatcher;
  readonly sharedSecret: string;
  readonly timeoutMs: number;
  /** Aborted by `stop()`. */
  readonly stopSignal: AbortSignal;
}

/** One signed POST. Never throws: every ending is an outcome the outbox acts on. */
export async function sendSignal(attempt: AttemptRequest, deps: AttemptDependencies): Promise<AttemptOutcome> {
  const body = JSON.stringify({ ...attempt.payload, retry_count: attempt.attempt });
  // Fresh per attempt: the app rejects a timestamp more than 60 s away from its clock.
  const timestamp = String(Math.round(deps.clock.now()));
  try {
    const url = new URL(attempt.url);
    const response = await requestWithDeadline(
      deps.dispatcher,
      {
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [TIMESTAMP_HEADER]: timestamp,
          [SIGNATURE_HEADER]: signWorkerPayload(deps.sharedSecret, timestamp, body),
        },
        body,
      },
      { clock: deps.clock, timeoutMs: deps.timeoutMs, signal: deps.stopSignal },
    );
    const result = classifyStatus(response.status);
    if (result === 'delivered') return { result, statusCode: response.status };
    return { result, statusCode: response.status, response: response.bodyText.slice(0, MAX_RESPONSE_CHARS) };
  } catch (error) {
    if (deps.stopSignal.aborted) return { result: 'stopped' };
    // Sent or not, a signal is retried: the app deduplicates on its trace id.
    const response = error instanceof HttpRequestFailure ? error.reason : String(error);
    return { result: 'retryable', statusCode: 0, response };
  }
}

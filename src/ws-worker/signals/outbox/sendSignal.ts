import { type Dispatcher, request } from 'undici';
import type { Clock } from '../../../platform/clock/index.ts';
import { signWorkerPayload } from '../../../platform/hmac/workerSignature.ts';
import { classifyStatus } from './deliveryPolicy.ts';

/** Header spellings of seed 002 (the verifier lower-cases them, as HTTP does). */
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
  const timeout = new AbortController();
  const timer = deps.clock.setTimeout(() => timeout.abort(), deps.timeoutMs);
  try {
    const response = await request(attempt.url, {
      method: 'POST',
      dispatcher: deps.dispatcher,
      signal: AbortSignal.any([timeout.signal, deps.stopSignal]),
      headers: {
        'content-type': 'application/json',
        [TIMESTAMP_HEADER]: timestamp,
        [SIGNATURE_HEADER]: signWorkerPayload(deps.sharedSecret, timestamp, body),
      },
      body,
    });
    // Read the body whole (within the timeout) so the keep-alive socket is reusable.
    const text = await response.body.text();
    const result = classifyStatus(response.statusCode);
    if (result === 'delivered') return { result, statusCode: response.statusCode };
    return { result, statusCode: response.statusCode, response: text.slice(0, MAX_RESPONSE_CHARS) };
  } catch (error) {
    if (deps.stopSignal.aborted) return { result: 'stopped' };
    const response = timeout.signal.aborted ? `timeout after ${deps.timeoutMs} ms` : describe(error);
    return { result: 'retryable', statusCode: 0, response };
  } finally {
    deps.clock.clearTimer(timer);
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  return code && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
}

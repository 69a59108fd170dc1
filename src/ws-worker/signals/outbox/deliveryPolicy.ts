import { tableDelay } from '../../../platform/backoff/backoff.ts';

/**
 * The PHP dispatcher's schedule (docs/reference/seed-contracts.md#signal-delivery): attempt 0 at once, retry n
 * after `backoff[n]` seconds, the last step repeating. With `maxRetries` 5 that is 6 attempts at
 * 0, 5, 20, 65, 185 and 305 s.
 */
export const DEFAULT_BACKOFF_SECONDS: readonly number[] = Object.freeze([0, 5, 15, 45, 120]);
export const DEFAULT_MAX_RETRIES = 5;
/** `TRADING_APP_REQUEST_TIMEOUT` default (2.0 s). */
export const DEFAULT_REQUEST_TIMEOUT_MS = 2_000;

/** Milliseconds to wait, after the previous attempt failed, before attempt number `attempt` (≥ 1). */
export function delayBeforeAttemptMs(attempt: number, backoffSeconds: readonly number[]): number {
  return Math.max(0, tableDelay(attempt, backoffSeconds)) * 1000;
}

/**
 * What an HTTP status means for a signal. 409 is the app saying it already has this `trace_id`,
 * so the signal is delivered. 408 and 429 are the app asking to come back later, unlike other
 * 4xx, which say the signal itself is wrong and would be refused again. 401 says nothing about
 * the signal: the secrets differ (a rotation half done) or the clocks are more than 60 s apart,
 * both fixed outside the worker, so it is retried like a 5xx (the PHP worker logged it as final
 * after one try) and the outbox raises an alert (`UNAUTHORIZED_STATUS`).
 */
export type StatusClass = 'delivered' | 'refused' | 'retryable';

const DELIVERED = new Set([200, 201, 202, 204, 409]);

/** The app refused the signature: see `classifyStatus`. */
export const UNAUTHORIZED_STATUS = 401;

const RETRYABLE_4XX = new Set([UNAUTHORIZED_STATUS, 408, 429]);

export function classifyStatus(statusCode: number): StatusClass {
  if (DELIVERED.has(statusCode)) return 'delivered';
  if (statusCode >= 400 && statusCode < 500 && !RETRYABLE_4XX.has(statusCode)) return 'refused';
  // 5xx, 401, 408, 429, and anything unexpected (3xx, other 2xx): the PHP worker retried those but 401.
  return 'retryable';
}

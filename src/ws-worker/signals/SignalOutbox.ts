/**
 * The worker's durable outbox: every signal to the trading-app (order and balance signals) and
 * every callback of the entry-zone and SL/TP monitors goes through it. A signal is on disk before
 * `enqueue` resolves, so a crash, a kill -9 or a restart loses none; delivery is at least once with
 * a stable `trace_id` (the app deduplicates), in order per `orderingKey`.
 */
export type SignalKind = 'order' | 'balance' | 'callback';

export interface OutgoingSignal {
  readonly kind: SignalKind;
  /** Absolute URL to POST to. */
  readonly url: string;
  /**
   * The JSON payload, without `retry_count` (the dispatcher sets it per attempt:
   * docs/reference/seed-contracts.md#signal-delivery).
   */
  readonly payload: Readonly<Record<string, unknown>>;
  /** Stable across retries and restarts; also the payload's `trace_id`. */
  readonly traceId: string;
  /** Signals sharing a key are delivered in enqueue order (e.g. the order id, or "balance"). */
  readonly orderingKey: string;
}

export interface OutboxStatus {
  /** Signals waiting for delivery (including those between retries). */
  readonly depth: number;
  readonly delivered: number;
  /** Signals that exhausted their retries or were refused, written to a failure log. */
  readonly failed: number;
  /**
   * Attempts the app answered 401 (its signature check failed: secret mismatch or clock skew);
   * they are retried. Absent where nothing is sent.
   */
  readonly authFailures?: number;
}

export interface SignalOutbox {
  enqueue(signal: OutgoingSignal): Promise<void>;
  status(): OutboxStatus;
  /** Loads what a previous run left on disk and starts delivering. */
  start(): Promise<void>;
  /** Stops delivering; everything not yet delivered stays on disk for the next start. */
  stop(): Promise<void>;
}

/** What the file-backed outbox reports beyond `OutboxStatus`. */
export interface DurableOutboxStatus extends OutboxStatus {
  readonly authFailures: number;
  /** Attempts under way (the request, then the disk write of its outcome). */
  readonly inFlight: number;
  /** Ordering keys whose head signal waits for its next retry time. */
  readonly waitingForRetry: number;
}

export interface DurableSignalOutbox extends SignalOutbox {
  status(): DurableOutboxStatus;
  /** Resolves once nothing is left to deliver (every signal delivered or in a failure log). */
  whenIdle(): Promise<void>;
}

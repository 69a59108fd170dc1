import type { Dispatcher } from 'undici';
import type { Clock } from '../../platform/clock/index.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import { DEFAULT_BACKOFF_SECONDS } from './outbox/deliveryPolicy.ts';
import { FileSignalOutbox } from './outbox/FileSignalOutbox.ts';
import type { SignalStorage } from './outbox/SignalStorage.ts';
import { SignalStore } from './outbox/SignalStore.ts';
import type { DurableSignalOutbox, SignalKind } from './SignalOutbox.ts';

export interface SignalOutboxOptions {
  /** Where pending signals live, one file each. One process per directory. */
  readonly directory: string;
  readonly clock: Clock;
  readonly logger: Logger;
  /** `TRADING_APP_SHARED_SECRET`: signs every request (docs/reference/seed-contracts.md#signal-signing). */
  readonly sharedSecret: string;
  /** `TRADING_APP_REQUEST_TIMEOUT`, per attempt. */
  readonly requestTimeoutMs: number;
  /** `TRADING_APP_SIGNAL_MAX_RETRIES`: attempts = 1 + maxRetries. */
  readonly maxRetries: number;
  /** Failure log file per kind: `TRADING_APP_SIGNAL_FAILURE_LOG`, `TRADING_APP_BALANCE_FAILURE_LOG`, callbacks'. */
  readonly failureLogs: Readonly<Record<SignalKind, string>>;
  /**
   * Seconds before retry n (index n, the last repeating). Default [0, 5, 15, 45, 120]
   * (seed-contracts.md#signal-delivery).
   */
  readonly backoffSeconds?: readonly number[];
  /** The transport to the app; default a keep-alive agent (a backtest: the app's `inject()`). */
  readonly dispatcher?: Dispatcher;
  /** Where the waiting signals live; default one file each in `directory` (PostgreSQL: decision 0037). */
  readonly storage?: SignalStorage;
}

/**
 * The worker's durable outbox (docs/decisions/0006-durable-signal-outbox.md). Call `start()` to
 * resume what a previous run left and begin delivering; `enqueue` stores durably even before that.
 */
export function createSignalOutbox(options: SignalOutboxOptions): DurableSignalOutbox {
  const backoffSeconds = options.backoffSeconds ?? DEFAULT_BACKOFF_SECONDS;
  if (backoffSeconds.length === 0 || backoffSeconds.some((seconds) => !(seconds >= 0) || !Number.isFinite(seconds))) {
    throw new RangeError('backoffSeconds must be a non-empty list of finite, non-negative seconds');
  }
  if (!Number.isInteger(options.maxRetries) || options.maxRetries < 0) {
    throw new RangeError(`maxRetries must be a non-negative integer, got ${options.maxRetries}`);
  }
  if (!(options.requestTimeoutMs > 0)) {
    throw new RangeError(`requestTimeoutMs must be positive, got ${options.requestTimeoutMs}`);
  }
  if (options.sharedSecret.length === 0) throw new RangeError('sharedSecret must not be empty');
  return new FileSignalOutbox(
    {
      directory: options.directory,
      clock: options.clock,
      logger: options.logger,
      sharedSecret: options.sharedSecret,
      requestTimeoutMs: options.requestTimeoutMs,
      maxRetries: options.maxRetries,
      failureLogs: Object.freeze({ ...options.failureLogs }),
      backoffSeconds: Object.freeze([...backoffSeconds]),
      ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
    },
    options.storage ?? new SignalStore(options.directory),
  );
}

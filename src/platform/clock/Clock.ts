/**
 * Time is injected everywhere (docs/style.md#time): the same engine, monitors and schedulers run on
 * the wall clock live and on a manual clock in tests and backtests.
 */
export interface TimerHandle {
  readonly id: number;
}

export interface Clock {
  /** Unix epoch milliseconds. */
  now(): number;
  /**
   * Monotonic microseconds on one clock shared by every component of the process, used to
   * measure latencies from outside (for example price push → order arrival).
   */
  monotonicMicros(): number;
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
  setInterval(callback: () => void, periodMs: number): TimerHandle;
  clearTimer(handle: TimerHandle | undefined): void;
  /**
   * Resolves after `delayMs` on this clock: a retry loop awaits it and, on a manual clock, resumes
   * when `advance()` passes the due time. Not cancellable: a loop that must stop checks its flag after.
   */
  sleep(delayMs: number): Promise<void>;
}

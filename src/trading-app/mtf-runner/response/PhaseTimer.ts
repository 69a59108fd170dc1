import type { Clock } from '../../../platform/clock/index.ts';
import type { RunTiming } from './runResponse.ts';

export type RunPhase = Exclude<keyof RunTiming, 'total_ms'>;

/** A run's `timing`: each phase in milliseconds (3 decimals) from the end of the one before. */
export class PhaseTimer {
  readonly #clock: Clock;
  readonly #started: number;
  #last: number;
  readonly #phases: Record<RunPhase, number> = {
    resolve_symbols_ms: 0,
    exclusion_ms: 0,
    locks_ms: 0,
    read_candles_ms: 0,
    evaluate_ms: 0,
    trade_entry_ms: 0,
    persist_ms: 0,
  };

  constructor(clock: Clock) {
    this.#clock = clock;
    this.#started = clock.monotonicMicros();
    this.#last = this.#started;
  }

  /** Ends `phase` now. */
  lap(phase: RunPhase): void {
    const current = this.#clock.monotonicMicros();
    this.#phases[phase] = Math.round(current - this.#last) / 1000;
    this.#last = current;
  }

  /** Seconds since the timer started. */
  seconds(): number {
    return (this.#clock.monotonicMicros() - this.#started) / 1e6;
  }

  /** The phases, and `total_ms` from `seconds`. */
  timing(seconds: number): RunTiming {
    return { ...this.#phases, total_ms: Math.round(seconds * 1e6) / 1e3 };
  }
}

import type { Clock, TimerHandle } from './Clock.ts';

interface ScheduledTimer {
  readonly id: number;
  dueAt: number;
  readonly periodMs: number | undefined;
  readonly callback: () => void;
}

/**
 * A clock that moves only when told to. `advance()` runs every timer that falls due, in due-time
 * order, with `now()` set to each timer's due time while it runs: tests and backtests never sleep.
 */
export class ManualClock implements Clock {
  #now: number;
  #nextId = 1;
  readonly #timers = new Map<number, ScheduledTimer>();

  constructor(startMs = Date.UTC(2026, 0, 1)) {
    this.#now = startMs;
  }

  now(): number {
    return this.#now;
  }

  monotonicMicros(): number {
    return this.#now * 1000;
  }

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    return this.#schedule(callback, delayMs, undefined);
  }

  setInterval(callback: () => void, periodMs: number): TimerHandle {
    if (periodMs <= 0) throw new RangeError(`interval period must be positive, got ${periodMs}`);
    return this.#schedule(callback, periodMs, periodMs);
  }

  clearTimer(handle: TimerHandle | undefined): void {
    if (handle) this.#timers.delete(handle.id);
  }

  sleep(delayMs: number): Promise<void> {
    return new Promise((resolve) => {
      this.setTimeout(resolve, delayMs);
    });
  }

  /** Moves time forward by `ms`, firing due timers on the way. */
  advance(ms: number): void {
    this.advanceTo(this.#now + ms);
  }

  advanceTo(targetMs: number): void {
    if (targetMs < this.#now) throw new RangeError('a manual clock never goes backwards');
    for (let next = this.#nextDue(targetMs); next; next = this.#nextDue(targetMs)) {
      this.#now = next.dueAt;
      if (next.periodMs === undefined) this.#timers.delete(next.id);
      else next.dueAt += next.periodMs;
      next.callback();
    }
    this.#now = targetMs;
  }

  get pendingTimers(): number {
    return this.#timers.size;
  }

  /** When the next timer falls due (Unix ms), undefined with none: a replay jumps straight there. */
  nextDueAt(): number | undefined {
    return this.#nextDue(Number.POSITIVE_INFINITY)?.dueAt;
  }

  #schedule(callback: () => void, delayMs: number, periodMs: number | undefined): TimerHandle {
    const id = this.#nextId++;
    this.#timers.set(id, { id, dueAt: this.#now + Math.max(0, delayMs), periodMs, callback });
    return { id };
  }

  #nextDue(limit: number): ScheduledTimer | undefined {
    let best: ScheduledTimer | undefined;
    for (const timer of this.#timers.values()) {
      if (timer.dueAt > limit) continue;
      if (!best || timer.dueAt < best.dueAt || (timer.dueAt === best.dueAt && timer.id < best.id)) best = timer;
    }
    return best;
  }
}

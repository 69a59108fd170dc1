import type { Clock, TimerHandle } from './Clock.ts';

/** The wall clock, with Node timers. Timers are unref'd so that a stopped component never keeps the process alive. */
export class SystemClock implements Clock {
  #nextId = 1;
  readonly #timers = new Map<number, NodeJS.Timeout>();

  now(): number {
    return Date.now();
  }

  monotonicMicros(): number {
    return Math.round((performance.timeOrigin + performance.now()) * 1000);
  }

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    const id = this.#nextId++;
    const timer = setTimeout(() => {
      this.#timers.delete(id);
      callback();
    }, delayMs);
    timer.unref();
    this.#timers.set(id, timer);
    return { id };
  }

  setInterval(callback: () => void, periodMs: number): TimerHandle {
    const id = this.#nextId++;
    const timer = setInterval(callback, periodMs);
    timer.unref();
    this.#timers.set(id, timer);
    return { id };
  }

  clearTimer(handle: TimerHandle | undefined): void {
    if (!handle) return;
    const timer = this.#timers.get(handle.id);
    if (timer) clearTimeout(timer);
    this.#timers.delete(handle.id);
  }

  sleep(delayMs: number): Promise<void> {
    return new Promise((resolve) => {
      this.setTimeout(resolve, delayMs);
    });
  }
}

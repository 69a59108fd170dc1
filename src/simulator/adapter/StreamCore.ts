import type { StreamEvent, TopicHealth, Unsubscribe } from '../../exchange/port/streams.ts';
import type { Clock } from '../../platform/clock/index.ts';

interface TopicState {
  lastMessageAt: number | undefined;
  subscribed: boolean;
}

/**
 * Listeners, status and per-topic health shared by the simulated streams. In process there is no
 * connection to lose, so `reconnects` stays 0 and `connected` is announced once per start.
 */
export class StreamCore<E> {
  readonly #clock: Clock;
  readonly #listeners = new Set<(event: E) => void>();
  readonly #statusListeners = new Set<(event: StreamEvent) => void>();
  readonly #topics = new Map<string, TopicState>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  onEvent(listener: (event: E) => void): Unsubscribe {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  onStatus(listener: (event: StreamEvent) => void): Unsubscribe {
    this.#statusListeners.add(listener);
    return () => this.#statusListeners.delete(listener);
  }

  health(): readonly TopicHealth[] {
    return [...this.#topics].map(([topic, state]) => ({ topic, ...state, reconnects: 0 }));
  }

  setSubscribed(topic: string, subscribed: boolean): void {
    const state = this.#topics.get(topic);
    if (state) state.subscribed = subscribed;
    else this.#topics.set(topic, { lastMessageAt: undefined, subscribed });
  }

  isSubscribed(topic: string): boolean {
    return this.#topics.get(topic)?.subscribed === true;
  }

  /** Delivers `event` on `topic` if that topic is subscribed. */
  emit(topic: string, event: E): void {
    const state = this.#topics.get(topic);
    if (!state?.subscribed) return;
    state.lastMessageAt = this.#clock.now();
    for (const listener of [...this.#listeners]) listener(event);
  }

  status(event: StreamEvent): void {
    for (const listener of [...this.#statusListeners]) listener(event);
  }
}

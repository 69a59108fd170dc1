import type { Clock, TimerHandle } from '../../../platform/clock/index.ts';
import { batchTopics } from './subscriptionBatches.ts';

export type TopicAction = 'subscribe' | 'unsubscribe';

export interface TopicRequest {
  readonly action: TopicAction;
  readonly args: readonly string[];
}

export interface RequestPacerOptions {
  readonly clock: Clock;
  readonly batchSize: number;
  readonly delayMs: number;
  /** Writes one request to the socket; called only while the pacer is open. */
  readonly send: (request: TopicRequest) => void;
}

/**
 * Sends subscribe/unsubscribe requests in batches of `batchSize` topics, `delayMs` apart (seeds
 * SUBSCRIBE_BATCH / SUBSCRIBE_DELAY_MS). Topics asked for in the same turn of the event loop are
 * coalesced first, so 45 separate `subscribe` calls still make 3 requests, not 45.
 */
export class RequestPacer {
  readonly #options: RequestPacerOptions;
  readonly #pending: { action: TopicAction; topics: string[] }[] = [];
  readonly #outbox: TopicRequest[] = [];
  #flushQueued = false;
  #timer: TimerHandle | undefined;
  #open = false;

  constructor(options: RequestPacerOptions) {
    this.#options = options;
  }

  enqueue(action: TopicAction, topics: readonly string[]): void {
    if (topics.length === 0) return;
    const last = this.#pending.at(-1);
    if (last && last.action === action) last.topics.push(...topics);
    else this.#pending.push({ action, topics: [...topics] });
    if (this.#flushQueued) return;
    this.#flushQueued = true;
    // A microtask, not a timer: coalescing is about one burst of calls, not about time.
    queueMicrotask(() => this.#flush());
  }

  /** The socket is ready for requests (opened, and logged in on a private connection). */
  open(): void {
    this.#open = true;
    this.#pump();
  }

  /** The socket is gone: unsent requests are dropped, the caller replays what it still wants. */
  close(): void {
    this.#open = false;
    this.#pending.length = 0;
    this.#outbox.length = 0;
    this.#options.clock.clearTimer(this.#timer);
    this.#timer = undefined;
  }

  get idle(): boolean {
    return this.#pending.length === 0 && this.#outbox.length === 0;
  }

  #flush(): void {
    this.#flushQueued = false;
    for (const { action, topics } of this.#pending.splice(0)) {
      for (const args of batchTopics(topics, this.#options.batchSize)) this.#outbox.push({ action, args });
    }
    this.#pump();
  }

  #pump(): void {
    if (!this.#open || this.#timer) return;
    if (this.#options.delayMs === 0) {
      for (const request of this.#outbox.splice(0)) this.#options.send(request);
      return;
    }
    const request = this.#outbox.shift();
    if (!request) return;
    this.#options.send(request);
    // The pause also follows the last request, so one arriving just after still keeps its distance.
    this.#timer = this.#options.clock.setTimeout(() => {
      this.#timer = undefined;
      this.#pump();
    }, this.#options.delayMs);
  }
}

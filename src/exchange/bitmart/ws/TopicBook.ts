import type { TopicHealth } from '../../port/streams.ts';
import { topicOfGroup } from './incomingFrame.ts';

const MAX_GROUPS = 1_024;

interface TopicState {
  readonly topic: string;
  /** Acknowledged on the current connection. */
  subscribed: boolean;
  lastMessageAt: number | undefined;
}

/**
 * The topics a connection should hold, whether the current connection holds them, and when each
 * last spoke. The wanted set survives reconnects (it is what gets replayed); the `subscribed`
 * flags do not.
 */
export class TopicBook {
  readonly #topics = new Map<string, TopicState>();
  /** Topics sent in a subscribe request and not yet answered on this connection. */
  readonly #awaitingAck = new Set<string>();
  /** `topicOfGroup` per push group: the same few groups arrive on every push. */
  readonly #groupTopics = new Map<string, string>();

  /** Adds topics to the wanted set; returns those that were not wanted yet. */
  want(topics: readonly string[]): string[] {
    const added: string[] = [];
    for (const topic of topics) {
      if (this.#topics.has(topic)) continue;
      this.#topics.set(topic, { topic, subscribed: false, lastMessageAt: undefined });
      added.push(topic);
    }
    return added;
  }

  /** Removes topics from the wanted set; returns those that were wanted. */
  drop(topics: readonly string[]): string[] {
    const removed = topics.filter((topic) => this.#topics.delete(topic));
    for (const topic of removed) this.#awaitingAck.delete(topic);
    return removed;
  }

  wanted(): string[] {
    return [...this.#topics.keys()];
  }

  has(topic: string): boolean {
    return this.#topics.has(topic);
  }

  awaitAck(topics: readonly string[]): void {
    for (const topic of topics) if (this.#topics.has(topic)) this.#awaitingAck.add(topic);
  }

  /** Records the server's answer to a subscription; a refused topic stays wanted, for the next connection. */
  answered(topic: string, success: boolean): void {
    this.#awaitingAck.delete(topic);
    const state = this.#topics.get(topic);
    if (state) state.subscribed = success;
  }

  get awaitingAcks(): number {
    return this.#awaitingAck.size;
  }

  /** A push arrived on `group`; returns the wanted topic it belongs to, if any. */
  touch(group: string, now: number): string | undefined {
    const state = this.#topics.get(group) ?? this.#topics.get(this.#topicOfGroup(group));
    if (!state) return undefined;
    state.lastMessageAt = now;
    // A push proves the subscription even if its ack was lost.
    state.subscribed = true;
    return state.topic;
  }

  #topicOfGroup(group: string): string {
    let topic = this.#groupTopics.get(group);
    if (topic === undefined) {
      // Groups come from the server: bounded, so a stream of odd groups cannot grow it forever.
      if (this.#groupTopics.size >= MAX_GROUPS) this.#groupTopics.clear();
      topic = topicOfGroup(group);
      this.#groupTopics.set(group, topic);
    }
    return topic;
  }

  /** The connection is gone: nothing is subscribed any more, nothing is awaited. */
  connectionLost(): void {
    for (const state of this.#topics.values()) state.subscribed = false;
    this.#awaitingAck.clear();
  }

  health(reconnects: number): TopicHealth[] {
    return [...this.#topics.entries()].map(([topic, state]) => ({
      topic,
      lastMessageAt: state.lastMessageAt,
      reconnects,
      subscribed: state.subscribed,
    }));
  }
}

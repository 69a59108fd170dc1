import { isPrivateTopic, type Topic, type TopicChannel } from './topics.ts';

/**
 * One subscribed stream and its subscribers. Public streams are shared by every connection that
 * subscribed the same group; private streams are per account, so that a push reaches only the
 * connections of the account it belongs to.
 */
export interface SubscriptionEntry<S> {
  readonly key: string;
  readonly topic: Topic;
  /** Set for private topics. */
  readonly accountId: string | undefined;
  readonly sessions: Set<S>;
  /** Kline streams: open time (s) of the last candle pushed, to push each closed candle's final state once. */
  lastCandleOpenTime: number | undefined;
}

const NO_ENTRIES: ReadonlySet<never> = new Set();

/** Who is subscribed to what, indexed the ways the fan-outs look it up: by symbol, by channel, by key. */
export class SubscriptionRegistry<S> {
  readonly #entries = new Map<string, SubscriptionEntry<S>>();
  readonly #bySymbol = new Map<string, Set<SubscriptionEntry<S>>>();
  readonly #byChannel = new Map<TopicChannel, Set<SubscriptionEntry<S>>>();
  readonly #bySession = new Map<S, Map<string, SubscriptionEntry<S>>>();
  #size = 0;

  static keyOf(topic: Topic, accountId: string | undefined): string {
    return isPrivateTopic(topic) ? SubscriptionRegistry.privateKey(accountId ?? '', topic.group) : topic.group;
  }

  static privateKey(accountId: string, group: string): string {
    return `${accountId}\n${group}`;
  }

  /** Total subscriptions over all sessions. */
  get size(): number {
    return this.#size;
  }

  /** Returns the entry, or undefined when the session already had this subscription. */
  add(session: S, topic: Topic, accountId?: string): SubscriptionEntry<S> | undefined {
    const key = SubscriptionRegistry.keyOf(topic, accountId);
    let entry = this.#entries.get(key);
    if (!entry) {
      entry = {
        key,
        topic,
        accountId: isPrivateTopic(topic) ? accountId : undefined,
        sessions: new Set(),
        lastCandleOpenTime: undefined,
      };
      this.#index(entry);
    }
    if (entry.sessions.has(session)) return undefined;
    entry.sessions.add(session);
    const own = this.#bySession.get(session) ?? new Map<string, SubscriptionEntry<S>>();
    this.#bySession.set(session, own);
    own.set(key, entry);
    this.#size++;
    return entry;
  }

  remove(session: S, key: string): boolean {
    const own = this.#bySession.get(session);
    const entry = own?.get(key);
    if (!own || !entry) return false;
    own.delete(key);
    if (own.size === 0) this.#bySession.delete(session);
    entry.sessions.delete(session);
    this.#size--;
    if (entry.sessions.size === 0) this.#unindex(entry);
    return true;
  }

  /** Removes the session's subscriptions that match `filter` (all of them by default). */
  removeSession(session: S, filter: (entry: SubscriptionEntry<S>) => boolean = () => true): void {
    const own = this.#bySession.get(session);
    if (!own) return;
    for (const entry of [...own.values()]) if (filter(entry)) this.remove(session, entry.key);
  }

  countOf(session: S): number {
    return this.#bySession.get(session)?.size ?? 0;
  }

  get(key: string): SubscriptionEntry<S> | undefined {
    return this.#entries.get(key);
  }

  /** Public streams on one symbol. */
  forSymbol(symbol: string): ReadonlySet<SubscriptionEntry<S>> {
    return this.#bySymbol.get(symbol) ?? NO_ENTRIES;
  }

  forChannel(channel: TopicChannel): ReadonlySet<SubscriptionEntry<S>> {
    return this.#byChannel.get(channel) ?? NO_ENTRIES;
  }

  #index(entry: SubscriptionEntry<S>): void {
    this.#entries.set(entry.key, entry);
    addTo(this.#byChannel, entry.topic.channel, entry);
    if ('symbol' in entry.topic) addTo(this.#bySymbol, entry.topic.symbol, entry);
  }

  #unindex(entry: SubscriptionEntry<S>): void {
    this.#entries.delete(entry.key);
    removeFrom(this.#byChannel, entry.topic.channel, entry);
    if ('symbol' in entry.topic) removeFrom(this.#bySymbol, entry.topic.symbol, entry);
  }
}

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key) ?? new Set<V>();
  map.set(key, set);
  set.add(value);
}

function removeFrom<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) map.delete(key);
}

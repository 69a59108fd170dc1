import type { MarketStream, Timeframe, UserChannel, UserStream } from '../../exchange/port/index.ts';

/** Who asked for a subscription: the control API (the seeds' endpoints) or the execution monitors. */
export type SubscriptionOwner = 'control' | 'execution';

/** Keys claimed by owners; the wire subscription lives while at least one owner holds the key. */
class ClaimBook {
  readonly #holders = new Map<string, Set<SubscriptionOwner>>();

  /** True when this is the first claim on `key` (subscribe on the wire now). */
  claim(owner: SubscriptionOwner, key: string): boolean {
    const holders = this.#holders.get(key);
    if (holders) {
      holders.add(owner);
      return false;
    }
    this.#holders.set(key, new Set([owner]));
    return true;
  }

  /** True when `owner` was the last holder of `key` (unsubscribe on the wire now). */
  release(owner: SubscriptionOwner, key: string): boolean {
    const holders = this.#holders.get(key);
    if (!holders?.delete(owner)) return false;
    if (holders.size > 0) return false;
    this.#holders.delete(key);
    return true;
  }

  holders(key: string): readonly SubscriptionOwner[] {
    return [...(this.#holders.get(key) ?? [])];
  }

  keysOf(owner: SubscriptionOwner): string[] {
    return [...this.#holders.entries()].flatMap(([key, holders]) => (holders.has(owner) ? [key] : []));
  }
}

/**
 * One set of wire subscriptions shared by the control API and the execution monitors. Without it,
 * `POST /orders/unsubscribe` would silently blind the SL/TP monitor, since a BitMart connection
 * holds a topic once whoever asked for it. Each owner gets a view of the streams whose
 * subscribe/unsubscribe calls are counted per owner; `start`/`stop` of a view do nothing, as the
 * composition root owns the streams' lifecycle.
 */
export class SharedSubscriptions {
  readonly #market: MarketStream;
  readonly #user: UserStream | undefined;
  readonly #klines = new ClaimBook();
  readonly #tickers = new ClaimBook();
  readonly #trades = new ClaimBook();
  readonly #userChannels = new ClaimBook();

  constructor(market: MarketStream, user: UserStream | undefined) {
    this.#market = market;
    this.#user = user;
  }

  claimKlines(owner: SubscriptionOwner, symbol: string, timeframes: readonly Timeframe[]): void {
    const fresh = timeframes.filter((timeframe) => this.#klines.claim(owner, `${symbol}|${timeframe}`));
    if (fresh.length > 0) this.#market.subscribeKlines(symbol, fresh);
  }

  releaseKlines(owner: SubscriptionOwner, symbol: string, timeframes: readonly Timeframe[]): void {
    const gone = timeframes.filter((timeframe) => this.#klines.release(owner, `${symbol}|${timeframe}`));
    if (gone.length > 0) this.#market.unsubscribeKlines(symbol, gone);
  }

  /** The (symbol, timeframe) pairs `owner` holds, in claim order. */
  klinesOf(owner: SubscriptionOwner): { symbol: string; timeframe: Timeframe }[] {
    return this.#klines.keysOf(owner).map((key) => {
      const [symbol = '', timeframe = '1m'] = key.split('|');
      return { symbol, timeframe: timeframe as Timeframe };
    });
  }

  claimUser(owner: SubscriptionOwner, channels: readonly UserChannel[]): void {
    const fresh = channels.filter((channel) => this.#userChannels.claim(owner, channel));
    if (fresh.length > 0) this.#user?.subscribe(fresh);
  }

  releaseUser(owner: SubscriptionOwner, channels: readonly UserChannel[]): void {
    const gone = channels.filter((channel) => this.#userChannels.release(owner, channel));
    if (gone.length > 0) this.#user?.unsubscribe(gone);
  }

  /** Every owner still holding `channel`: it is received while this is not empty. */
  userChannelHolders(channel: UserChannel): readonly SubscriptionOwner[] {
    return this.#userChannels.holders(channel);
  }

  marketFor(owner: SubscriptionOwner): MarketStream {
    const market = this.#market;
    return {
      onEvent: (listener) => market.onEvent(listener),
      onStatus: (listener) => market.onStatus(listener),
      health: () => market.health(),
      start: () => Promise.resolve(),
      stop: () => Promise.resolve(),
      subscribeKlines: (symbol, timeframes) => this.claimKlines(owner, symbol, timeframes),
      unsubscribeKlines: (symbol, timeframes) => this.releaseKlines(owner, symbol, timeframes),
      subscribeTicker: (symbol) => {
        if (this.#tickers.claim(owner, symbol)) market.subscribeTicker(symbol);
      },
      unsubscribeTicker: (symbol) => {
        if (this.#tickers.release(owner, symbol)) market.unsubscribeTicker(symbol);
      },
      subscribeTrades: (symbol) => {
        if (this.#trades.claim(owner, symbol)) market.subscribeTrades(symbol);
      },
      unsubscribeTrades: (symbol) => {
        if (this.#trades.release(owner, symbol)) market.unsubscribeTrades(symbol);
      },
    };
  }

  userFor(owner: SubscriptionOwner): UserStream | undefined {
    const user = this.#user;
    if (!user) return undefined;
    return {
      onEvent: (listener) => user.onEvent(listener),
      onStatus: (listener) => user.onStatus(listener),
      health: () => user.health(),
      start: () => Promise.resolve(),
      stop: () => Promise.resolve(),
      subscribe: (channels) => this.claimUser(owner, channels),
      unsubscribe: (channels) => this.releaseUser(owner, channels),
    };
  }
}

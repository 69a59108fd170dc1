import type { Clock, TimerHandle } from '../../../platform/clock/index.ts';
import type { Logger } from '../../../platform/logging/logger.ts';
import type { Market, MarketTick, OrderBook, Ticker } from '../../market/types.ts';
import {
  bookTickerData,
  depthAllData,
  depthSideData,
  encodePush,
  fundingData,
  klineData,
  tickerData,
  tradeData,
} from './publicWire.ts';
import type { SubscriptionEntry, SubscriptionRegistry } from './SubscriptionRegistry.ts';
import type { PublicTopic } from './topics.ts';
import type { WsSession } from './WsSession.ts';

/** Funding is pushed on subscribe, then every minute (docs/reference/bitmart-wire.md#public-channels). */
export const FUNDING_PUSH_INTERVAL_MS = 60_000;

type Entry = SubscriptionEntry<WsSession>;
type Sink = { send(frame: Buffer): void };

/**
 * Public channels: one push per market tick of the symbol, serialised once and sent as the same
 * bytes to every subscriber. No coalescing timer: a push caused by `/sim/price` leaves at once,
 * since client latency is measured from it.
 */
export class PublicFanout {
  readonly #market: Market;
  readonly #registry: SubscriptionRegistry<WsSession>;
  readonly #clock: Clock;
  readonly #logger: Logger;
  #fundingTimer: TimerHandle | undefined;
  #unsubscribeTicks: (() => void) | undefined;

  constructor(deps: { market: Market; registry: SubscriptionRegistry<WsSession>; clock: Clock; logger: Logger }) {
    this.#market = deps.market;
    this.#registry = deps.registry;
    this.#clock = deps.clock;
    this.#logger = deps.logger;
  }

  start(): void {
    this.#unsubscribeTicks = this.#market.onTick((tick) => this.#onTick(tick));
    this.#fundingTimer = this.#clock.setInterval(() => this.#pushFundingToAll(), FUNDING_PUSH_INTERVAL_MS);
  }

  stop(): void {
    this.#unsubscribeTicks?.();
    this.#unsubscribeTicks = undefined;
    this.#clock.clearTimer(this.#fundingTimer);
    this.#fundingTimer = undefined;
  }

  /** The current state of a just-subscribed stream, so a client need not wait for the next tick. */
  pushSnapshot(session: WsSession, entry: Entry): void {
    const topic = entry.topic as PublicTopic;
    if (topic.channel === 'tickerAll') {
      for (const contract of this.#market.contracts()) {
        session.send(encodePush(topic.group, tickerData(this.#market.ticker(contract.symbol))));
      }
      return;
    }
    if (topic.channel === 'kline') {
      const candle = this.#market.currentCandle(topic.symbol, topic.step);
      entry.lastCandleOpenTime ??= candle.openTime;
      session.send(encodePush(topic.group, klineData(topic.symbol, candle)));
      return;
    }
    if (topic.channel === 'trade') return;
    this.#pushState(topic, new MarketView(this.#market, topic.symbol), session);
  }

  /** The one-shot answer to `{"action":"request"}` on a funding topic. */
  pushFunding(session: WsSession, topic: PublicTopic & { channel: 'fundingRate' }): void {
    session.send(this.#fundingFrame(topic));
  }

  #onTick(tick: MarketTick): void {
    const entries = this.#registry.forSymbol(tick.symbol);
    const legacyTickers = this.#registry.forChannel('tickerAll');
    if (entries.size === 0 && legacyTickers.size === 0) return;
    try {
      const view = new MarketView(this.#market, tick.symbol);
      for (const entry of entries) this.#pushTick(entry, tick, view);
      if (legacyTickers.size > 0) {
        const frame = encodePush('futures/ticker', tickerData(view.ticker()));
        for (const entry of legacyTickers) broadcast(entry.sessions, frame);
      }
    } catch (error) {
      this.#logger.error({ err: error, symbol: tick.symbol }, 'public WebSocket push failed');
    }
  }

  #pushTick(entry: Entry, tick: MarketTick, view: MarketView): void {
    const topic = entry.topic as PublicTopic;
    if (topic.channel === 'kline') this.#pushKline(entry, topic);
    else if (topic.channel === 'trade') {
      if (tick.trade) broadcast(entry.sessions, encodePush(topic.group, tradeData(tick.trade)));
    } else if (topic.channel !== 'fundingRate') this.#pushState(topic, view, { send: fanTo(entry.sessions) });
  }

  /** Pushes ticker, depth and book-ticker state to one sink (a session, or every subscriber). */
  #pushState(topic: PublicTopic, view: MarketView, sink: Sink): void {
    switch (topic.channel) {
      case 'ticker':
        sink.send(encodePush(topic.pushGroup, tickerData(view.ticker())));
        return;
      case 'depth':
        sink.send(encodePush(topic.group, depthSideData(view.book(), 1, topic.levels)));
        sink.send(encodePush(topic.group, depthSideData(view.book(), 2, topic.levels)));
        return;
      case 'depthAll':
        sink.send(encodePush(topic.group, depthAllData(view.book(), topic.levels)));
        return;
      case 'bookTicker':
        sink.send(encodePush(topic.group, bookTickerData(view.book())));
        return;
      case 'fundingRate':
        sink.send(this.#fundingFrame(topic));
        return;
      default:
        return;
    }
  }

  /**
   * The forming candle, preceded on a roll-over by the final state of every candle that closed
   * since the last push: a client building bars from the stream sees each bar complete.
   */
  #pushKline(entry: Entry, topic: PublicTopic & { channel: 'kline' }): void {
    const candle = this.#market.currentCandle(topic.symbol, topic.step);
    const previous = entry.lastCandleOpenTime;
    if (previous !== undefined && previous < candle.openTime) {
      for (const closed of this.#market.klines(topic.symbol, topic.step, previous, candle.openTime - 1)) {
        if (closed.openTime >= previous && closed.openTime < candle.openTime) {
          broadcast(entry.sessions, encodePush(topic.group, klineData(topic.symbol, closed)));
        }
      }
    }
    entry.lastCandleOpenTime = candle.openTime;
    broadcast(entry.sessions, encodePush(topic.group, klineData(topic.symbol, candle)));
  }

  #pushFundingToAll(): void {
    try {
      for (const entry of this.#registry.forChannel('fundingRate')) {
        broadcast(entry.sessions, this.#fundingFrame(entry.topic as PublicTopic & { channel: 'fundingRate' }));
      }
    } catch (error) {
      this.#logger.error({ err: error }, 'funding-rate WebSocket push failed');
    }
  }

  #fundingFrame(topic: PublicTopic & { channel: 'fundingRate' }): Buffer {
    return encodePush(topic.group, fundingData(this.#market.funding(topic.symbol), this.#clock.now()));
  }
}

/** Reads a symbol's ticker and book at most once per tick, however many streams need them. */
class MarketView {
  readonly #market: Market;
  readonly #symbol: string;
  #ticker: Ticker | undefined;
  #book: OrderBook | undefined;

  constructor(market: Market, symbol: string) {
    this.#market = market;
    this.#symbol = symbol;
  }

  ticker(): Ticker {
    this.#ticker ??= this.#market.ticker(this.#symbol);
    return this.#ticker;
  }

  book(): OrderBook {
    this.#book ??= this.#market.book(this.#symbol, 50);
    return this.#book;
  }
}

function broadcast(sessions: ReadonlySet<WsSession>, frame: Buffer): void {
  for (const session of sessions) session.send(frame);
}

function fanTo(sessions: ReadonlySet<WsSession>): (frame: Buffer) => void {
  return (frame) => broadcast(sessions, frame);
}

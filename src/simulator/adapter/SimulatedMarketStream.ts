import type { MarketEvent, MarketStream, StreamEvent, Unsubscribe } from '../../exchange/port/streams.ts';
import type { Timeframe } from '../../exchange/port/types.ts';
import type { Clock } from '../../platform/clock/index.ts';
import type { Market, MarketTick } from '../market/types.ts';
import { marketTradeOf, tickerOf } from './fromMarket.ts';
import { KlineFeed } from './KlineFeed.ts';
import { StreamCore } from './StreamCore.ts';

const klineTopic = (symbol: string, timeframe: Timeframe) => `kline:${symbol}:${timeframe}`;
const tickerTopic = (symbol: string) => `ticker:${symbol}`;
const tradeTopic = (symbol: string) => `trade:${symbol}`;

/**
 * The simulator's market as the port's market stream: one event per market tick and subscribed
 * topic, delivered synchronously after the engine has handled the tick (the engine subscribed to
 * the market first), as the WebSocket gateway does.
 */
export class SimulatedMarketStream implements MarketStream {
  readonly #market: Market;
  readonly #clock: Clock;
  readonly #core: StreamCore<MarketEvent>;
  readonly #klines = new Map<string, KlineFeed>();
  #unsubscribeTicks: Unsubscribe | undefined;

  constructor(deps: { market: Market; clock: Clock }) {
    this.#market = deps.market;
    this.#clock = deps.clock;
    this.#core = new StreamCore(deps.clock);
  }

  onEvent(listener: (event: MarketEvent) => void): Unsubscribe {
    return this.#core.onEvent(listener);
  }

  onStatus(listener: (event: StreamEvent) => void): Unsubscribe {
    return this.#core.onStatus(listener);
  }

  health() {
    return this.#core.health();
  }

  subscribeKlines(symbol: string, timeframes: readonly Timeframe[]): void {
    for (const timeframe of timeframes) {
      const topic = klineTopic(symbol, timeframe);
      this.#core.setSubscribed(topic, true);
      if (this.#klines.has(topic)) continue;
      const feed = new KlineFeed({
        market: this.#market,
        clock: this.#clock,
        symbol,
        timeframe,
        emit: (event) => this.#core.emit(topic, event),
      });
      this.#klines.set(topic, feed);
      if (this.#unsubscribeTicks) feed.start();
    }
  }

  unsubscribeKlines(symbol: string, timeframes: readonly Timeframe[]): void {
    for (const timeframe of timeframes) {
      const topic = klineTopic(symbol, timeframe);
      this.#core.setSubscribed(topic, false);
      this.#klines.get(topic)?.stop();
      this.#klines.delete(topic);
    }
  }

  subscribeTicker(symbol: string): void {
    this.#core.setSubscribed(tickerTopic(symbol), true);
  }

  unsubscribeTicker(symbol: string): void {
    this.#core.setSubscribed(tickerTopic(symbol), false);
  }

  subscribeTrades(symbol: string): void {
    this.#core.setSubscribed(tradeTopic(symbol), true);
  }

  unsubscribeTrades(symbol: string): void {
    this.#core.setSubscribed(tradeTopic(symbol), false);
  }

  async start(): Promise<void> {
    if (this.#unsubscribeTicks) return;
    this.#unsubscribeTicks = this.#market.onTick((tick) => this.#onTick(tick));
    for (const feed of this.#klines.values()) feed.start();
    this.#core.status({ type: 'connected' });
  }

  async stop(): Promise<void> {
    if (!this.#unsubscribeTicks) return;
    this.#unsubscribeTicks();
    this.#unsubscribeTicks = undefined;
    for (const feed of this.#klines.values()) feed.stop();
    this.#core.status({ type: 'disconnected', reason: 'stopped' });
  }

  #onTick(tick: MarketTick): void {
    const { symbol } = tick;
    if (this.#core.isSubscribed(tickerTopic(symbol))) {
      this.#core.emit(tickerTopic(symbol), {
        type: 'ticker',
        ticker: tickerOf(this.#market.ticker(symbol), tick.time),
      });
    }
    if (tick.trade) this.#core.emit(tradeTopic(symbol), { type: 'trade', trade: marketTradeOf(tick.trade) });
    for (const [topic, feed] of this.#klines) {
      if (topic.startsWith(`kline:${symbol}:`)) feed.onTick();
    }
  }
}

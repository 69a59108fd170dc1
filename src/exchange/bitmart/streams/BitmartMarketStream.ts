import type { Clock } from '../../../platform/clock/index.ts';
import type { Logger } from '../../../platform/logging/logger.ts';
import type { MarketEvent, MarketStream } from '../../port/streams.ts';
import type { Timeframe } from '../../port/types.ts';
import { ConnectionStream } from '../../streams/ConnectionStream.ts';
import type { HotMarketEvent } from '../hot/HotMarketDecoder.ts';
import { KlineGroupTimeframes, klinesFromWsPush, tickerFromWsPush, tradesFromWsPush } from '../mapping/wsPublic.ts';
import { klineTopic as bitmartKlineTopic } from '../protocol/klineIntervals.ts';
import { isBitmartWsKlinePush, isBitmartWsTickerPush } from '../protocol/wire/hotPushGuards.ts';
import {
  BitmartWsKlinePushSchema,
  type BitmartWsTickerPush,
  BitmartWsTickerPushSchema,
  BitmartWsTradePushSchema,
  bitmartWsChannelOf,
} from '../protocol/wire/index.ts';
import type { BitmartWsConnection, ConnectionPush } from '../ws/BitmartWsConnection.ts';
import { ClosedCandleSeries, type ClosedCandleSource } from './ClosedCandleSeries.ts';
import type { KlineSource } from './fetchClosedRange.ts';

export interface BitmartMarketStreamOptions {
  /** Its hot decoder, if any, is a `HotMarketDecoder`. */
  readonly connection: BitmartWsConnection<HotMarketEvent>;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly klineSource: KlineSource;
  /** Default `rest`: see `ClosedCandleSource`. */
  readonly closedCandleSource?: ClosedCandleSource;
  /** First wait before a failed closed-candle backfill is retried (doubles, capped at 30 s). */
  readonly backfillRetryDelayMs?: number;
}

/**
 * BitMart's public futures channels (docs/reference/bitmart-wire.md#public-channels) as a `MarketStream`: klines with
 * exactly-once closed candles, tickers and trades, over one self-healing connection. After a
 * reconnect, `resynced` is emitted only once every subscribed kline series has backfilled its gap.
 */
export class BitmartMarketStream extends ConnectionStream<MarketEvent> implements MarketStream {
  readonly #options: BitmartMarketStreamOptions;
  readonly #connection: BitmartWsConnection<HotMarketEvent>;
  readonly #series = new Map<string, ClosedCandleSeries>();
  readonly #timeframes = new KlineGroupTimeframes();

  constructor(options: BitmartMarketStreamOptions) {
    super(options.connection, options.logger, 'market event');
    this.#options = options;
    this.#connection = options.connection;
    options.connection.onPush((push) => this.#onPush(push));
  }
  protected override onConnectionLost(): void {
    for (const series of this.#series.values()) series.connectionLost();
  }

  protected override resync(): Promise<void> {
    return this.#backfilled();
  }

  subscribeKlines(symbol: string, timeframes: readonly Timeframe[]): void {
    const topics = timeframes.map((timeframe) => {
      const topic = klineTopic(symbol, timeframe);
      if (!this.#series.has(topic)) this.#series.set(topic, this.#newSeries(symbol, timeframe));
      return topic;
    });
    this.#connection.subscribe(topics);
  }

  unsubscribeKlines(symbol: string, timeframes: readonly Timeframe[]): void {
    const topics = timeframes.map((timeframe) => klineTopic(symbol, timeframe));
    for (const topic of topics) {
      this.#series.get(topic)?.dispose();
      this.#series.delete(topic);
    }
    this.#connection.unsubscribe(topics);
  }

  subscribeTicker(symbol: string): void {
    this.#connection.subscribe([`futures/ticker:${symbol}`]);
  }

  unsubscribeTicker(symbol: string): void {
    this.#connection.unsubscribe([`futures/ticker:${symbol}`]);
  }

  subscribeTrades(symbol: string): void {
    this.#connection.subscribe([`futures/trade:${symbol}`]);
  }

  unsubscribeTrades(symbol: string): void {
    this.#connection.unsubscribe([`futures/trade:${symbol}`]);
  }

  #newSeries(symbol: string, timeframe: Timeframe): ClosedCandleSeries {
    return new ClosedCandleSeries({
      symbol,
      timeframe,
      klineSource: this.#options.klineSource,
      source: this.#options.closedCandleSource ?? 'rest',
      clock: this.#options.clock,
      logger: this.#options.logger,
      retryDelayMs: this.#options.backfillRetryDelayMs ?? 1_000,
      emitClosed: (kline) => this.events.emit({ type: 'kline_closed', kline }),
    });
  }

  /** Every kline series the venue confirmed has its first candle since the reconnect and no gap before it. */
  async #backfilled(): Promise<void> {
    const subscribed = new Set(this.#connection.health().flatMap((topic) => (topic.subscribed ? [topic.topic] : [])));
    const waits = [...this.#series.entries()].flatMap(([topic, series]) =>
      subscribed.has(topic) ? [series.whenResynced()] : [],
    );
    await Promise.all(waits);
  }

  #onPush(push: ConnectionPush<HotMarketEvent>): void {
    if (push.topic === undefined) return;
    // Read and validated by the connection's hot decoder: already the event.
    const hot = push.hot;
    if (hot === undefined) this.#onPushToCheck(push);
    else if (hot.type === 'ticker') this.events.emit(hot);
    else this.#onKline(push.topic, hot);
  }

  #onPushToCheck(push: ConnectionPush<HotMarketEvent>): void {
    switch (bitmartWsChannelOf(push.group)) {
      case 'futures/ticker': {
        if (isBitmartWsTickerPush(push.message)) this.#emitTicker(push.message);
        else this.#refused(push, BitmartWsTickerPushSchema.safeParse(push.message).error);
        return;
      }
      case 'futures/trade': {
        const parsed = BitmartWsTradePushSchema.safeParse(push.message);
        if (!parsed.success) {
          this.#refused(push, parsed.error);
          return;
        }
        for (const trade of tradesFromWsPush(parsed.data)) this.events.emit({ type: 'trade', trade });
        return;
      }
      default:
        this.#onKlinePush(push);
    }
  }

  #emitTicker(message: BitmartWsTickerPush): void {
    this.events.emit({ type: 'ticker', ticker: tickerFromWsPush(message, this.#options.clock.now()) });
  }

  #onKlinePush(push: ConnectionPush<HotMarketEvent>): void {
    const timeframe = this.#timeframes.of(push.group);
    if (!this.#series.has(push.topic ?? '') || !timeframe) return;
    if (!isBitmartWsKlinePush(push.message)) {
      this.#refused(push, BitmartWsKlinePushSchema.safeParse(push.message).error);
      return;
    }
    for (const kline of klinesFromWsPush(push.message, timeframe)) this.#onKline(push.topic, { type: 'kline', kline });
  }

  /** The forming candle first, then (maybe asynchronously) the candles its arrival closed. */
  #onKline(topic: string | undefined, event: Extract<MarketEvent, { type: 'kline' }>): void {
    const series = this.#series.get(topic ?? '');
    if (series?.onCandle(event.kline)) this.events.emit(event);
  }

  #refused(push: ConnectionPush<HotMarketEvent>, error: unknown): void {
    this.#options.logger.warn({ group: push.group, err: error }, 'push does not match its wire schema; dropped');
  }
}

function klineTopic(symbol: string, timeframe: Timeframe): string {
  const topic = bitmartKlineTopic(symbol, timeframe);
  if (!topic) throw new RangeError(`BitMart has no WebSocket kline channel for ${timeframe}`);
  return topic;
}

import type { Clock } from '../../../platform/clock/index.ts';
import type { Logger } from '../../../platform/logging/logger.ts';
// Venue-neutral machinery written with the BitMart streams (closed candles exactly once with REST
// backfill, connection status → port events, fault-tolerant listener lists); reused, not copied
// (docs/decisions/0028-okx-client.md).
import { ClosedCandleSeries } from '../../bitmart/streams/ClosedCandleSeries.ts';
import type { KlineSource } from '../../bitmart/streams/fetchClosedRange.ts';
import { StreamStatusRelay } from '../../bitmart/streams/StreamStatusRelay.ts';
import { Listeners } from '../../bitmart/ws/Listeners.ts';
import type { MarketEvent, MarketStream, StreamEvent, TopicHealth, Unsubscribe } from '../../port/streams.ts';
import type { Timeframe } from '../../port/types.ts';
import { OkxHotMarketDecoder } from '../hot/OkxHotMarketDecoder.ts';
import { instIdOf } from '../mapping/symbols.ts';
import { okxBarOfTimeframe, okxCandleChannel } from '../protocol/bars.ts';
import { argKey, type OkxConnectionPush, type OkxWsConnection } from '../ws/OkxWsConnection.ts';
import { candlesOfPush, tickersOfPush, tradesOfPush } from './okxMarketPushes.ts';

export interface OkxMarketStreamOptions {
  /** `/ws/v5/public`: tickers, trades. */
  readonly publicConnection: OkxWsConnection;
  /** `/ws/v5/business`: candles (OKX moved them there in 2023; `/public` answers 64001). */
  readonly businessConnection: OkxWsConnection;
  readonly clock: Clock;
  readonly logger: Logger;
  /** `FuturesExchange['klines']`: the backfill of closed candles. */
  readonly klineSource: KlineSource;
  readonly backfillRetryDelayMs?: number;
}

/**
 * OKX's public channels as a `MarketStream`: `candle<bar>` on the business WebSocket with closed
 * candles exactly once, `tickers` and `trades` on the public one. A candle is delivered closed
 * when a push for a later bar arrives, with the values of REST (final, and the same path a gap
 * after a reconnect takes); `resynced` follows a reconnect once every series has backfilled.
 */
export class OkxMarketStream implements MarketStream {
  readonly #options: OkxMarketStreamOptions;
  readonly #events: Listeners<MarketEvent>;
  readonly #statusListeners: Listeners<StreamEvent>;
  readonly #series = new Map<string, ClosedCandleSeries>();

  constructor(options: OkxMarketStreamOptions) {
    this.#options = options;
    this.#events = new Listeners(options.logger, 'market event');
    this.#statusListeners = new Listeners(options.logger, 'market status');
    const business = new StreamStatusRelay(options.businessConnection, options.logger, {
      onConnectionLost: () => {
        for (const series of this.#series.values()) series.connectionLost();
      },
      resync: () => Promise.all([...this.#series.values()].map((series) => series.whenResynced())).then(() => {}),
    });
    const publicRelay = new StreamStatusRelay(options.publicConnection, options.logger, {
      onConnectionLost: () => {},
      resync: () => Promise.resolve(),
    });
    business.add((event) => this.#statusListeners.emit(event));
    publicRelay.add((event) => this.#statusListeners.emit(event));
    options.businessConnection.onPush((push) => this.#onCandlePush(push));
    options.publicConnection.onPush((push) => this.#onPublicPush(push));
    // The fast path first (decision 0034); what it declines comes back through onPush above.
    const businessHot = new OkxHotMarketDecoder();
    options.businessConnection.setHotPath((bytes) => {
      const push = businessHot.decode(bytes);
      if (push?.kind !== 'kline') return undefined;
      const series = this.#series.get(push.key);
      if (series?.onCandle(push.kline)) this.#events.emit({ type: 'kline', kline: push.kline });
      return push.key;
    });
    const publicHot = new OkxHotMarketDecoder();
    options.publicConnection.setHotPath((bytes) => {
      const push = publicHot.decode(bytes);
      if (push === undefined || push.kind === 'kline') return undefined;
      this.#events.emit(
        push.kind === 'ticker' ? { type: 'ticker', ticker: push.ticker } : { type: 'trade', trade: push.trade },
      );
      return push.key;
    });
  }

  onEvent(listener: (event: MarketEvent) => void): Unsubscribe {
    return this.#events.add(listener);
  }

  onStatus(listener: (event: StreamEvent) => void): Unsubscribe {
    return this.#statusListeners.add(listener);
  }

  health(): readonly TopicHealth[] {
    return [...this.#options.publicConnection.health(), ...this.#options.businessConnection.health()];
  }

  async start(): Promise<void> {
    await Promise.all([this.#options.publicConnection.start(), this.#options.businessConnection.start()]);
  }

  async stop(): Promise<void> {
    for (const series of this.#series.values()) series.dispose();
    await Promise.all([this.#options.publicConnection.stop(), this.#options.businessConnection.stop()]);
  }

  subscribeKlines(symbol: string, timeframes: readonly Timeframe[]): void {
    for (const timeframe of timeframes) {
      const arg = candleArg(symbol, timeframe);
      const key = argKey(arg);
      if (!this.#series.has(key)) this.#series.set(key, this.#newSeries(symbol, timeframe));
      this.#options.businessConnection.want(arg);
    }
  }

  unsubscribeKlines(symbol: string, timeframes: readonly Timeframe[]): void {
    for (const timeframe of timeframes) {
      const arg = candleArg(symbol, timeframe);
      const key = argKey(arg);
      this.#series.get(key)?.dispose();
      this.#series.delete(key);
      this.#options.businessConnection.unwant(arg);
    }
  }

  subscribeTicker(symbol: string): void {
    this.#options.publicConnection.want({ channel: 'tickers', instId: instIdOf(symbol) });
  }

  unsubscribeTicker(symbol: string): void {
    this.#options.publicConnection.unwant({ channel: 'tickers', instId: instIdOf(symbol) });
  }

  subscribeTrades(symbol: string): void {
    this.#options.publicConnection.want({ channel: 'trades', instId: instIdOf(symbol) });
  }

  unsubscribeTrades(symbol: string): void {
    this.#options.publicConnection.unwant({ channel: 'trades', instId: instIdOf(symbol) });
  }

  #newSeries(symbol: string, timeframe: Timeframe): ClosedCandleSeries {
    return new ClosedCandleSeries({
      symbol,
      timeframe,
      klineSource: this.#options.klineSource,
      source: 'rest',
      clock: this.#options.clock,
      logger: this.#options.logger,
      retryDelayMs: this.#options.backfillRetryDelayMs ?? 1_000,
      emitClosed: (kline) => this.#events.emit({ type: 'kline_closed', kline }),
    });
  }

  #onCandlePush(push: OkxConnectionPush): void {
    const series = this.#series.get(push.key);
    if (!series) return;
    const decoded = candlesOfPush(push.message);
    if (!decoded.ok) {
      this.#refused(push, decoded.error);
      return;
    }
    for (const kline of decoded.value?.klines ?? [])
      if (series.onCandle(kline)) this.#events.emit({ type: 'kline', kline });
  }

  #onPublicPush(push: OkxConnectionPush): void {
    const channel = push.key.split('|', 1)[0];
    if (channel === 'tickers') {
      const decoded = tickersOfPush(push.message);
      if (!decoded.ok) {
        this.#refused(push, decoded.error);
        return;
      }
      for (const ticker of decoded.value) this.#events.emit({ type: 'ticker', ticker });
    } else if (channel === 'trades') {
      const decoded = tradesOfPush(push.message);
      if (!decoded.ok) {
        this.#refused(push, decoded.error);
        return;
      }
      for (const trade of decoded.value) this.#events.emit({ type: 'trade', trade });
    }
  }

  #refused(push: OkxConnectionPush, error: unknown): void {
    this.#options.logger.warn({ arg: push.key, err: error }, 'OKX push does not match its wire schema; dropped');
  }
}

function candleArg(symbol: string, timeframe: Timeframe) {
  return { channel: okxCandleChannel(okxBarOfTimeframe(timeframe)), instId: instIdOf(symbol) };
}

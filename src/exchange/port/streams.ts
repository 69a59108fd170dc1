import type { Balance, Fill, Kline, MarketTrade, Order, Position, Ticker, Timeframe } from './types.ts';

export type Unsubscribe = () => void;

export type MarketEvent =
  /** The forming candle changed. */
  | { readonly type: 'kline'; readonly kline: Kline }
  /** A candle closed: delivered exactly once per (symbol, timeframe, openTime), in order, gaps backfilled. */
  | { readonly type: 'kline_closed'; readonly kline: Kline }
  | { readonly type: 'ticker'; readonly ticker: Ticker }
  | { readonly type: 'trade'; readonly trade: MarketTrade };

export type UserEvent =
  | { readonly type: 'order'; readonly order: Order; readonly fill: Fill | undefined }
  | { readonly type: 'positions'; readonly positions: readonly Position[] }
  | { readonly type: 'balance'; readonly balance: Balance };

export type StreamEvent =
  | { readonly type: 'connected' }
  | { readonly type: 'disconnected'; readonly reason: string }
  /** Re-logged in, resubscribed and (market) backfilled: the stream is whole again. */
  | { readonly type: 'resynced' };

export interface TopicHealth {
  readonly topic: string;
  /** Unix ms of the last message on this topic; undefined before the first. */
  readonly lastMessageAt: number | undefined;
  readonly reconnects: number;
  readonly subscribed: boolean;
}

interface Stream<E> {
  onEvent(listener: (event: E) => void): Unsubscribe;
  onStatus(listener: (event: StreamEvent) => void): Unsubscribe;
  health(): readonly TopicHealth[];
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Public market data. Subscriptions survive reconnects. */
export interface MarketStream extends Stream<MarketEvent> {
  subscribeKlines(symbol: string, timeframes: readonly Timeframe[]): void;
  unsubscribeKlines(symbol: string, timeframes: readonly Timeframe[]): void;
  subscribeTicker(symbol: string): void;
  unsubscribeTicker(symbol: string): void;
  subscribeTrades(symbol: string): void;
  unsubscribeTrades(symbol: string): void;
}

export type UserChannel = 'orders' | 'positions' | 'balance';

/** The account's own orders, positions and balance; needs credentials. */
export interface UserStream extends Stream<UserEvent> {
  subscribe(channels: readonly UserChannel[]): void;
  unsubscribe(channels: readonly UserChannel[]): void;
}

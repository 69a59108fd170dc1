import type { Dec } from '../../platform/decimal/index.ts';

/** One perpetual contract as the simulator lists it (the fields of `contract/public/details`). */
export interface ContractSpec {
  readonly symbol: string;
  readonly baseCurrency: string;
  readonly quoteCurrency: 'USDT';
  /** Base units per contract; order sizes are whole contracts. */
  readonly contractSize: Dec;
  /** Price tick (`price_precision` on the wire). */
  readonly tickSize: Dec;
  /** Size step (`vol_precision` on the wire); always 1 contract here. */
  readonly volumeStep: Dec;
  readonly minVolume: number;
  /** Largest limit order, in contracts. */
  readonly maxVolume: number;
  /** Largest market order, in contracts. */
  readonly marketMaxVolume: number;
  readonly minLeverage: number;
  readonly maxLeverage: number;
  readonly makerFeeRate: Dec;
  readonly takerFeeRate: Dec;
  readonly maintenanceMarginRate: Dec;
  readonly fundingIntervalHours: number;
  /** Listing time, Unix ms. */
  readonly openTimestamp: number;
  /** Reference price the seeded process starts from, a year before the simulator starts. */
  readonly referencePrice: Dec;
  /** Annualised volatility of the price process (0.6 = 60 %). */
  readonly annualVolatility: number;
}

/** A candle: `openTime` in Unix seconds, prices on the tick, volume in contracts. */
export interface Candle {
  readonly openTime: number;
  readonly open: Dec;
  readonly high: Dec;
  readonly low: Dec;
  readonly close: Dec;
  readonly volume: number;
}

export interface BookLevel {
  readonly price: Dec;
  /** Contracts at this level. */
  readonly size: number;
}

/** Bids descending, asks ascending. */
export interface OrderBook {
  readonly symbol: string;
  readonly bids: readonly BookLevel[];
  readonly asks: readonly BookLevel[];
  /** Unix ms. */
  readonly time: number;
}

/** A trade of the synthetic market crowd (not of a simulator account). */
export interface MarketTrade {
  readonly tradeId: string;
  readonly symbol: string;
  readonly price: Dec;
  /** Contracts. */
  readonly size: number;
  /** True when the buyer was the maker (the taker sold). */
  readonly buyerIsMaker: boolean;
  /** Unix ms. */
  readonly time: number;
}

export interface Ticker {
  readonly symbol: string;
  readonly lastPrice: Dec;
  readonly markPrice: Dec;
  readonly indexPrice: Dec;
  readonly bestBid: BookLevel;
  readonly bestAsk: BookLevel;
  readonly high24h: Dec;
  readonly low24h: Dec;
  /** Contracts traded over the last 24 h. */
  readonly volume24h: number;
  /** Quote currency traded over the last 24 h. */
  readonly turnover24h: Dec;
  /** Change ratio over 24 h (0.01 = +1 %). */
  readonly change24h: Dec;
  /** Contracts held open by the market crowd. */
  readonly openInterest: number;
}

export interface FundingInfo {
  readonly symbol: string;
  /** Rate of the previous period. */
  readonly rate: Dec;
  /** Rate expected for the next settlement. */
  readonly expectedRate: Dec;
  /** Next settlement, Unix ms. */
  readonly nextFundingTime: number;
  readonly upperLimit: Dec;
  readonly lowerLimit: Dec;
}

/**
 * Emitted on every price change, whether from the live process or from `setPrice`. Listeners run
 * synchronously, in registration order: the engine first (fills, triggers, liquidations), then the
 * WebSocket fan-out, so that a push never describes a state the engine has not reached yet.
 */
export interface MarketTick {
  readonly symbol: string;
  /** Unix ms. */
  readonly time: number;
  readonly lastPrice: Dec;
  readonly markPrice: Dec;
  /** The crowd trade that printed this price, when there was one. */
  readonly trade: MarketTrade | undefined;
}

export type Unsubscribe = () => void;

/** The kline steps BitMart's REST endpoint accepts, in minutes (docs/reference/bitmart-wire.md#klines). */
export const KLINE_STEPS_MINUTES = [1, 3, 5, 15, 30, 60, 120, 240, 360, 720, 1440, 4320, 10080] as const;
export type KlineStepMinutes = (typeof KLINE_STEPS_MINUTES)[number];

/** The market side of the simulator: listed contracts, prices, books, klines, funding. */
export interface Market {
  contracts(): readonly ContractSpec[];
  contract(symbol: string): ContractSpec | undefined;
  lastPrice(symbol: string): Dec;
  markPrice(symbol: string): Dec;
  indexPrice(symbol: string): Dec;
  /** At most `levels` per side (BitMart serves 50). */
  book(symbol: string, levels?: number): OrderBook;
  ticker(symbol: string): Ticker;
  funding(symbol: string): FundingInfo;
  /** Newest first, at most `limit`. */
  recentTrades(symbol: string, limit: number): readonly MarketTrade[];
  /**
   * Candles whose open time lies in [startSec, endSec], ascending, at most 500 (the latest ones
   * when more fall in range), including the forming candle. Every step is the exact aggregate of
   * the 1m candles it covers.
   */
  klines(symbol: string, step: KlineStepMinutes, startSec: number, endSec: number): readonly Candle[];
  /** The forming candle of that step at the current time. */
  currentCandle(symbol: string, step: KlineStepMinutes): Candle;
  onTick(listener: (tick: MarketTick) => void): Unsubscribe;
  /** Admin: moves the market to `price` now (rounded to the tick) and emits the tick. */
  setPrice(symbol: string, price: Dec): MarketTick;
  /** Freezes the price process; `setPrice` still works. */
  pause(): void;
  resume(): void;
  readonly paused: boolean;
  /** Starts the live price process on the injected clock. */
  start(): void;
  stop(): void;
}

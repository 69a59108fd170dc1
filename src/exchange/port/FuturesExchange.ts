import type { Dec } from '../../platform/decimal/index.ts';
import type {
  Balance,
  Contract,
  Fill,
  Kline,
  LedgerEntry,
  LedgerQuery,
  MarginMode,
  Order,
  OrderAck,
  OrderRef,
  OrderRequest,
  PlanOrder,
  PlanOrderRequest,
  Position,
  PositionMode,
  PositionTpSlRequest,
  Ticker,
  Timeframe,
  TimeWindow,
} from './types.ts';

export interface KlineQuery {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  /** Open time of the first candle wanted (ms, inclusive). */
  readonly start?: number;
  /** Open time of the last candle wanted (ms, inclusive); default now. */
  readonly end?: number;
  /** At most this many, the latest ones; the venue may cap it (BitMart: 500). */
  readonly limit?: number;
}

/**
 * The REST side of a futures venue, in two halves a consumer picks from:
 * - `MarketDataRest`: what the venue publishes to anyone (clock, contracts, candles, tickers); no
 *   credentials needed. Market-data sync, the health probe and candle backfill take only this.
 * - `TradingRest`: one account's state and orders (balances, positions, orders, fills, ledger,
 *   TP/SL and plan orders, the dead-man switch); signed requests, credentials required.
 * `FuturesExchange` is both: what an adapter (BitMart, the simulator) implements and what a
 * composition root hands out. A consumer takes the half it reads, or a `Pick` of it, so a test
 * fakes only what the consumer uses; one that reads both (trade preflight, reconciliation, the
 * worker's monitors) takes `FuturesExchange`.
 *
 * Every method either resolves or rejects with an `ExchangeError` (platform/errors) whose kind
 * tells the caller what to do.
 */
export interface FuturesExchange extends MarketDataRest, TradingRest {}

/** The venue's public REST data: no account, no credentials. */
export interface MarketDataRest {
  /** The venue's name, as reports show it (`bitmart`, `simulator`). */
  readonly venue: string;
  /** The venue's clock, Unix ms. */
  serverTime(): Promise<number>;
  contracts(symbol?: string): Promise<readonly Contract[]>;
  /** Ascending by open time; may include the forming candle (its open time + timeframe > now). */
  klines(query: KlineQuery): Promise<readonly Kline[]>;
  ticker(symbol: string): Promise<Ticker>;
}

/** One account on the venue: its balances and positions, and every order it places or cancels. */
export interface TradingRest {
  balances(): Promise<readonly Balance[]>;
  /** Open positions only (size > 0). */
  positions(symbol?: string): Promise<readonly Position[]>;
  positionMode(): Promise<PositionMode>;
  setPositionMode(mode: PositionMode): Promise<void>;
  setLeverage(
    symbol: string,
    leverage: Dec,
    marginMode: MarginMode,
  ): Promise<{ leverage: Dec; marginMode: MarginMode }>;

  /**
   * Places an order. A timeout after sending rejects with `UnknownOutcomeError`: resolve it with
   * `order({ symbol, clientOrderId })`, never by placing again under another id.
   */
  submitOrder(request: OrderRequest): Promise<OrderAck>;
  cancelOrder(ref: OrderRef): Promise<void>;
  cancelAllOrders(symbol: string): Promise<void>;
  modifyOrder(ref: OrderRef, change: { price?: Dec; size?: Dec }): Promise<void>;
  /** `undefined` when the venue does not know the order (yet: see the visibility window). */
  order(ref: OrderRef): Promise<Order | undefined>;
  openOrders(symbol?: string): Promise<readonly Order[]>;
  orderHistory(symbol: string, window?: TimeWindow): Promise<readonly Order[]>;
  fills(symbol: string, window?: TimeWindow): Promise<readonly Fill[]>;
  /**
   * The account's balance changes (fees, realised PnL, funding, ...), newest first; at most 1000
   * (BitMart's page): narrow the window for more.
   */
  ledger(query?: LedgerQuery): Promise<readonly LedgerEntry[]>;

  submitPositionTpSl(request: PositionTpSlRequest): Promise<OrderAck>;
  submitPlanOrder(request: PlanOrderRequest): Promise<OrderAck>;
  planOrders(symbol?: string): Promise<readonly PlanOrder[]>;
  cancelPlanOrder(ref: OrderRef): Promise<void>;
  /**
   * Dead-man switch: the venue cancels every open order of `symbol` after `timeoutSeconds`
   * unless this is called again; 0 disables it.
   */
  cancelAllAfter(symbol: string, timeoutSeconds: number): Promise<{ cancelAt: number | undefined }>;
}

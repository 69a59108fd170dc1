import type { Dec } from '../../platform/decimal/index.ts';

/**
 * The venue-neutral vocabulary of the exchange port. Prices, sizes and money are `Dec`; sizes are
 * in the venue's contracts; times are Unix milliseconds. No venue enum leaks through here.
 */

/** What an order does to a position. In one-way mode `close_*` are the reduce-only sides. */
export type OrderSide = 'open_long' | 'close_short' | 'close_long' | 'open_short';
export type OrderType = 'limit' | 'market';
export type TimeInForce = 'gtc' | 'fok' | 'ioc' | 'post_only';
export type MarginMode = 'cross' | 'isolated';
export type PositionMode = 'hedge' | 'one_way';
export type PositionSide = 'long' | 'short';
/** Which price a trigger watches. */
export type PriceSource = 'last' | 'mark';
/** `pending`: accepted, not yet working (BitMart's "approval"). `canceled` may carry a partial fill. */
export type OrderStatus = 'pending' | 'open' | 'partially_filled' | 'filled' | 'canceled';

export const TIMEFRAMES = ['1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '12h', '1d', '3d', '1w'] as const;
export type Timeframe = (typeof TIMEFRAMES)[number];

export const TIMEFRAME_MS: Readonly<Record<Timeframe, number>> = {
  '1m': 60_000,
  '3m': 180_000,
  '5m': 300_000,
  '15m': 900_000,
  '30m': 1_800_000,
  '1h': 3_600_000,
  '2h': 7_200_000,
  '4h': 14_400_000,
  '6h': 21_600_000,
  '12h': 43_200_000,
  '1d': 86_400_000,
  '3d': 259_200_000,
  '1w': 604_800_000,
};

export interface Contract {
  readonly symbol: string;
  readonly baseCurrency: string;
  readonly quoteCurrency: string;
  /** Base units per contract. */
  readonly contractSize: Dec;
  readonly tickSize: Dec;
  readonly sizeStep: Dec;
  readonly minSize: Dec;
  /** Largest limit order. */
  readonly maxSize: Dec;
  /** Largest market order. */
  readonly maxMarketSize: Dec;
  readonly minLeverage: Dec;
  readonly maxLeverage: Dec;
  readonly status: 'trading' | 'delisted' | 'paused';
  readonly lastPrice: Dec;
  readonly indexPrice: Dec;
  readonly volume24h: Dec;
  readonly turnover24h: Dec;
  readonly fundingRate: Dec;
  readonly fundingIntervalHours: number;
  /** Next funding settlement. */
  readonly nextFundingTime: number | undefined;
  /** When the contract was listed; undefined when the venue does not say. */
  readonly openTime: number | undefined;
  /** Expiry of a delivery contract; undefined for perpetuals. */
  readonly expireTime: number | undefined;
  /** Scheduled delisting; undefined when none is announced. */
  readonly delistTime: number | undefined;
}

export interface Kline {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly openTime: number;
  readonly open: Dec;
  readonly high: Dec;
  readonly low: Dec;
  readonly close: Dec;
  /** Contracts. */
  readonly volume: Dec;
}

export interface Ticker {
  readonly symbol: string;
  readonly lastPrice: Dec;
  readonly markPrice: Dec | undefined;
  readonly indexPrice: Dec | undefined;
  readonly bestBid: Dec | undefined;
  readonly bestBidSize: Dec | undefined;
  readonly bestAsk: Dec | undefined;
  readonly bestAskSize: Dec | undefined;
  readonly volume24h: Dec | undefined;
  /** 0.01 = +1 % over 24 h. */
  readonly change24h: Dec | undefined;
  readonly time: number;
}

export interface MarketTrade {
  readonly symbol: string;
  readonly tradeId: string;
  readonly price: Dec;
  readonly size: Dec;
  readonly takerSide: 'buy' | 'sell';
  readonly time: number;
}

export interface Balance {
  readonly currency: string;
  readonly available: Dec;
  /** Held by open orders. */
  readonly frozen: Dec;
  /** Held by positions. */
  readonly positionMargin: Dec;
  readonly unrealizedPnl: Dec;
  readonly equity: Dec;
}

export interface Position {
  readonly symbol: string;
  readonly side: PositionSide;
  readonly mode: PositionMode;
  /** Contracts, > 0: flat positions are not reported. */
  readonly size: Dec;
  readonly entryPrice: Dec;
  readonly markPrice: Dec | undefined;
  /** Undefined when the venue does not say (BitMart's position push carries none). */
  readonly leverage: Dec | undefined;
  readonly marginMode: MarginMode;
  readonly margin: Dec | undefined;
  readonly unrealizedPnl: Dec | undefined;
  readonly realizedPnl: Dec | undefined;
  readonly liquidationPrice: Dec | undefined;
  readonly updatedAt: number | undefined;
}

export interface PresetTrigger {
  readonly triggerPrice: Dec;
  readonly priceSource: PriceSource;
}

export interface OrderRequest {
  readonly symbol: string;
  /** Required: every order is traceable, and a retry with the same id never places twice. */
  readonly clientOrderId: string;
  readonly side: OrderSide;
  readonly type: OrderType;
  /** Contracts. */
  readonly size: Dec;
  /** Required for limit orders. */
  readonly price?: Dec;
  readonly timeInForce?: TimeInForce;
  readonly leverage?: Dec;
  readonly marginMode?: MarginMode;
  readonly takeProfit?: PresetTrigger;
  readonly stopLoss?: PresetTrigger;
}

export interface OrderAck {
  readonly orderId: string;
  readonly clientOrderId: string;
}

/**
 * What made the venue submit an order by itself: a take-profit or stop-loss (an opening order's
 * preset, or a position TP/SL) reached its trigger, a plan (trigger) order fired, a trailing stop.
 */
/**
 * `take_profit_or_stop_loss`: a TP/SL order of the venue submitted it and the venue does not say
 * which leg (OKX's `source` 7 for an algo order this process neither placed nor listed).
 */
export type OrderTrigger = 'take_profit' | 'stop_loss' | 'plan' | 'trailing' | 'take_profit_or_stop_loss';

export interface Order {
  readonly orderId: string;
  /** "" when the order was placed without one: by the venue (a trigger, a liquidation) or another tool. */
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: OrderSide;
  /** `liquidation`: the venue's forced close (liquidation, bankruptcy, ADL). */
  readonly type: OrderType | 'liquidation' | 'other';
  /** Set when the venue says a trigger submitted the order; undefined when it does not say. */
  readonly trigger?: OrderTrigger;
  readonly status: OrderStatus;
  readonly price: Dec | undefined;
  readonly size: Dec;
  readonly filledSize: Dec;
  readonly averageFillPrice: Dec | undefined;
  readonly leverage: Dec | undefined;
  readonly marginMode: MarginMode | undefined;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface Fill {
  readonly tradeId: string;
  readonly orderId: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly price: Dec;
  readonly size: Dec;
  /** Positive = paid. */
  readonly fee: Dec;
  readonly role: 'maker' | 'taker' | undefined;
  readonly realizedPnl: Dec | undefined;
  readonly time: number;
}

/**
 * What moved the account's balance: a transfer, the realised PnL of a close, a funding payment, a
 * trading fee, or the venue's liquidation clearance (a liquidation's loss, or the insurance fund
 * covering a shortfall). `other` for a kind the venue adds later.
 */
export type LedgerKind = 'transfer' | 'realized_pnl' | 'funding' | 'commission' | 'liquidation' | 'other';

/** One balance change of the account's ledger. */
export interface LedgerEntry {
  /** The venue's id of the movement; not guaranteed unique across kinds (BitMart reuses the time). */
  readonly id: string;
  /** Undefined for a movement not tied to a contract (a transfer). */
  readonly symbol: string | undefined;
  readonly kind: LedgerKind;
  /** Signed: positive = credited to the account, negative = debited (a fee paid, funding paid). */
  readonly amount: Dec;
  readonly currency: string;
  readonly time: number;
}

export interface LedgerQuery {
  readonly symbol?: string;
  /** Omitted: every kind. */
  readonly kind?: Exclude<LedgerKind, 'other'>;
  /** Default: the venue's (BitMart: the last 7 days). */
  readonly window?: TimeWindow;
}

/** Identifies an order by the venue's id or by our client order id. */
export type OrderRef =
  | { readonly symbol: string; readonly orderId: string; readonly clientOrderId?: undefined }
  | { readonly symbol: string; readonly clientOrderId: string; readonly orderId?: undefined };

export interface PositionTpSlRequest {
  readonly symbol: string;
  readonly kind: 'take_profit' | 'stop_loss';
  /** The position it protects. */
  readonly positionSide: PositionSide;
  readonly triggerPrice: Dec;
  readonly priceSource: PriceSource;
  /** Omitted: close at market when triggered. */
  readonly executionPrice?: Dec;
  /** Omitted: the whole position. */
  readonly size?: Dec;
  readonly clientOrderId?: string;
}

export interface PlanOrderRequest {
  readonly symbol: string;
  readonly side: OrderSide;
  readonly size: Dec;
  readonly triggerPrice: Dec;
  readonly priceSource: PriceSource;
  /** 'rise': trigger when the price reaches the trigger from below; 'fall': from above. */
  readonly triggerDirection: 'rise' | 'fall';
  /** Omitted: market order on trigger. */
  readonly executionPrice?: Dec;
  readonly leverage: Dec;
  readonly marginMode: MarginMode;
  readonly timeInForce?: TimeInForce;
  readonly clientOrderId?: string;
}

export interface PlanOrder {
  readonly orderId: string;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly kind: 'plan' | 'take_profit' | 'stop_loss';
  readonly side: OrderSide;
  readonly size: Dec;
  readonly triggerPrice: Dec;
  readonly priceSource: PriceSource;
  readonly executionPrice: Dec | undefined;
  readonly createdAt: number;
}

export interface TimeWindow {
  readonly start?: number;
  readonly end?: number;
}

/**
 * How much of one REST rate-limit window a process has used, for health reports: the venue's
 * adapter counts its own requests (and what the venue says others used).
 */
export interface RateLimitUsage {
  /** The endpoint path the limit applies to. */
  readonly endpoint: string;
  /** Whether the venue counts this limit per IP address or per API key. */
  readonly scope: 'ip' | 'key';
  readonly used: number;
  readonly limit: number;
  /** > 0 while the venue told us to wait (a 429 or a full window). */
  readonly blockedForMs: number;
}

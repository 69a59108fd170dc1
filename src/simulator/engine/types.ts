import type { BitmartCodeInfo } from '../../exchange/bitmart/protocol/codes.ts';
import type { Dec } from '../../platform/decimal/index.ts';

/**
 * The simulator's engine speaks BitMart's own vocabulary (numeric sides, modes, states), because
 * it exists to be BitMart; the venue-neutral vocabulary lives in `exchange/port`.
 */

/** Hedge: 1 buy open long, 2 buy close short, 3 sell close long, 4 sell open short. One-way: 1 buy, 2 buy reduce-only, 3 sell reduce-only, 4 sell. */
export type OrderSide = 1 | 2 | 3 | 4;
/** 1 GTC, 2 FOK, 3 IOC, 4 maker-only. */
export type OrderMode = 1 | 2 | 3 | 4;
/** 1 approval, 2 active (maybe partially filled), 4 finished (filled or canceled). */
export type OrderState = 1 | 2 | 4;
export type OrderType = 'limit' | 'market' | 'liquidate' | 'bankruptcy' | 'adl';
export type OpenType = 'cross' | 'isolated';
export type PositionMode = 'hedge_mode' | 'one_way_mode';
/** 1 last price, 2 fair (mark) price. */
export type PriceType = 1 | 2;
/** 1 long, 2 short. */
export type PositionType = 1 | 2;
/**
 * WS `futures/order` action: 1 fill, 2 submit, 3 cancel, 4 liquidate cancel, ...
 * (docs/reference/bitmart-wire.md#enums).
 */
export type OrderAction = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

/** A business rejection, with BitMart's code, message and HTTP status. */
export interface EngineError extends BitmartCodeInfo {}

export type EngineResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: EngineError };

export interface PresetTrigger {
  readonly price: Dec;
  readonly priceType: PriceType;
}

export interface SubmitOrderCommand {
  readonly symbol: string;
  readonly side: OrderSide;
  readonly type: 'limit' | 'market';
  readonly mode: OrderMode;
  /** Whole contracts. */
  readonly size: number;
  /** Required for limit orders. */
  readonly price?: Dec;
  readonly leverage?: Dec;
  readonly openType?: OpenType;
  /** "" when unset. */
  readonly clientOrderId?: string;
  readonly presetTakeProfit?: PresetTrigger;
  readonly presetStopLoss?: PresetTrigger;
  /** Monotonic microseconds when the request arrived (Clock.monotonicMicros), for latency measurement. */
  readonly receivedAtMicros?: number;
}

export interface LastTrade {
  readonly tradeId: string;
  readonly size: number;
  readonly price: Dec;
  /** Positive = paid. */
  readonly fee: Dec;
}

/** A snapshot of an order; the engine never hands out its mutable records. */
export interface SimOrder {
  readonly orderId: string;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly mode: OrderMode;
  /** Limit price; for market orders the protection price the order was bounded by. */
  readonly price: Dec;
  readonly size: number;
  readonly dealSize: number;
  /** 0 until the first fill. */
  readonly dealAvgPrice: Dec;
  readonly leverage: Dec;
  readonly openType: OpenType;
  readonly state: OrderState;
  /** True when it finished with `dealSize < size` (BitMart has no separate canceled state). */
  readonly canceled: boolean;
  readonly positionMode: PositionMode;
  readonly presetTakeProfit: PresetTrigger | undefined;
  readonly presetStopLoss: PresetTrigger | undefined;
  /** Set when a plan or TP/SL order created this order. */
  readonly planOrderId: string;
  /**
   * The type of that plan: a take-profit or stop-loss child is pushed as such
   * (docs/reference/bitmart-wire.md#private-channels).
   */
  readonly planType: PlanOrderType | undefined;
  readonly lastTrade: LastTrade | undefined;
  /** Unix ms. */
  readonly createTime: number;
  readonly updateTime: number;
  /** Monotonic microseconds at arrival (see SubmitOrderCommand.receivedAtMicros). */
  readonly arrivalMicros: number;
}

/** One execution of a simulator account's order. */
export interface SimFill {
  readonly tradeId: string;
  readonly orderId: string;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly price: Dec;
  readonly size: number;
  readonly role: 'maker' | 'taker';
  /** Positive = paid. */
  readonly fee: Dec;
  /** Realised PnL of the part that closed a position (0 for opening fills). */
  readonly realizedPnl: Dec;
  readonly time: number;
}

export interface SimPosition {
  readonly symbol: string;
  readonly positionType: PositionType;
  /** 'both' in one-way mode. */
  readonly positionSide: 'long' | 'short' | 'both';
  readonly positionMode: PositionMode;
  /** Contracts, ≥ 0. */
  readonly amount: number;
  /** Contracts reserved by open closing orders. */
  readonly frozenAmount: number;
  readonly entryPrice: Dec;
  readonly leverage: Dec;
  readonly openType: OpenType;
  /** Margin held by the position (`position_deposit` share). */
  readonly margin: Dec;
  readonly maintenanceMargin: Dec;
  readonly markPrice: Dec;
  readonly unrealizedPnl: Dec;
  readonly realizedPnl: Dec;
  readonly feesPaid: Dec;
  readonly closedVolume: number;
  readonly closeAvgPrice: Dec;
  /** 0 when flat or when it cannot be liquidated. */
  readonly liquidationPrice: Dec;
  readonly openTime: number;
  readonly updateTime: number;
}

export interface SimAsset {
  readonly currency: 'USDT' | 'BTC' | 'ETH';
  readonly available: Dec;
  /** Held by open orders. */
  readonly frozen: Dec;
  /** Held by positions. */
  readonly positionDeposit: Dec;
  readonly unrealized: Dec;
  /** available + frozen + positionDeposit + unrealized, exactly. */
  readonly equity: Dec;
}

/** 1 transfer, 2 realised PnL, 3 funding fee, 4 commission fee, 5 liquidation clearance. */
export type FlowType = 1 | 2 | 3 | 4 | 5;

/** A balance movement; the ledger of an account sums exactly to its balance change. */
export interface SimTransaction {
  readonly tranId: string;
  readonly symbol: string;
  readonly flowType: FlowType;
  /** BitMart's text for the flow type, e.g. "Commission Fee". */
  readonly type: string;
  /** Signed. */
  readonly amount: Dec;
  readonly asset: 'USDT';
  readonly time: number;
  /** The wallet balance (initial balance + the ledger so far) after this row. */
  readonly balance: Dec;
  /** The execution the row comes from (realised PnL, commission, liquidation, a shortfall it caused). */
  readonly fill?: LedgerFillRef;
}

/** Which execution a ledger row comes from, for faces that itemise it (OKX's bills). */
export interface LedgerFillRef {
  readonly tradeId: string;
  readonly orderId: string;
  readonly clientOrderId: string;
  readonly side: OrderSide;
  readonly price: Dec;
  /** Contracts. */
  readonly size: number;
  readonly role: 'maker' | 'taker';
  readonly openType: OpenType;
  readonly positionMode: PositionMode;
}

export type PlanOrderType = 'plan' | 'take_profit' | 'stop_loss';

/** The plan (trigger) order that submitted a child order. */
export interface PlanOrigin {
  readonly orderId: string;
  readonly type: PlanOrderType;
}

export interface SimPlanOrder {
  readonly orderId: string;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly type: PlanOrderType;
  /** What executes on trigger. */
  readonly executionType: 'limit' | 'market';
  readonly mode: OrderMode;
  /** 0 = whole position (TP/SL only). */
  readonly size: number;
  readonly triggerPrice: Dec;
  /** 0 = market. */
  readonly executivePrice: Dec;
  readonly priceType: PriceType;
  /** 1 trigger on rise, 2 trigger on fall. */
  readonly priceWay: 1 | 2;
  /** 1 TP/SL, 2 position TP/SL. */
  readonly planCategory: 1 | 2;
  readonly leverage: Dec;
  readonly openType: OpenType;
  readonly positionMode: PositionMode;
  /** 2 waiting, 4 triggered or canceled. */
  readonly state: 2 | 4;
  readonly createTime: number;
  readonly updateTime: number;
}

export interface SubmitPlanOrderCommand {
  readonly symbol: string;
  readonly side: OrderSide;
  readonly executionType: 'limit' | 'market';
  readonly leverage: Dec;
  readonly openType: OpenType;
  readonly mode: OrderMode;
  readonly size: number;
  readonly triggerPrice: Dec;
  readonly executivePrice?: Dec;
  readonly priceWay: 1 | 2;
  readonly priceType: PriceType;
  readonly planCategory?: 1 | 2;
  readonly clientOrderId?: string;
  readonly presetTakeProfit?: PresetTrigger;
  readonly presetStopLoss?: PresetTrigger;
}

export interface SubmitTpSlCommand {
  readonly symbol: string;
  readonly type: 'take_profit' | 'stop_loss';
  /** 2 close short or 3 close long. */
  readonly side: 2 | 3;
  /** Omitted = the whole position. */
  readonly size?: number;
  readonly triggerPrice: Dec;
  /** 0 = market. */
  readonly executivePrice: Dec;
  readonly priceType: PriceType;
  readonly planCategory?: 1 | 2;
  readonly clientOrderId?: string;
}

export interface OrderRef {
  readonly symbol: string;
  readonly orderId?: string;
  readonly clientOrderId?: string;
}

export interface TimeRange {
  /** Unix ms, inclusive. */
  readonly startMs: number;
  readonly endMs: number;
}

export type EngineEvent =
  | { readonly kind: 'order'; readonly accountId: string; readonly action: OrderAction; readonly order: SimOrder }
  | { readonly kind: 'position'; readonly accountId: string; readonly positions: readonly SimPosition[] }
  | { readonly kind: 'asset'; readonly accountId: string; readonly asset: SimAsset };

export interface AccountCredentials {
  readonly accountId: string;
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly apiMemo: string;
}

export interface NewAccount {
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly apiMemo: string;
  readonly balanceUsdt: Dec;
  readonly positionMode?: PositionMode;
}

export interface AccountState {
  readonly accountId: string;
  readonly apiKey: string;
  readonly positionMode: PositionMode;
  readonly assets: readonly SimAsset[];
  readonly positions: readonly SimPosition[];
  readonly openOrders: readonly SimOrder[];
  readonly orders: readonly SimOrder[];
  readonly planOrders: readonly SimPlanOrder[];
  /** USDT the account was funded with: initial balance + Σ ledger = available + frozen + position deposit. */
  readonly initialBalance?: Dec;
}

/**
 * The matching engine and the accounts of the simulator. Every method is synchronous and runs
 * on the injected clock; the HTTP/WS server and the in-process exchange adapter both sit on it.
 */
export interface SimEngine {
  createAccount(account: NewAccount): AccountCredentials;
  credentials(apiKey: string): AccountCredentials | undefined;

  assets(accountId: string): readonly SimAsset[];
  /** Without `symbol`: positions that hold contracts. With `symbol`: that symbol's rows, zero-filled when flat. */
  positions(accountId: string, symbol?: string): readonly SimPosition[];
  positionMode(accountId: string): PositionMode;
  setPositionMode(accountId: string, mode: PositionMode): EngineResult<PositionMode>;
  /** Leverage is kept per symbol and margin mode; `leverage` omitted keeps the current one. */
  setLeverage(
    accountId: string,
    symbol: string,
    openType: OpenType,
    leverage?: Dec,
  ): EngineResult<{ symbol: string; leverage: Dec; openType: OpenType; maxValue: Dec }>;
  feeRates(symbol: string): EngineResult<{ maker: Dec; taker: Dec }>;

  submitOrder(
    accountId: string,
    command: SubmitOrderCommand,
  ): EngineResult<{ orderId: string; price: Dec | 'market price' }>;
  /** Neither id: cancels every open order of the symbol. */
  cancelOrder(accountId: string, ref: OrderRef): EngineResult<void>;
  cancelAllOrders(accountId: string, symbol: string): EngineResult<void>;
  /** A timed cancel-all of the symbol's open orders; 0 disables; minimum 5 s. */
  cancelAllAfter(
    accountId: string,
    symbol: string,
    timeoutSeconds: number,
  ): EngineResult<{ result: boolean; setTime: number; cancelTime: number }>;
  modifyLimitOrder(
    accountId: string,
    ref: OrderRef,
    change: { price?: Dec; size?: number },
  ): EngineResult<{ orderId: string; clientOrderId: string }>;

  /** 40035 while the order is unknown or still inside the visibility window. */
  order(accountId: string, symbol: string, orderId: string): EngineResult<SimOrder>;
  openOrders(
    accountId: string,
    filter: { symbol?: string; type?: 'limit' | 'market'; limit?: number },
  ): readonly SimOrder[];
  orderHistory(accountId: string, filter: Partial<OrderRef> & TimeRange): readonly SimOrder[];
  trades(accountId: string, filter: Partial<OrderRef> & TimeRange): readonly SimFill[];
  transactions(
    accountId: string,
    filter: { symbol?: string; flowType?: FlowType; pageSize?: number } & TimeRange,
  ): readonly SimTransaction[];
  /** The account's whole ledger, oldest first (the faces page it themselves). */
  ledger(accountId: string): readonly SimTransaction[];

  submitPlanOrder(accountId: string, command: SubmitPlanOrderCommand): EngineResult<{ orderId: string }>;
  submitTpSl(accountId: string, command: SubmitTpSlCommand): EngineResult<{ orderId: string; clientOrderId: string }>;
  currentPlanOrders(
    accountId: string,
    filter: { symbol?: string; planType?: 'plan' | 'profit_loss'; limit?: number },
  ): readonly SimPlanOrder[];
  cancelPlanOrder(accountId: string, ref: OrderRef): EngineResult<void>;

  /** Funding of `symbol` settled now, off schedule, at the period's expected rate (tests, demos). */
  settleFunding(symbol: string): EngineResult<{ rate: Dec }>;

  onEvent(listener: (event: EngineEvent) => void): () => void;
  /** Everything, for `GET /sim/state` and tests. */
  state(): readonly AccountState[];
  start(): void;
  stop(): void;
}

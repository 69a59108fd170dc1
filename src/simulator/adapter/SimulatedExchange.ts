import { BitmartCodes } from '../../exchange/bitmart/protocol/codes.ts';
import type { FuturesExchange, KlineQuery } from '../../exchange/port/FuturesExchange.ts';
import {
  type Balance,
  type Contract,
  type Fill,
  type Kline,
  type LedgerEntry,
  type LedgerQuery,
  type MarginMode,
  type Order,
  type OrderAck,
  type OrderRef,
  type OrderRequest,
  type PlanOrder,
  type PlanOrderRequest,
  type Position,
  type PositionMode,
  type PositionTpSlRequest,
  TIMEFRAME_MS,
  type Ticker,
  type TimeWindow,
} from '../../exchange/port/types.ts';
import type { Clock } from '../../platform/clock/index.ts';
import type { Dec } from '../../platform/decimal/index.ts';
import { InvalidRequestError } from '../../platform/errors/exchangeErrors.ts';
import type { EngineResult, SimEngine } from '../engine/types.ts';
import type { Market } from '../market/types.ts';
import { exchangeErrorOf } from './engineErrors.ts';
import { balanceOf, fillOf, ledgerEntryOf, orderOf, planOrderOf, positionModeOf, positionOf } from './fromEngine.ts';
import { contractOf, klineOf, stepOf, tickerOf } from './fromMarket.ts';
import {
  contracts,
  flowTypeOf,
  submitOrderCommand,
  submitPlanCommand,
  submitTpSlCommand,
  timeRange,
} from './toEngine.ts';

/** BitMart serves at most 500 candles per kline request (docs/reference/bitmart-wire.md#klines); so does the market. */
const MAX_KLINES = 500;

/**
 * The simulator's engine and market behind the exchange port, in process: what the platform talks
 * to on a manual clock in tests. It is the same engine the HTTP server serves, so a strategy sees the
 * same fills, rejections (as the same error kinds) and visibility window here as over BitMart's wire.
 */
export class SimulatedExchange implements FuturesExchange {
  readonly venue = 'simulator';
  readonly #engine: SimEngine;
  readonly #market: Market;
  readonly #clock: Clock;
  readonly #accountId: string;

  constructor(deps: { engine: SimEngine; market: Market; clock: Clock; accountId: string }) {
    this.#engine = deps.engine;
    this.#market = deps.market;
    this.#clock = deps.clock;
    this.#accountId = deps.accountId;
  }

  async serverTime(): Promise<number> {
    return this.#clock.now();
  }

  async contracts(symbol?: string): Promise<readonly Contract[]> {
    const specs = symbol === undefined ? this.#market.contracts() : [this.#spec(symbol)];
    return specs.map((spec) => contractOf(spec, this.#market.ticker(spec.symbol), this.#market.funding(spec.symbol)));
  }

  async klines(query: KlineQuery): Promise<readonly Kline[]> {
    this.#spec(query.symbol);
    const limit = Math.min(query.limit ?? MAX_KLINES, MAX_KLINES);
    if (!(limit >= 1)) throw new InvalidRequestError(`kline limit must be at least 1, got ${query.limit}`);
    const end = query.end ?? this.#clock.now();
    const start = query.start ?? end - (limit - 1) * TIMEFRAME_MS[query.timeframe];
    if (start > end) throw new InvalidRequestError('kline start is after its end');
    const candles = this.#market.klines(
      query.symbol,
      stepOf(query.timeframe),
      Math.ceil(start / 1000),
      Math.floor(end / 1000),
    );
    return candles.slice(-limit).map((candle) => klineOf(query.symbol, query.timeframe, candle));
  }

  async ticker(symbol: string): Promise<Ticker> {
    this.#spec(symbol);
    return tickerOf(this.#market.ticker(symbol), this.#clock.now());
  }

  async balances(): Promise<readonly Balance[]> {
    return this.#engine.assets(this.#accountId).map(balanceOf);
  }

  async positions(symbol?: string): Promise<readonly Position[]> {
    if (symbol !== undefined) this.#spec(symbol);
    return this.#engine
      .positions(this.#accountId, symbol)
      .filter((position) => position.amount > 0)
      .map(positionOf);
  }

  async positionMode(): Promise<PositionMode> {
    return positionModeOf(this.#engine.positionMode(this.#accountId));
  }

  async setPositionMode(mode: PositionMode): Promise<void> {
    const wire = mode === 'one_way' ? 'one_way_mode' : 'hedge_mode';
    this.#unwrap(this.#engine.setPositionMode(this.#accountId, wire), 'set position mode');
  }

  async setLeverage(symbol: string, leverage: Dec, marginMode: MarginMode) {
    const result = this.#unwrap(
      this.#engine.setLeverage(this.#accountId, symbol, marginMode, leverage),
      `set leverage of ${symbol}`,
    );
    return { leverage: result.leverage, marginMode: result.openType };
  }

  async submitOrder(request: OrderRequest): Promise<OrderAck> {
    const command = submitOrderCommand(request, this.#clock.monotonicMicros());
    const result = this.#unwrap(this.#engine.submitOrder(this.#accountId, command), 'submit order');
    return { orderId: result.orderId, clientOrderId: request.clientOrderId };
  }

  async cancelOrder(ref: OrderRef): Promise<void> {
    this.#unwrap(this.#engine.cancelOrder(this.#accountId, ref), 'cancel order');
  }

  async cancelAllOrders(symbol: string): Promise<void> {
    this.#unwrap(this.#engine.cancelAllOrders(this.#accountId, symbol), `cancel all orders of ${symbol}`);
  }

  async modifyOrder(ref: OrderRef, change: { price?: Dec; size?: Dec }): Promise<void> {
    const size = change.size === undefined ? undefined : contracts(change.size);
    const engineChange = { ...(change.price && { price: change.price }), ...(size !== undefined && { size }) };
    this.#unwrap(this.#engine.modifyLimitOrder(this.#accountId, ref, engineChange), 'modify order');
  }

  /**
   * By client order id the order is found in the history first, then read like any other, so that
   * both references go through the same visibility window (BitMart's detail takes only an id).
   */
  async order(ref: OrderRef): Promise<Order | undefined> {
    // 40035 is BitMart's answer while an order is unknown or inside the visibility window
    // (bitmart-wire.md#visibility-window).
    this.#spec(ref.symbol);
    const orderId = ref.orderId ?? this.#orderIdOf(ref.symbol, ref.clientOrderId);
    if (orderId === undefined) return undefined;
    const result = this.#engine.order(this.#accountId, ref.symbol, orderId);
    if (!result.ok && result.error.code === BitmartCodes.orderNotExist.code) return undefined;
    return orderOf(this.#unwrap(result, 'read order'));
  }

  async openOrders(symbol?: string): Promise<readonly Order[]> {
    if (symbol !== undefined) this.#spec(symbol);
    return this.#engine.openOrders(this.#accountId, symbol === undefined ? {} : { symbol }).map(orderOf);
  }

  async orderHistory(symbol: string, window?: TimeWindow): Promise<readonly Order[]> {
    this.#spec(symbol);
    const range = timeRange(window, this.#clock.now());
    return this.#engine.orderHistory(this.#accountId, { symbol, ...range }).map(orderOf);
  }

  async fills(symbol: string, window?: TimeWindow): Promise<readonly Fill[]> {
    this.#spec(symbol);
    const range = timeRange(window, this.#clock.now());
    return this.#engine.trades(this.#accountId, { symbol, ...range }).map(fillOf);
  }

  /** One page of BitMart's largest size (1000), as the REST adapter asks for. */
  async ledger(query: LedgerQuery = {}): Promise<readonly LedgerEntry[]> {
    if (query.symbol !== undefined) this.#spec(query.symbol);
    const range = timeRange(query.window, this.#clock.now());
    const rows = this.#engine.transactions(this.#accountId, {
      ...(query.symbol === undefined ? {} : { symbol: query.symbol }),
      ...(query.kind === undefined ? {} : { flowType: flowTypeOf(query.kind) }),
      pageSize: 1000,
      ...range,
    });
    return rows.map(ledgerEntryOf);
  }

  async submitPositionTpSl(request: PositionTpSlRequest): Promise<OrderAck> {
    const command = submitTpSlCommand(request);
    return this.#unwrap(this.#engine.submitTpSl(this.#accountId, command), 'submit position TP/SL');
  }

  async submitPlanOrder(request: PlanOrderRequest): Promise<OrderAck> {
    const command = submitPlanCommand(request);
    const result = this.#unwrap(this.#engine.submitPlanOrder(this.#accountId, command), 'submit plan order');
    return { orderId: result.orderId, clientOrderId: request.clientOrderId ?? '' };
  }

  async planOrders(symbol?: string): Promise<readonly PlanOrder[]> {
    if (symbol !== undefined) this.#spec(symbol);
    const filter = symbol === undefined ? {} : { symbol };
    return this.#engine.currentPlanOrders(this.#accountId, filter).map(planOrderOf);
  }

  async cancelPlanOrder(ref: OrderRef): Promise<void> {
    this.#unwrap(this.#engine.cancelPlanOrder(this.#accountId, ref), 'cancel plan order');
  }

  async cancelAllAfter(symbol: string, timeoutSeconds: number): Promise<{ cancelAt: number | undefined }> {
    const result = this.#unwrap(
      this.#engine.cancelAllAfter(this.#accountId, symbol, timeoutSeconds),
      `cancel all after on ${symbol}`,
    );
    return { cancelAt: result.cancelTime === 0 ? undefined : result.cancelTime * 1000 };
  }

  #orderIdOf(symbol: string, clientOrderId: string): string | undefined {
    const filter = { symbol, clientOrderId, startMs: 0, endMs: this.#clock.now() };
    return this.#engine.orderHistory(this.#accountId, filter)[0]?.orderId;
  }

  /** The market throws on an unknown symbol; the port's callers expect BitMart's 40034 as `invalid`. */
  #spec(symbol: string) {
    const spec = this.#market.contract(symbol);
    if (!spec) throw exchangeErrorOf(BitmartCodes.contractNotFound, symbol);
    return spec;
  }

  #unwrap<T>(result: EngineResult<T>, what: string): T {
    if (!result.ok) throw exchangeErrorOf(result.error, what);
    return result.value;
  }
}

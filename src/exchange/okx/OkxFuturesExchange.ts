import { Dec, toWire } from '../../platform/decimal/index.ts';
import { InvalidRequestError, RejectedError } from '../../platform/errors/exchangeErrors.ts';
import type { FuturesExchange, KlineQuery } from '../port/FuturesExchange.ts';
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
  type OrderTrigger,
  type PlanOrder,
  type PlanOrderRequest,
  type Position,
  type PositionMode,
  type PositionTpSlRequest,
  type RateLimitUsage,
  TIMEFRAME_MS,
  type Ticker,
  type TimeWindow,
} from '../port/types.ts';
import { marginModeFromWire, positionModeFromWire, positionModeToWire } from './mapping/enums.ts';
import { balanceFromWire, positionFromWire } from './mapping/restAccount.ts';
import { contractFromWire, klineFromWire, tickerFromWire } from './mapping/restMarket.ts';
import {
  BILL_TYPE_OF_KIND,
  fillFromWire,
  ledgerEntriesFromWire,
  orderFromWire,
  planOrdersFromWire,
} from './mapping/restOrders.ts';
import {
  amendOrderToWire,
  checkClientOrderId,
  orderRefToWire,
  placeOrderToWire,
  planOrderToWire,
  positionTpSlToWire,
} from './mapping/restRequests.ts';
import { instIdOf } from './mapping/symbols.ts';
import { okxBarOfTimeframe } from './protocol/bars.ts';
import { OKX_ALREADY_FINAL_CODES, OKX_ORDER_NOT_FOUND_CODES } from './protocol/errorKinds.ts';
import type { OkxFundingRate, OkxMarkPrice, OkxTicker } from './protocol/wire/index.ts';
import * as account from './rest/endpoints/accountEndpoints.ts';
import * as algos from './rest/endpoints/algoEndpoints.ts';
import { requireAccepted } from './rest/endpoints/itemResults.ts';
import * as market from './rest/endpoints/publicEndpoints.ts';
import * as trade from './rest/endpoints/tradeEndpoints.ts';
import { fetchCandlePages } from './rest/klinePaging.ts';
import type { OkxRestClient } from './rest/OkxRestClient.ts';

const DEFAULT_KLINE_LIMIT = 500;
const MAX_KLINE_LIMIT = 1500;
/** OKX's page for order lists, fills and bills. */
const PAGE = 100;
/** The port's ledger answers at most this many rows (BitMart's page). */
const LEDGER_MAX_ROWS = 1000;
/** cancel-batch-orders takes at most 20 orders. */
const CANCEL_BATCH = 20;

export interface OkxFuturesExchangeOptions {
  /**
   * Our own order tag (`^[A-Za-z0-9]{1,16}$`): every order and algo order carries it, and the
   * dead-man switch is armed for it alone, so it cancels our orders and nobody else's.
   */
  readonly orderTag: string;
}

/**
 * The OKX USDT-margined swap adapter of the exchange port over REST (docs/style.md#ports-and-adapters,
 * #layered-exchange-client; docs/decisions/0028-okx-client.md): port requests are checked and mapped
 * to OKX's bodies, sent through the signed client, and the answers mapped back. Sizes are OKX
 * contracts, the port's "venue's contracts". The account's position mode is read once (account
 * config) and kept up to date by `setPositionMode`, since every order's `posSide` depends on it;
 * the margin mode of a symbol is the one its leverage was last set for (cross until then).
 */
export class OkxFuturesExchange implements FuturesExchange {
  readonly venue = 'okx';
  readonly #client: OkxRestClient;
  readonly #tag: string;
  #positionMode: Promise<PositionMode> | undefined;
  readonly #marginModes = new Map<string, MarginMode>();
  readonly #leverages = new Map<string, string>();
  /**
   * What each algo order this process placed or listed is: OKX's order that a TP/SL submits says
   * only `source` 7 and the algo's id, not which leg fired.
   */
  readonly #algoKinds = new Map<string, OrderTrigger>();

  constructor(client: OkxRestClient, options: OkxFuturesExchangeOptions) {
    this.#client = client;
    this.#tag = options.orderTag;
  }

  /**
   * The trigger of an order an algo order submitted (its `algoId`), when this process placed or
   * listed that algo and it has one leg; undefined otherwise (an `oco`, another tool's algo).
   */
  triggerOfAlgo(algoId: string): OrderTrigger | undefined {
    return this.#algoKinds.get(algoId);
  }

  /** The venue's clock as measured for signing; the WebSocket login signs at it too. */
  get serverClock() {
    return this.#client.serverClock;
  }

  async start(): Promise<void> {
    await this.#client.serverClock.sync();
  }

  async stop(): Promise<void> {
    await this.#client.close();
  }

  rateLimitUsage(): readonly RateLimitUsage[] {
    return this.#client.rateLimitUsage();
  }

  serverTime(): Promise<number> {
    return market.getServerTime(this.#client);
  }

  async contracts(symbol?: string): Promise<readonly Contract[]> {
    const instId = symbol === undefined ? undefined : instIdOf(symbol);
    const instruments = (await market.getInstruments(this.#client, instId)).filter(
      (row) => row.settleCcy === 'USDT' && row.ctType !== 'inverse',
    );
    if (instruments.length === 0) return [];
    const [tickers, marks, funding] = await Promise.all([
      instId ? market.getTicker(this.#client, instId) : market.getTickers(this.#client),
      market.getMarkPrices(this.#client, instId),
      this.#fundingRates(instruments.map((row) => row.instId)),
    ]);
    const tickerOf = new Map<string, OkxTicker>(tickers.map((row) => [row.instId, row]));
    const markOf = new Map<string, OkxMarkPrice>(marks.map((row) => [row.instId, row]));
    return instruments.map((row) => {
      const ticker = tickerOf.get(row.instId);
      const fundingRate = funding.get(row.instId);
      const mark = markOf.get(row.instId);
      return contractFromWire(row, {
        ...(ticker ? { ticker } : {}),
        ...(fundingRate ? { funding: fundingRate } : {}),
        ...(mark ? { mark } : {}),
      });
    });
  }

  async klines(query: KlineQuery): Promise<readonly Kline[]> {
    const limit = query.limit ?? (query.start === undefined ? DEFAULT_KLINE_LIMIT : MAX_KLINE_LIMIT);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_KLINE_LIMIT) {
      throw new InvalidRequestError(`kline limit must be 1–${MAX_KLINE_LIMIT}, got ${limit}`);
    }
    const stepMs = TIMEFRAME_MS[query.timeframe];
    const endMs = query.end ?? this.#client.serverClock.current();
    const startMs = query.start ?? endMs - limit * stepMs + 1;
    if (startMs > endMs) throw new InvalidRequestError('kline start is after its end');
    const candles = await fetchCandlePages(this.#client, {
      instId: instIdOf(query.symbol),
      bar: okxBarOfTimeframe(query.timeframe),
      startMs,
      endMs,
      limit,
    });
    return candles.map((candle) => klineFromWire(query.symbol, query.timeframe, candle));
  }

  async ticker(symbol: string): Promise<Ticker> {
    const instId = instIdOf(symbol);
    const [[ticker], [mark]] = await Promise.all([
      market.getTicker(this.#client, instId),
      market.getMarkPrices(this.#client, instId),
    ]);
    if (!ticker) throw new RejectedError(`OKX returned no ticker for ${instId}`);
    return tickerFromWire(ticker, mark);
  }

  async balances(): Promise<readonly Balance[]> {
    const rows = await account.getBalance(this.#client);
    return rows.flatMap((row) => row.details.map(balanceFromWire));
  }

  async positions(symbol?: string): Promise<readonly Position[]> {
    const rows = await account.getPositions(this.#client, symbol === undefined ? undefined : instIdOf(symbol));
    return rows.flatMap((row) => positionFromWire(row) ?? []);
  }

  positionMode(): Promise<PositionMode> {
    return this.#currentPositionMode(true);
  }

  async setPositionMode(mode: PositionMode): Promise<void> {
    const [row] = await account.setPositionMode(this.#client, positionModeToWire(mode));
    this.#positionMode = Promise.resolve(row ? positionModeFromWire(row.posMode) : mode);
  }

  /** In long/short mode an isolated leverage is per side: both sides are set alike. */
  async setLeverage(symbol: string, leverage: Dec, marginMode: MarginMode) {
    if (!leverage.isFinite() || leverage.lt(1)) {
      throw new InvalidRequestError(`leverage must be at least 1, got ${leverage.toString()}`);
    }
    const instId = instIdOf(symbol);
    const lever = toWire(leverage);
    const sides =
      marginMode === 'isolated' && (await this.#currentPositionMode(false)) === 'hedge'
        ? (['long', 'short'] as const)
        : [undefined];
    let result = { leverage, marginMode };
    for (const posSide of sides) {
      const [row] = await account.setLeverage(this.#client, {
        instId,
        lever,
        mgnMode: marginMode,
        ...(posSide ? { posSide } : {}),
      });
      if (row) result = { leverage: new Dec(row.lever), marginMode: marginModeFromWire(row.mgnMode) };
    }
    this.#marginModes.set(symbol, result.marginMode);
    this.#leverages.set(`${symbol}|${result.marginMode}`, toWire(result.leverage));
    return result;
  }

  async submitOrder(request: OrderRequest): Promise<OrderAck> {
    const mode = await this.#currentPositionMode(false);
    const marginMode = request.marginMode ?? this.#marginModes.get(request.symbol) ?? 'cross';
    const body = placeOrderToWire(request, { mode, marginMode, tag: this.#tag });
    // OKX has no leverage on an order: it is the symbol's setting, changed first when asked.
    if (
      request.leverage !== undefined &&
      this.#leverages.get(`${request.symbol}|${marginMode}`) !== toWire(request.leverage)
    ) {
      await this.setLeverage(request.symbol, request.leverage, marginMode);
    }
    const closing = request.side === 'close_long' || request.side === 'close_short';
    const ack = await trade.placeOrder(this.#client, body, closing ? 'protective' : 'normal');
    return { orderId: ack.ordId, clientOrderId: request.clientOrderId };
  }

  async cancelOrder(ref: OrderRef): Promise<void> {
    await trade.cancelOrder(this.#client, orderRefToWire(ref));
  }

  async cancelAllOrders(symbol: string): Promise<void> {
    const instId = instIdOf(symbol);
    const open = await this.#pendingRows(instId);
    for (let index = 0; index < open.length; index += CANCEL_BATCH) {
      const batch = open.slice(index, index + CANCEL_BATCH).map((row) => ({ instId, ordId: row.ordId }));
      const rows = await trade.cancelBatchOrders(this.#client, instId, batch);
      // An order that filled or was canceled meanwhile has nothing left to cancel.
      requireAccepted(rows, 'POST /api/v5/trade/cancel-batch-orders', OKX_ALREADY_FINAL_CODES);
    }
  }

  async modifyOrder(ref: OrderRef, change: { price?: Dec; size?: Dec }): Promise<void> {
    await trade.amendOrder(this.#client, amendOrderToWire(ref, change));
  }

  async order(ref: OrderRef): Promise<Order | undefined> {
    const lookup = orderRefToWire(ref);
    try {
      const row = await trade.getOrder(
        this.#client,
        lookup.ordId !== undefined
          ? { instId: lookup.instId, ordId: lookup.ordId }
          : { instId: lookup.instId, clOrdId: lookup.clOrdId ?? '' },
      );
      return row === undefined ? undefined : this.#withTrigger(orderFromWire(row), row.source, row.algoId);
    } catch (error) {
      if (error instanceof RejectedError && OKX_ORDER_NOT_FOUND_CODES.has(String(error.venueCode))) return undefined;
      throw error;
    }
  }

  async openOrders(symbol?: string): Promise<readonly Order[]> {
    return (await this.#pendingRows(symbol === undefined ? undefined : instIdOf(symbol))).map(orderFromWire);
  }

  async orderHistory(symbol: string, window?: TimeWindow): Promise<readonly Order[]> {
    const rows = await trade.getOrdersHistory(this.#client, {
      instId: instIdOf(symbol),
      ...windowOf(window),
      limit: PAGE,
    });
    return rows.map(orderFromWire);
  }

  async fills(symbol: string, window?: TimeWindow): Promise<readonly Fill[]> {
    const rows = await trade.getFills(this.#client, { instId: instIdOf(symbol), ...windowOf(window), limit: PAGE });
    return rows.map(fillFromWire);
  }

  /** Bills of the last 7 days, newest first, paged by bill id up to 1000 entries. */
  async ledger(query: LedgerQuery = {}): Promise<readonly LedgerEntry[]> {
    const entries: LedgerEntry[] = [];
    let after: string | undefined;
    for (;;) {
      const rows = await account.getBills(this.#client, {
        ...(query.symbol === undefined ? {} : { instId: instIdOf(query.symbol) }),
        ...(query.kind === undefined ? {} : { type: BILL_TYPE_OF_KIND[query.kind] }),
        ...windowOf(query.window),
        ...(after === undefined ? {} : { after }),
        limit: PAGE,
      });
      for (const row of rows) {
        for (const entry of ledgerEntriesFromWire(row))
          if (query.kind === undefined || entry.kind === query.kind) entries.push(entry);
      }
      const last = rows[rows.length - 1];
      if (rows.length < PAGE || !last || entries.length >= LEDGER_MAX_ROWS) break;
      after = last.billId;
    }
    return entries.slice(0, LEDGER_MAX_ROWS);
  }

  async submitPositionTpSl(request: PositionTpSlRequest): Promise<OrderAck> {
    const mode = await this.#currentPositionMode(false);
    const marginMode = this.#marginModes.get(request.symbol) ?? 'cross';
    const ack = await algos.placeAlgoOrder(
      this.#client,
      positionTpSlToWire(request, { mode, marginMode, tag: this.#tag }),
      'protective',
    );
    this.#algoKinds.set(ack.algoId, request.kind);
    return { orderId: ack.algoId, clientOrderId: ack.algoClOrdId || (request.clientOrderId ?? '') };
  }

  async submitPlanOrder(request: PlanOrderRequest): Promise<OrderAck> {
    const mode = await this.#currentPositionMode(false);
    const marginMode = request.marginMode;
    if (this.#leverages.get(`${request.symbol}|${marginMode}`) !== toWire(request.leverage)) {
      await this.setLeverage(request.symbol, request.leverage, marginMode);
    }
    const closing = request.side === 'close_long' || request.side === 'close_short';
    const ack = await algos.placeAlgoOrder(
      this.#client,
      planOrderToWire(request, { mode, tag: this.#tag }),
      closing ? 'protective' : 'normal',
    );
    this.#algoKinds.set(ack.algoId, 'plan');
    return { orderId: ack.algoId, clientOrderId: ack.algoClOrdId || (request.clientOrderId ?? '') };
  }

  async planOrders(symbol?: string): Promise<readonly PlanOrder[]> {
    const instId = symbol === undefined ? undefined : instIdOf(symbol);
    const [stops, triggers] = await Promise.all([
      algos.getAlgoOrdersPending(this.#client, 'conditional,oco', instId),
      algos.getAlgoOrdersPending(this.#client, 'trigger', instId),
    ]);
    const plans = [...stops, ...triggers].flatMap(planOrdersFromWire);
    const legs = new Map<string, number>();
    for (const plan of plans) legs.set(plan.orderId, (legs.get(plan.orderId) ?? 0) + 1);
    for (const plan of plans) if (legs.get(plan.orderId) === 1) this.#algoKinds.set(plan.orderId, plan.kind);
    return plans;
  }

  async cancelPlanOrder(ref: OrderRef): Promise<void> {
    const instId = instIdOf(ref.symbol);
    await algos.cancelAlgos(this.#client, [
      ref.orderId !== undefined
        ? { instId, algoId: ref.orderId }
        : { instId, algoClOrdId: checkClientOrderId(ref.clientOrderId) },
    ]);
  }

  /**
   * OKX's dead-man switch is per account or per order tag, not per symbol: it is armed for our tag,
   * so on expiry OKX cancels every pending order we placed (all symbols), and nobody else's.
   * `timeOut` is 0 (off) or 10–120 s.
   */
  async cancelAllAfter(symbol: string, timeoutSeconds: number): Promise<{ cancelAt: number | undefined }> {
    instIdOf(symbol);
    if (
      !Number.isInteger(timeoutSeconds) ||
      timeoutSeconds < 0 ||
      (timeoutSeconds > 0 && (timeoutSeconds < 10 || timeoutSeconds > 120))
    ) {
      throw new InvalidRequestError(`cancel-all-after timeout must be 0 or 10–120 s on OKX, got ${timeoutSeconds}`);
    }
    const row = await trade.cancelAllAfter(this.#client, timeoutSeconds, this.#tag);
    const triggerTime = Number(row?.triggerTime ?? '0');
    if (timeoutSeconds === 0 || !Number.isFinite(triggerTime) || triggerTime <= 0) return { cancelAt: undefined };
    // The docs' example is in seconds; a live answer may be ms (1e11 ms is 1973, 1e11 s the year 5138).
    return { cancelAt: triggerTime < 100_000_000_000 ? triggerTime * 1000 : triggerTime };
  }

  #withTrigger(order: Order, source: string, algoId: string): Order {
    if (order.trigger !== 'take_profit_or_stop_loss' || source !== '7' || !algoId) return order;
    const trigger = this.#algoKinds.get(algoId);
    return trigger === undefined ? order : { ...order, trigger };
  }

  /** The account's position mode, read once; `refresh` reads it again. */
  #currentPositionMode(refresh: boolean): Promise<PositionMode> {
    if (refresh || !this.#positionMode) {
      const reading = account.getAccountConfig(this.#client).then((config) => {
        if (!config) throw new RejectedError('OKX returned no account configuration');
        return positionModeFromWire(config.posMode);
      });
      this.#positionMode = reading;
      // A failed read is not kept: the next order reads again.
      reading.catch(() => {
        if (this.#positionMode === reading) this.#positionMode = undefined;
      });
    }
    return this.#positionMode;
  }

  async #pendingRows(instId: string | undefined) {
    const rows = [];
    let after: string | undefined;
    for (;;) {
      const page = await trade.getOrdersPending(this.#client, {
        ...(instId === undefined ? {} : { instId }),
        ...(after === undefined ? {} : { after }),
        limit: PAGE,
      });
      rows.push(...page);
      const last = page[page.length - 1];
      if (page.length < PAGE || !last) break;
      after = last.ordId;
    }
    return rows;
  }

  /** funding-rate with `instId=ANY` answers every swap at once; one per instrument otherwise. */
  async #fundingRates(instIds: readonly string[]): Promise<Map<string, OkxFundingRate>> {
    const only = instIds.length === 1 ? instIds[0] : undefined;
    let rows: OkxFundingRate[];
    if (only !== undefined) {
      rows = await market.getFundingRate(this.#client, only);
    } else {
      try {
        rows = await market.getFundingRate(this.#client, 'ANY');
      } catch {
        rows = (await Promise.all(instIds.map((instId) => market.getFundingRate(this.#client, instId)))).flat();
      }
    }
    return new Map(rows.map((row) => [row.instId, row]));
  }
}

/** `begin`/`end` (ms) of OKX's list endpoints. */
function windowOf(window: TimeWindow | undefined): { begin?: number; end?: number } {
  return {
    ...(window?.start === undefined ? {} : { begin: window.start }),
    ...(window?.end === undefined ? {} : { end: window.end }),
  };
}

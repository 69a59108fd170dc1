import { Dec } from '../../platform/decimal/index.ts';
import { InvalidRequestError, RejectedError } from '../../platform/errors/exchangeErrors.ts';
import type { FuturesExchange, KlineQuery } from '../port/FuturesExchange.ts';
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
  TimeWindow,
} from '../port/types.ts';
import { klineWindowOf } from '../rest/klineWindow.ts';
import { SignedRestAdapter } from '../rest/SignedRestAdapter.ts';
import { marginModeFromWire, positionModeFromWire, positionModeToWire } from './mapping/enums.ts';
import { balanceFromWire, positionFromWire } from './mapping/restAccount.ts';
import { FLOW_OF_KIND, ledgerEntryFromWire } from './mapping/restLedger.ts';
import { contractFromWire, klineFromWire, tickerFromWire } from './mapping/restMarket.ts';
import { fillFromWire, orderFromWire, planOrderFromWire } from './mapping/restOrders.ts';
import {
  checkSymbol,
  modifyOrderToWire,
  orderRefToWire,
  planOrderToWire,
  positionTpSlToWire,
  priceToWire,
  submitOrderToWire,
} from './mapping/restRequests.ts';
import { BITMART_ORDER_NOT_FOUND_CODES } from './protocol/errorKinds.ts';
import { klineStep } from './protocol/klineIntervals.ts';
import type { BitmartRestClient } from './rest/BitmartRestClient.ts';
import * as account from './rest/endpoints/accountEndpoints.ts';
import * as orders from './rest/endpoints/orderEndpoints.ts';
import * as queries from './rest/endpoints/orderQueryEndpoints.ts';
import * as plans from './rest/endpoints/planOrderEndpoints.ts';
import * as market from './rest/endpoints/publicEndpoints.ts';
import { fetchKlinePages } from './rest/klinePaging.ts';

/** transaction-history's largest page (docs/reference/bitmart-wire.md#transaction-history). */
const LEDGER_PAGE_SIZE = 1000;

/**
 * The BitMart USDT-M futures adapter of the exchange port over REST (docs/style.md#ports-and-adapters,
 * #layered-exchange-client): port requests are checked and mapped to BitMart's bodies, sent through the signed client,
 * and the answers mapped back. Errors arrive already classified (protocol/errorKinds.ts).
 */
export class BitmartFuturesExchange extends SignedRestAdapter implements FuturesExchange {
  readonly venue = 'bitmart';
  readonly #client: BitmartRestClient;

  constructor(client: BitmartRestClient) {
    super(client);
    this.#client = client;
  }

  async serverTime(): Promise<number> {
    return (await market.getSystemTime(this.#client)).server_time;
  }

  async contracts(symbol?: string): Promise<readonly Contract[]> {
    const details = await market.getContractDetails(
      this.#client,
      symbol === undefined ? undefined : checkSymbol(symbol),
    );
    return details.symbols.map(contractFromWire);
  }

  async klines(query: KlineQuery): Promise<readonly Kline[]> {
    const { startMs, endMs, limit } = klineWindowOf(query, this.#client.serverClock.current());
    const candles = await fetchKlinePages(this.#client, {
      symbol: checkSymbol(query.symbol),
      stepMinutes: klineStep(query.timeframe),
      startMs,
      endMs,
      limit,
    });
    return candles.map((candle) => klineFromWire(query.symbol, query.timeframe, candle));
  }

  async ticker(symbol: string): Promise<Ticker> {
    const checked = checkSymbol(symbol);
    const [details, depth] = await Promise.all([
      market.getContractDetails(this.#client, checked),
      market.getDepth(this.#client, checked),
    ]);
    const contract = details.symbols.find((row) => row.symbol === checked);
    if (!contract) throw new RejectedError(`BitMart returned no details for ${checked}`);
    return tickerFromWire(contract, depth);
  }

  async balances(): Promise<readonly Balance[]> {
    return (await account.getAssetsDetail(this.#client)).map(balanceFromWire);
  }

  async positions(symbol?: string): Promise<readonly Position[]> {
    const rows = await account.getPositionsV2(this.#client, symbol === undefined ? undefined : checkSymbol(symbol));
    return rows.flatMap((row) => positionFromWire(row) ?? []);
  }

  async positionMode(): Promise<PositionMode> {
    return positionModeFromWire((await account.getPositionMode(this.#client)).position_mode);
  }

  async setPositionMode(mode: PositionMode): Promise<void> {
    await account.setPositionMode(this.#client, positionModeToWire(mode));
  }

  async setLeverage(symbol: string, leverage: Dec, marginMode: MarginMode) {
    const result = await account.submitLeverage(this.#client, {
      symbol: checkSymbol(symbol),
      leverage: priceToWire(leverage, 'leverage'),
      open_type: marginMode,
    });
    return { leverage: new Dec(result.leverage), marginMode: marginModeFromWire(result.open_type) };
  }

  async submitOrder(request: OrderRequest): Promise<OrderAck> {
    const result = await orders.submitOrder(this.#client, submitOrderToWire(request));
    return { orderId: String(result.order_id), clientOrderId: request.clientOrderId };
  }

  async cancelOrder(ref: OrderRef): Promise<void> {
    await orders.cancelOrder(this.#client, orderRefToWire(ref));
  }

  async cancelAllOrders(symbol: string): Promise<void> {
    await orders.cancelOrders(this.#client, checkSymbol(symbol));
  }

  async modifyOrder(ref: OrderRef, change: { price?: Dec; size?: Dec }): Promise<void> {
    await orders.modifyLimitOrder(this.#client, modifyOrderToWire(ref, change));
  }

  async order(ref: OrderRef): Promise<Order | undefined> {
    const id = orderRefToWire(ref);
    if ('order_id' in id) return this.#orderById(id.symbol, id.order_id);
    return this.#orderByClientId(id.symbol, id.client_order_id);
  }

  async openOrders(symbol?: string): Promise<readonly Order[]> {
    const request = symbol === undefined ? { limit: 100 } : { symbol: checkSymbol(symbol), limit: 100 };
    return (await queries.getOpenOrders(this.#client, request)).map(orderFromWire);
  }

  async orderHistory(symbol: string, window?: TimeWindow): Promise<readonly Order[]> {
    const rows = await queries.getOrderHistory(this.#client, { symbol: checkSymbol(symbol), ...secondsOf(window) });
    return rows.map(orderFromWire);
  }

  async fills(symbol: string, window?: TimeWindow): Promise<readonly Fill[]> {
    const rows = await queries.getTrades(this.#client, { symbol: checkSymbol(symbol), ...secondsOf(window) });
    return rows.map(fillFromWire);
  }

  /**
   * transaction-history takes ms (bitmart-wire.md#transaction-history), unlike trades; one page of its
   * maximum, 1000 rows.
   */
  async ledger(query: LedgerQuery = {}): Promise<readonly LedgerEntry[]> {
    const { window } = query;
    const rows = await account.getTransactionHistory(this.#client, {
      ...(query.symbol === undefined ? {} : { symbol: checkSymbol(query.symbol) }),
      ...(query.kind === undefined ? {} : { flow_type: FLOW_OF_KIND[query.kind] }),
      ...(window?.start === undefined ? {} : { start_time: window.start }),
      ...(window?.end === undefined ? {} : { end_time: window.end }),
      page_size: LEDGER_PAGE_SIZE,
    });
    return rows.map(ledgerEntryFromWire);
  }

  async submitPositionTpSl(request: PositionTpSlRequest): Promise<OrderAck> {
    const result = await plans.submitTpSlOrder(this.#client, positionTpSlToWire(request));
    return { orderId: result.order_id, clientOrderId: result.client_order_id || (request.clientOrderId ?? '') };
  }

  async submitPlanOrder(request: PlanOrderRequest): Promise<OrderAck> {
    const result = await plans.submitPlanOrder(this.#client, planOrderToWire(request));
    return { orderId: String(result.order_id), clientOrderId: request.clientOrderId ?? '' };
  }

  async planOrders(symbol?: string): Promise<readonly PlanOrder[]> {
    const request = symbol === undefined ? {} : { symbol: checkSymbol(symbol) };
    return (await plans.getCurrentPlanOrders(this.#client, request)).map(planOrderFromWire);
  }

  async cancelPlanOrder(ref: OrderRef): Promise<void> {
    await plans.cancelPlanOrder(this.#client, orderRefToWire(ref));
  }

  async cancelAllAfter(symbol: string, timeoutSeconds: number): Promise<{ cancelAt: number | undefined }> {
    if (!Number.isInteger(timeoutSeconds) || timeoutSeconds < 0 || (timeoutSeconds > 0 && timeoutSeconds < 5)) {
      throw new InvalidRequestError(`cancel-all-after timeout must be 0 or at least 5 s, got ${timeoutSeconds}`);
    }
    const result = await orders.cancelAllAfter(this.#client, checkSymbol(symbol), timeoutSeconds);
    return { cancelAt: timeoutSeconds > 0 && result.cancel_time > 0 ? result.cancel_time * 1000 : undefined };
  }

  /** 40035/40037 (unknown, or not visible yet: bitmart-wire.md#visibility-window) mean "not known", not an error. */
  async #orderById(symbol: string, orderId: string): Promise<Order | undefined> {
    try {
      return orderFromWire(await queries.getOrder(this.#client, symbol, orderId));
    } catch (error) {
      if (error instanceof RejectedError && BITMART_ORDER_NOT_FOUND_CODES.has(error.venueCode ?? 0)) return undefined;
      throw error;
    }
  }

  /** BitMart's order detail takes only an order id: look among open orders, then in the history. */
  async #orderByClientId(symbol: string, clientOrderId: string): Promise<Order | undefined> {
    const open = await queries.getOpenOrders(this.#client, { symbol, limit: 100 });
    const working = open.find((row) => row.client_order_id === clientOrderId);
    if (working) return orderFromWire(working);
    const history = await queries.getOrderHistory(this.#client, { symbol, client_order_id: clientOrderId });
    const matches = history.filter((row) => row.client_order_id === clientOrderId);
    const latest = matches.reduce<(typeof matches)[number] | undefined>(
      (best, row) => (best === undefined || row.update_time > best.update_time ? row : best),
      undefined,
    );
    return latest === undefined ? undefined : orderFromWire(latest);
  }
}

/** order-history and trades take seconds (bitmart-wire.md#order-history); the port's windows are ms. */
function secondsOf(window: TimeWindow | undefined): { start_time?: number; end_time?: number } {
  return {
    ...(window?.start === undefined ? {} : { start_time: Math.floor(window.start / 1000) }),
    ...(window?.end === undefined ? {} : { end_time: Math.ceil(window.end / 1000) }),
  };
}

import type { Dec } from '../../platform/decimal/index.ts';
import { InvalidRequestError, RejectedError } from '../../platform/errors/exchangeErrors.ts';
import type { TradingRest } from '../port/FuturesExchange.ts';
import type { Fill, Order, OrderAck, OrderRef, OrderRequest, OrderTrigger, TimeWindow } from '../port/types.ts';
import { fillFromWire, orderFromWire } from './mapping/restOrders.ts';
import {
  amendOrderToWire,
  OKX_LIST_PAGE,
  orderRefToWire,
  placeOrderToWire,
  windowToWire,
} from './mapping/restRequests.ts';
import { instIdOf } from './mapping/symbols.ts';
import type { OkxAccount } from './OkxAccount.ts';
import { OKX_ALREADY_FINAL_CODES, OKX_ORDER_NOT_FOUND_CODES } from './protocol/errorKinds.ts';
import { requireAccepted } from './rest/endpoints/itemResults.ts';
import * as trade from './rest/endpoints/tradeEndpoints.ts';
import type { OkxRestClient } from './rest/OkxRestClient.ts';

/** cancel-batch-orders takes at most 20 orders. */
const CANCEL_BATCH = 20;

type OrdersRest = Pick<
  TradingRest,
  | 'submitOrder'
  | 'cancelOrder'
  | 'cancelAllOrders'
  | 'modifyOrder'
  | 'order'
  | 'openOrders'
  | 'orderHistory'
  | 'fills'
  | 'cancelAllAfter'
>;

/**
 * The port's orders as OKX orders: each carries our order tag and the `posSide` of the account's
 * position mode; the dead-man switch is armed for our tag alone.
 */
export class OkxOrders implements OrdersRest {
  readonly #client: OkxRestClient;
  readonly #account: OkxAccount;
  readonly #tag: string;
  /** Which leg of ours an algo order is (OkxAlgoOrders.triggerOfAlgo). */
  readonly #triggerOfAlgo: (algoId: string) => OrderTrigger | undefined;

  constructor(
    client: OkxRestClient,
    account: OkxAccount,
    options: { readonly tag: string; readonly triggerOfAlgo: (algoId: string) => OrderTrigger | undefined },
  ) {
    this.#client = client;
    this.#account = account;
    this.#tag = options.tag;
    this.#triggerOfAlgo = options.triggerOfAlgo;
  }

  async submitOrder(request: OrderRequest): Promise<OrderAck> {
    const mode = await this.#account.currentPositionMode(false);
    const marginMode = request.marginMode ?? this.#account.marginModeOf(request.symbol);
    const body = placeOrderToWire(request, { mode, marginMode, tag: this.#tag });
    // OKX has no leverage on an order: it is the symbol's setting, changed first when asked.
    if (request.leverage !== undefined)
      await this.#account.ensureLeverage(request.symbol, request.leverage, marginMode);
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
      ...windowToWire(window),
      limit: OKX_LIST_PAGE,
    });
    return rows.map(orderFromWire);
  }

  async fills(symbol: string, window?: TimeWindow): Promise<readonly Fill[]> {
    const rows = await trade.getFills(this.#client, {
      instId: instIdOf(symbol),
      ...windowToWire(window),
      limit: OKX_LIST_PAGE,
    });
    return rows.map(fillFromWire);
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
    const trigger = this.#triggerOfAlgo(algoId);
    return trigger === undefined ? order : { ...order, trigger };
  }

  async #pendingRows(instId: string | undefined) {
    const rows = [];
    let after: string | undefined;
    for (;;) {
      const page = await trade.getOrdersPending(this.#client, {
        ...(instId === undefined ? {} : { instId }),
        ...(after === undefined ? {} : { after }),
        limit: OKX_LIST_PAGE,
      });
      rows.push(...page);
      const last = page[page.length - 1];
      if (page.length < OKX_LIST_PAGE || !last) break;
      after = last.ordId;
    }
    return rows;
  }
}

import type {
  BitmartCancelAllAfterResult,
  BitmartCancelResult,
  BitmartModifyLimitOrderResult,
  BitmartOpenType,
  BitmartSubmitOrderResult,
} from '../../protocol/wire/index.ts';
import type { BitmartRestClient } from '../BitmartRestClient.ts';

/** Order entry and cancellation, SIGNED POSTs (docs/reference/bitmart-wire.md#trading-endpoints). */

export type BitmartSubmitOrderRequest = {
  readonly symbol: string;
  readonly client_order_id: string;
  /** docs/reference/bitmart-wire.md#enums: 1 open long, 2 close short, 3 close long, 4 open short. */
  readonly side: 1 | 2 | 3 | 4;
  readonly type: 'limit' | 'market';
  /** Contracts, a JSON integer. */
  readonly size: number;
  /** Limit orders only. */
  readonly price?: string;
  /** 1 GTC, 2 FOK, 3 IOC, 4 maker-only. */
  readonly mode?: 1 | 2 | 3 | 4;
  readonly leverage?: string;
  readonly open_type?: BitmartOpenType;
  readonly preset_take_profit_price?: string;
  readonly preset_take_profit_price_type?: 1 | 2;
  readonly preset_stop_loss_price?: string;
  readonly preset_stop_loss_price_type?: 1 | 2;
};

/**
 * POST /contract/private/submit-order (bitmart-wire.md#submit-order) → `{order_id: number, price}`. A failure after
 * sending is an `UnknownOutcomeError` carrying the client order id.
 */
export function submitOrder(
  client: BitmartRestClient,
  request: BitmartSubmitOrderRequest,
): Promise<BitmartSubmitOrderResult> {
  return client.post('/contract/private/submit-order', request, {
    clientOrderId: request.client_order_id,
    lane: closesPosition(request.side) ? 'protective' : 'normal',
  });
}

/** One of the two ids; never neither, which BitMart reads as "cancel every order of the symbol". */
export type BitmartOrderIdRef =
  | { readonly symbol: string; readonly order_id: string }
  | { readonly symbol: string; readonly client_order_id: string };

/** POST /contract/private/cancel-order (bitmart-wire.md#cancel-order): 1000 means the cancellation was submitted. */
export function cancelOrder(client: BitmartRestClient, ref: BitmartOrderIdRef): Promise<BitmartCancelResult> {
  return client.post('/contract/private/cancel-order', ref, { clientOrderId: clientOrderIdOf(ref) });
}

/** POST /contract/private/cancel-orders (bitmart-wire.md#cancel-order): every open order of the symbol. */
export function cancelOrders(client: BitmartRestClient, symbol: string): Promise<BitmartCancelResult> {
  return client.post('/contract/private/cancel-orders', { symbol });
}

/**
 * POST /contract/private/cancel-all-after (bitmart-wire.md#cancel-all-after): `timeout` seconds,
 * minimum 5, 0 disables.
 */
export function cancelAllAfter(
  client: BitmartRestClient,
  symbol: string,
  timeoutSeconds: number,
): Promise<BitmartCancelAllAfterResult> {
  return client.post('/contract/private/cancel-all-after', { symbol, timeout: timeoutSeconds });
}

export type BitmartModifyLimitOrderRequest = (
  | { readonly symbol: string; readonly order_id: number }
  | { readonly symbol: string; readonly client_order_id: string }
) & {
  readonly price?: string;
  readonly size?: number;
};

/**
 * POST /contract/private/modify-limit-order (bitmart-wire.md#modify-limit-order): `order_id` is a JSON
 * integer here (as ccxt sends it).
 */
export function modifyLimitOrder(
  client: BitmartRestClient,
  request: BitmartModifyLimitOrderRequest,
): Promise<BitmartModifyLimitOrderResult> {
  return client.post('/contract/private/modify-limit-order', request, { clientOrderId: clientOrderIdOf(request) });
}

/**
 * Sides 2 and 3 close (hedge mode) or only reduce (one-way mode) a position
 * (docs/reference/bitmart-wire.md#submit-order): such a request may use the rate limiter's protective reserve.
 */
export function closesPosition(side: number): boolean {
  return side === 2 || side === 3;
}

export function clientOrderIdOf(ref: object): string | undefined {
  return 'client_order_id' in ref && typeof ref.client_order_id === 'string' ? ref.client_order_id : undefined;
}

import type { Dec } from '../../../platform/decimal/index.ts';
import { toWire } from '../../../platform/decimal/index.ts';
import { InvalidRequestError } from '../../../platform/errors/exchangeErrors.ts';
import type { OrderRef, OrderRequest, PlanOrderRequest, PositionTpSlRequest } from '../../port/types.ts';
import { priceSourceToWire, sideToWire, timeInForceToWire } from '../protocol/orderCodes.ts';
import type {
  BitmartModifyLimitOrderRequest,
  BitmartOrderIdRef,
  BitmartSubmitOrderRequest,
} from '../rest/endpoints/orderEndpoints.ts';
import type { BitmartSubmitPlanOrderRequest, BitmartSubmitTpSlRequest } from '../rest/endpoints/planOrderEndpoints.ts';

/**
 * Port requests → BitMart request bodies (docs/reference/bitmart-wire.md#trading-endpoints), checked locally first: a
 * request BitMart would refuse for its form fails here with `InvalidRequestError` and is never sent.
 */

/** bitmart-wire.md#submit-order: 1–32 alphanumeric characters (BitMart's 40048 / 40049). */
const CLIENT_ORDER_ID = /^[A-Za-z0-9]{1,32}$/;
const SYMBOL = /^[A-Z0-9]+$/;
const ORDER_ID = /^\d{1,16}$/;

function invalid(message: string): never {
  throw new InvalidRequestError(message);
}

export function checkSymbol(symbol: string): string {
  return SYMBOL.test(symbol) ? symbol : invalid(`symbol must look like BTCUSDT, got "${symbol}"`);
}

export function checkClientOrderId(clientOrderId: string): string {
  return CLIENT_ORDER_ID.test(clientOrderId)
    ? clientOrderId
    : invalid(`clientOrderId must be 1–32 letters or digits, got "${clientOrderId}"`);
}

/** Sizes are whole contracts, sent as a JSON integer. */
export function contractsToWire(size: Dec, what = 'size'): number {
  if (!size.isFinite() || !size.isInteger() || size.lte(0) || size.gt(Number.MAX_SAFE_INTEGER)) {
    invalid(`${what} must be a positive whole number of contracts, got ${size.toString()}`);
  }
  return size.toNumber();
}

export function priceToWire(price: Dec, what = 'price'): string {
  if (!price.isFinite() || price.lte(0)) invalid(`${what} must be positive, got ${price.toString()}`);
  return toWire(price);
}

export function submitOrderToWire(request: OrderRequest): BitmartSubmitOrderRequest {
  const limit = request.type === 'limit';
  if (limit && request.price === undefined) invalid('a limit order needs a price');
  if (!limit && request.timeInForce === 'post_only') invalid('a market order cannot be post-only');
  const opening = request.side === 'open_long' || request.side === 'open_short';
  if (!opening && (request.takeProfit || request.stopLoss))
    invalid('preset take-profit/stop-loss is for opening orders');
  return {
    symbol: checkSymbol(request.symbol),
    client_order_id: checkClientOrderId(request.clientOrderId),
    side: sideToWire(request.side),
    type: request.type,
    size: contractsToWire(request.size),
    // A market order must not carry a price (bitmart-wire.md#submit-order).
    ...(limit && request.price ? { price: priceToWire(request.price) } : {}),
    ...(request.timeInForce ? { mode: timeInForceToWire(request.timeInForce) } : {}),
    ...(request.leverage ? { leverage: priceToWire(request.leverage, 'leverage') } : {}),
    ...(request.marginMode ? { open_type: request.marginMode } : {}),
    ...(request.takeProfit
      ? {
          preset_take_profit_price: priceToWire(request.takeProfit.triggerPrice, 'take-profit price'),
          preset_take_profit_price_type: priceSourceToWire(request.takeProfit.priceSource),
        }
      : {}),
    ...(request.stopLoss
      ? {
          preset_stop_loss_price: priceToWire(request.stopLoss.triggerPrice, 'stop-loss price'),
          preset_stop_loss_price_type: priceSourceToWire(request.stopLoss.priceSource),
        }
      : {}),
  };
}

/** Never an empty id: BitMart reads a cancel without ids as "cancel every order of the symbol". */
export function orderRefToWire(ref: OrderRef): BitmartOrderIdRef {
  const symbol = checkSymbol(ref.symbol);
  if (ref.orderId !== undefined) {
    return ORDER_ID.test(ref.orderId) ? { symbol, order_id: ref.orderId } : invalid(`bad orderId "${ref.orderId}"`);
  }
  return { symbol, client_order_id: checkClientOrderId(ref.clientOrderId) };
}

export function modifyOrderToWire(ref: OrderRef, change: { price?: Dec; size?: Dec }): BitmartModifyLimitOrderRequest {
  if (change.price === undefined && change.size === undefined) invalid('a modification needs a price or a size');
  const id = orderRefToWire(ref);
  const target = 'order_id' in id ? { symbol: id.symbol, order_id: Number(id.order_id) } : id;
  return {
    ...target,
    ...(change.price ? { price: priceToWire(change.price) } : {}),
    ...(change.size ? { size: contractsToWire(change.size) } : {}),
  };
}

/** A position TP/SL closes the position: side 3 (sell to close long) or 2 (buy to close short). */
export function positionTpSlToWire(request: PositionTpSlRequest): BitmartSubmitTpSlRequest {
  return {
    symbol: checkSymbol(request.symbol),
    type: request.kind,
    side: request.positionSide === 'long' ? 3 : 2,
    ...(request.size ? { size: contractsToWire(request.size) } : {}),
    trigger_price: priceToWire(request.triggerPrice, 'trigger price'),
    // The skills reference: "0" means a market fill when triggered.
    executive_price: request.executionPrice ? priceToWire(request.executionPrice, 'execution price') : '0',
    price_type: priceSourceToWire(request.priceSource),
    // A size makes it an order-level TP/SL of that size (1); without one it guards the position (2).
    plan_category: request.size ? 1 : 2,
    category: request.executionPrice ? 'limit' : 'market',
    ...(request.clientOrderId ? { client_order_id: checkClientOrderId(request.clientOrderId) } : {}),
  };
}

export function planOrderToWire(request: PlanOrderRequest): BitmartSubmitPlanOrderRequest {
  return {
    symbol: checkSymbol(request.symbol),
    side: sideToWire(request.side),
    type: request.executionPrice ? 'limit' : 'market',
    leverage: priceToWire(request.leverage, 'leverage'),
    open_type: request.marginMode,
    ...(request.timeInForce ? { mode: timeInForceToWire(request.timeInForce) } : {}),
    size: contractsToWire(request.size),
    trigger_price: priceToWire(request.triggerPrice, 'trigger price'),
    ...(request.executionPrice ? { executive_price: priceToWire(request.executionPrice, 'execution price') } : {}),
    price_way: request.triggerDirection === 'rise' ? 1 : 2,
    price_type: priceSourceToWire(request.priceSource),
    ...(request.clientOrderId ? { client_order_id: checkClientOrderId(request.clientOrderId) } : {}),
  };
}

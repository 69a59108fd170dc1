import { type Dec, toWire } from '../../../platform/decimal/index.ts';
import { InvalidRequestError } from '../../../platform/errors/exchangeErrors.ts';
import type {
  MarginMode,
  OrderRef,
  OrderRequest,
  PlanOrderRequest,
  PositionMode,
  PositionTpSlRequest,
  TimeWindow,
} from '../../port/types.ts';
import { isOkxClientOrderId, OKX_MARKET_PRICE } from '../protocol/fields.ts';
import type {
  OkxAmendOrderRequest,
  OkxAttachAlgoOrdRequest,
  OkxCancelOrderRequest,
  OkxPlaceAlgoRequest,
  OkxPlaceOrderRequest,
} from '../protocol/wire/index.ts';
import { ordTypeToWire, priceSourceToWire, sideToWire } from './enums.ts';
import { instIdOf } from './symbols.ts';

/**
 * Port requests → OKX bodies (https://www.okx.com/docs-v5/en/#order-book-trading-trade-post-place-order),
 * checked before anything is sent. Every body carries our own `tag` and nothing else's: no broker
 * code, no referral (a test reads the bytes sent). Sizes are the port's contracts, which are OKX's.
 */

export function checkClientOrderId(value: string, what = 'clientOrderId'): string {
  if (!isOkxClientOrderId(value)) {
    throw new InvalidRequestError(
      `${what} must be 1–32 letters and digits (OKX's clOrdId), got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

export function positiveToWire(value: Dec, what: string): string {
  if (!value.isFinite() || value.lte(0))
    throw new InvalidRequestError(`${what} must be positive, got ${value.toString()}`);
  return toWire(value);
}

function attachedTpSl(request: OrderRequest): OkxAttachAlgoOrdRequest[] | undefined {
  const { takeProfit, stopLoss } = request;
  if (!takeProfit && !stopLoss) return undefined;
  return [
    {
      ...(takeProfit
        ? {
            tpTriggerPx: positiveToWire(takeProfit.triggerPrice, 'takeProfit.triggerPrice'),
            tpOrdPx: OKX_MARKET_PRICE,
            tpTriggerPxType: priceSourceToWire(takeProfit.priceSource),
          }
        : {}),
      ...(stopLoss
        ? {
            slTriggerPx: positiveToWire(stopLoss.triggerPrice, 'stopLoss.triggerPrice'),
            slOrdPx: OKX_MARKET_PRICE,
            slTriggerPxType: priceSourceToWire(stopLoss.priceSource),
          }
        : {}),
    },
  ];
}

export function placeOrderToWire(
  request: OrderRequest,
  context: { readonly mode: PositionMode; readonly marginMode: MarginMode; readonly tag: string },
): OkxPlaceOrderRequest {
  const clOrdId = checkClientOrderId(request.clientOrderId);
  if (request.type === 'limit' && request.price === undefined) {
    throw new InvalidRequestError('a limit order needs a price');
  }
  const { side, posSide, reduceOnly } = sideToWire(request.side, context.mode);
  const attachAlgoOrds = attachedTpSl(request);
  return {
    instId: instIdOf(request.symbol),
    tdMode: request.marginMode ?? context.marginMode,
    side,
    ...(context.mode === 'hedge' ? { posSide } : {}),
    ordType: ordTypeToWire(request.type, request.timeInForce),
    sz: positiveToWire(request.size, 'size'),
    ...(request.type === 'limit' && request.price ? { px: positiveToWire(request.price, 'price') } : {}),
    ...(reduceOnly ? { reduceOnly: true } : {}),
    clOrdId,
    tag: context.tag,
    ...(attachAlgoOrds ? { attachAlgoOrds } : {}),
  };
}

export function orderRefToWire(ref: OrderRef): OkxCancelOrderRequest & { instId: string } {
  const instId = instIdOf(ref.symbol);
  if (ref.orderId !== undefined) return { instId, ordId: ref.orderId };
  return { instId, clOrdId: checkClientOrderId(ref.clientOrderId) };
}

export function amendOrderToWire(ref: OrderRef, change: { price?: Dec; size?: Dec }): OkxAmendOrderRequest {
  if (change.price === undefined && change.size === undefined) {
    throw new InvalidRequestError('modifyOrder needs a new price or a new size');
  }
  return {
    ...orderRefToWire(ref),
    ...(change.price === undefined ? {} : { newPx: positiveToWire(change.price, 'price') }),
    ...(change.size === undefined ? {} : { newSz: positiveToWire(change.size, 'size') }),
  };
}

/**
 * A stand-alone TP or SL on a position: a `conditional` algo that closes the whole position
 * (`closeFraction` "1") or `size` contracts, at market unless an execution price is given.
 */
export function positionTpSlToWire(
  request: PositionTpSlRequest,
  context: { readonly mode: PositionMode; readonly marginMode: MarginMode; readonly tag: string },
): OkxPlaceAlgoRequest {
  const closing = request.positionSide === 'long' ? 'close_long' : 'close_short';
  const { side, posSide, reduceOnly } = sideToWire(closing, context.mode);
  const prefix = request.kind === 'take_profit' ? 'tp' : 'sl';
  const orderPrice = request.executionPrice
    ? positiveToWire(request.executionPrice, 'executionPrice')
    : OKX_MARKET_PRICE;
  return {
    instId: instIdOf(request.symbol),
    tdMode: context.marginMode,
    side,
    ...(context.mode === 'hedge' ? { posSide } : {}),
    ordType: 'conditional',
    ...(request.size === undefined ? { closeFraction: '1' } : { sz: positiveToWire(request.size, 'size') }),
    ...(reduceOnly ? { reduceOnly: true } : {}),
    [`${prefix}TriggerPx`]: positiveToWire(request.triggerPrice, 'triggerPrice'),
    [`${prefix}OrdPx`]: orderPrice,
    [`${prefix}TriggerPxType`]: priceSourceToWire(request.priceSource),
    ...(request.clientOrderId === undefined ? {} : { algoClOrdId: checkClientOrderId(request.clientOrderId) }),
    tag: context.tag,
  };
}

/**
 * A plan order: OKX's `trigger` algo. OKX triggers when the watched price reaches `triggerPx`
 * from either side, so `triggerDirection` is not sent: the caller places a rising trigger above
 * the market and a falling one below, which OKX's crossing rule then honours.
 */
export function planOrderToWire(
  request: PlanOrderRequest,
  context: { readonly mode: PositionMode; readonly tag: string },
): OkxPlaceAlgoRequest {
  const { side, posSide, reduceOnly } = sideToWire(request.side, context.mode);
  return {
    instId: instIdOf(request.symbol),
    tdMode: request.marginMode,
    side,
    ...(context.mode === 'hedge' ? { posSide } : {}),
    ordType: 'trigger',
    sz: positiveToWire(request.size, 'size'),
    ...(reduceOnly ? { reduceOnly: true } : {}),
    triggerPx: positiveToWire(request.triggerPrice, 'triggerPrice'),
    orderPx: request.executionPrice ? positiveToWire(request.executionPrice, 'executionPrice') : OKX_MARKET_PRICE,
    triggerPxType: priceSourceToWire(request.priceSource),
    ...(request.clientOrderId === undefined ? {} : { algoClOrdId: checkClientOrderId(request.clientOrderId) }),
    tag: context.tag,
  };
}

/** OKX's page for order lists, fills and bills. */
export const OKX_LIST_PAGE = 100;

/** A port time window → `begin`/`end` (ms) of OKX's list endpoints. */
export function windowToWire(window: TimeWindow | undefined): { begin?: number; end?: number } {
  return {
    ...(window?.start === undefined ? {} : { begin: window.start }),
    ...(window?.end === undefined ? {} : { end: window.end }),
  };
}

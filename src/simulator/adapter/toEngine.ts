import { FLOW_OF_KIND } from '../../exchange/bitmart/mapping/restLedger.ts';
import { priceSourceToWire, sideToWire, timeInForceToWire } from '../../exchange/bitmart/protocol/orderCodes.ts';
import type {
  LedgerKind,
  OrderRequest,
  PlanOrderRequest,
  PositionTpSlRequest,
  PresetTrigger,
  TimeWindow,
} from '../../exchange/port/types.ts';
import { type Dec, ZERO } from '../../platform/decimal/index.ts';
import { InvalidRequestError } from '../../platform/errors/exchangeErrors.ts';
import type {
  PresetTrigger as EnginePresetTrigger,
  FlowType,
  SubmitOrderCommand,
  SubmitPlanOrderCommand,
  SubmitTpSlCommand,
  TimeRange,
} from '../engine/types.ts';

/**
 * Port requests → engine commands. The engine speaks BitMart's numbers (sides 1–4, modes 1–4,
 * price types 1/2), so the BitMart enum table is reused rather than copied.
 */

/** BitMart's default history window when none is given (docs/reference/bitmart-wire.md#order-history). */
const SEVEN_DAYS_MS = 7 * 86_400_000;

/** Sizes are whole contracts on BitMart; a fraction is our mistake, refused before the engine sees it. */
export function contracts(size: Dec, what = 'size'): number {
  if (!size.isFinite() || !size.isInteger() || size.lte(0)) {
    throw new InvalidRequestError(`${what} must be a positive whole number of contracts, got ${size.toString()}`);
  }
  return size.toNumber();
}

function presetOf(trigger: PresetTrigger | undefined): EnginePresetTrigger | undefined {
  return trigger ? { price: trigger.triggerPrice, priceType: priceSourceToWire(trigger.priceSource) } : undefined;
}

export function submitOrderCommand(request: OrderRequest, receivedAtMicros: number): SubmitOrderCommand {
  if (request.type === 'limit' && request.price === undefined) {
    throw new InvalidRequestError('a limit order needs a price');
  }
  const takeProfit = presetOf(request.takeProfit);
  const stopLoss = presetOf(request.stopLoss);
  return {
    symbol: request.symbol,
    side: sideToWire(request.side),
    type: request.type,
    mode: timeInForceToWire(request.timeInForce ?? 'gtc'),
    size: contracts(request.size),
    ...(request.type === 'limit' && { price: request.price }),
    ...(request.leverage && { leverage: request.leverage }),
    ...(request.marginMode && { openType: request.marginMode }),
    clientOrderId: request.clientOrderId,
    ...(takeProfit && { presetTakeProfit: takeProfit }),
    ...(stopLoss && { presetStopLoss: stopLoss }),
    receivedAtMicros,
  };
}

export function submitPlanCommand(request: PlanOrderRequest): SubmitPlanOrderCommand {
  const limit = request.executionPrice !== undefined;
  return {
    symbol: request.symbol,
    side: sideToWire(request.side),
    executionType: limit ? 'limit' : 'market',
    leverage: request.leverage,
    openType: request.marginMode,
    mode: timeInForceToWire(request.timeInForce ?? 'gtc'),
    size: contracts(request.size),
    triggerPrice: request.triggerPrice,
    ...(limit && { executivePrice: request.executionPrice }),
    priceWay: request.triggerDirection === 'rise' ? 1 : 2,
    priceType: priceSourceToWire(request.priceSource),
    ...(request.clientOrderId !== undefined && { clientOrderId: request.clientOrderId }),
  };
}

/** A sized TP/SL is a plain TP/SL (category 1); without a size it guards the whole position (2). */
export function submitTpSlCommand(request: PositionTpSlRequest): SubmitTpSlCommand {
  const size = request.size === undefined ? undefined : contracts(request.size);
  return {
    symbol: request.symbol,
    type: request.kind,
    side: request.positionSide === 'long' ? 3 : 2,
    ...(size !== undefined && { size }),
    triggerPrice: request.triggerPrice,
    executivePrice: request.executionPrice ?? ZERO,
    priceType: priceSourceToWire(request.priceSource),
    planCategory: size === undefined ? 2 : 1,
    ...(request.clientOrderId !== undefined && { clientOrderId: request.clientOrderId }),
  };
}

export function timeRange(window: TimeWindow | undefined, nowMs: number): TimeRange {
  const endMs = window?.end ?? nowMs;
  return { startMs: window?.start ?? endMs - SEVEN_DAYS_MS, endMs };
}

/** A ledger kind → the engine's flow type (BitMart's numbers). */
export function flowTypeOf(kind: Exclude<LedgerKind, 'other'>): FlowType {
  return FLOW_OF_KIND[kind];
}

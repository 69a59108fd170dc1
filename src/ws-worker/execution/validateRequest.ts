import { Decimal } from 'decimal.js';
import type { PlaceOrderRequest } from '../../contracts/api/placeOrder.ts';
import type { Contract } from '../../exchange/port/types.ts';
import { Dec, roundToStep } from '../../platform/decimal/index.ts';
import { clientOrderIdBase } from './clientOrderIds.ts';
import type { EntryRecord } from './records.ts';
import { managementFields } from './requestManagement.ts';
import { contractsOf } from './requestQuantity.ts';

export type Validation = { ok: true; entry: EntryRecord; contract: Contract } | { ok: false; error: string };

/**
 * Checks a place-order request against the contract it names, before anything is accepted: the
 * schema checked the form (zone order, SL/TP sides); this checks what only the venue's contract
 * knows. Zone bounds are rounded inwards to the tick (min up, max down) and SL/TP to the nearest
 * tick; a zone that rounding empties is refused rather than silently moved.
 */
export function validateRequest(
  request: PlaceOrderRequest,
  contract: Contract | undefined,
  timing: { now: number; defaultTimeoutSeconds: number },
): Validation {
  if (!contract) return { ok: false, error: `unknown symbol ${request.symbol}` };
  if (contract.status !== 'trading')
    return { ok: false, error: `${request.symbol} is not trading (${contract.status})` };
  const requestedQuantity = new Dec(request.quantity);
  const quantityUnit = request.quantity_unit ?? 'contracts';
  const quantity = contractsOf(requestedQuantity, quantityUnit, contract);
  if (!quantity.ok) return quantity;
  const leverage = request.leverage;
  if (leverage !== undefined && (contract.minLeverage.gt(leverage) || contract.maxLeverage.lt(leverage))) {
    const range = `${contract.minLeverage.toFixed()}-${contract.maxLeverage.toFixed()}`;
    return { ok: false, error: `leverage ${leverage} is outside ${range} for ${request.symbol}` };
  }
  const tick = contract.tickSize;
  const zoneMin = roundToStep(new Dec(request.entry_zone_min), tick, Decimal.ROUND_UP);
  const zoneMax = roundToStep(new Dec(request.entry_zone_max), tick, Decimal.ROUND_DOWN);
  if (zoneMin.lte(0)) return { ok: false, error: 'entry_zone_min must be above zero' };
  if (zoneMin.gt(zoneMax)) return { ok: false, error: `entry zone holds no price on the tick ${tick.toFixed()}` };
  const stopLoss = request.stop_loss === undefined ? undefined : roundToStep(new Dec(request.stop_loss), tick);
  const timeoutSeconds = request.timeout_seconds ?? timing.defaultTimeoutSeconds;
  const management = managementFields(request, tick, timeoutSeconds);
  if (!management.ok) return management;
  const { targets } = management.fields;
  const takeProfit = targets.at(-1)?.price;
  const firstTarget = targets.length > 1 ? targets[0]?.price : undefined;
  if (stopLoss?.lte(0)) return { ok: false, error: 'stop_loss rounds to zero on the tick' };
  if (takeProfit?.lte(0) || firstTarget?.lte(0)) return { ok: false, error: 'take_profit rounds to zero on the tick' };
  // TP1 lies between the zone and TP2 (the schema checked the order): the zone side is its check.
  const sidesError = checkSides(request.side, { zoneMin, zoneMax, stopLoss, takeProfit: firstTarget ?? takeProfit });
  if (sidesError) return { ok: false, error: sidesError };
  return {
    ok: true,
    contract,
    entry: {
      id: request.id,
      clientOrderIdBase: clientOrderIdBase(request.id),
      symbol: request.symbol,
      side: request.side,
      zoneMin,
      zoneMax,
      quantity: quantity.contracts,
      requestedQuantity,
      quantityUnit,
      leverage,
      stopLoss,
      takeProfit,
      callbackUrl: request.callback_url,
      metadata: request.metadata,
      ...management.fields,
      createdAt: timing.now,
      timeoutAt: timing.now + timeoutSeconds * 1000,
      attempt: 0,
      order: undefined,
      expired: false,
    },
  };
}

/** After rounding, the protections must still sit outside the zone on their side. */
function checkSides(
  side: 'long' | 'short',
  prices: { zoneMin: Dec; zoneMax: Dec; stopLoss: Dec | undefined; takeProfit: Dec | undefined },
): string | undefined {
  const { zoneMin, zoneMax, stopLoss, takeProfit } = prices;
  if (side === 'long') {
    if (stopLoss?.gte(zoneMin)) return 'stop_loss must be below the entry zone for a long';
    if (takeProfit?.lte(zoneMax)) return 'take_profit must be above the entry zone for a long';
  } else {
    if (stopLoss?.lte(zoneMax)) return 'stop_loss must be above the entry zone for a short';
    if (takeProfit?.gte(zoneMin)) return 'take_profit must be below the entry zone for a short';
  }
  return undefined;
}

import { Dec } from '../../../platform/decimal/index.ts';

/**
 * BitMart's standard USDT-M taker rate: the exchange port does not carry the account's own, so the
 * preflight assumes it. Stops and the entry fallback take liquidity: the planner counts both legs at it.
 */
export const STANDARD_TAKER_FEE_RATE = new Dec('0.0006');

/** The entry fallback's slippage limit in the shipped profiles (10 bps), on top of its price. */
export const FALLBACK_SLIPPAGE = new Dec('0.001');

/** Fees of opening at `entry` and closing at about the same price, per unit of the base currency. */
export function roundTripFeePerUnit(entry: Dec, takerFeeRate: Dec): Dec {
  return entry.mul(2).mul(takerFeeRate);
}

import { Decimal } from 'decimal.js';
import { Dec, roundToStep } from '../../src/platform/decimal/index.ts';

/**
 * A place-order request around the current price, and the prices that drive it through its life
 * on a paused simulator: enter the zone, fill the resting maker order, reach the stop loss or the
 * take profit. Levels are fractions of `base` on the contract's tick:
 * long: zone [0.98, 0.99], SL 0.95, TP 1.05; short mirrored. The SL/TP hits sit inside the
 * default slippage tolerance (0.05 %) and short of the level itself, so the worker closes the
 * position before the exchange-side presets would.
 */
export interface EntryPlan {
  readonly request: {
    id: string;
    symbol: string;
    side: 'long' | 'short';
    entry_zone_min: string;
    entry_zone_max: string;
    quantity: string;
    leverage: number;
    stop_loss: string;
    take_profit: string;
    timeout_seconds?: number;
  };
  /** Outside the zone, on the far side from where the price stands. */
  readonly nearZone: string;
  /** Inside the zone. */
  readonly inZone: string;
  /** Past the zone: a resting maker entry fills. */
  readonly fill: string;
  readonly stopLossHit: string;
  readonly takeProfitHit: string;
}

export function entryPlan(
  id: string,
  symbol: string,
  side: 'long' | 'short',
  base: string,
  tickSize: Dec,
  options: { quantity?: string; timeoutSeconds?: number } = {},
): EntryPlan {
  const at = (ratio: string, rounding: Decimal.Rounding = Decimal.ROUND_HALF_UP) =>
    roundToStep(new Dec(base).mul(ratio), tickSize, rounding).toFixed();
  const long = side === 'long';
  const stopLoss = at(long ? '0.95' : '1.05');
  const takeProfit = at(long ? '1.05' : '0.95');
  const hit = (level: string, ratio: string) => roundToStep(new Dec(level).mul(ratio), tickSize).toFixed();
  return {
    request: {
      id,
      symbol,
      side,
      entry_zone_min: at(long ? '0.98' : '1.01', Decimal.ROUND_UP),
      entry_zone_max: at(long ? '0.99' : '1.02', Decimal.ROUND_DOWN),
      quantity: options.quantity ?? '2',
      leverage: 10,
      stop_loss: stopLoss,
      take_profit: takeProfit,
      ...(options.timeoutSeconds === undefined ? {} : { timeout_seconds: options.timeoutSeconds }),
    },
    nearZone: at(long ? '0.995' : '1.005'),
    inZone: at(long ? '0.985' : '1.015'),
    fill: at(long ? '0.975' : '1.025'),
    stopLossHit: hit(stopLoss, long ? '1.0003' : '0.9997'),
    takeProfitHit: hit(takeProfit, long ? '0.9997' : '1.0003'),
  };
}

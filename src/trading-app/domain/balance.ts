import { Dec, ZERO } from '../../platform/decimal/index.ts';

/** The three amounts of a USDT futures balance that the rules below read (decimal strings). */
export interface BalanceAmounts {
  readonly available_balance: string;
  readonly frozen_balance: string;
  readonly equity: string;
}

const HUNDRED = new Dec(100);

/** True when the available balance covers `required` (inclusive, as the PHP `>=`). */
export function hasMinimumBalance(balance: BalanceAmounts, required: Dec): boolean {
  return new Dec(balance.available_balance).gte(required);
}

/**
 * Frozen share of equity, in percent: `frozen / equity · 100`, 0 when equity is zero or
 * negative. This is the PHP `BalanceSignalService::getFrozenPercentage` formula
 * (docs/reference/seed-contracts.md#balance-phases), kept so the 80 % threshold means what it meant there; BitMart's
 * equity already includes unrealised PnL, so the share moves with open positions, not only with open
 * orders. Exact (no float).
 */
export function getFrozenPercentage(balance: BalanceAmounts): Dec {
  const equity = new Dec(balance.equity);
  if (equity.lte(ZERO)) return ZERO;
  return new Dec(balance.frozen_balance).div(equity).mul(HUNDRED);
}

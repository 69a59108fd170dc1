import { Dec } from '../../platform/decimal/index.ts';
import type { AlertPolicy } from '../TradingAppServices.ts';
import { type BalanceAmounts, getFrozenPercentage, hasMinimumBalance } from './balance.ts';

export type BalanceAlertKind = 'low_available_balance' | 'high_frozen_share';

/** One rule checked against one balance: is its threshold crossed now? */
export interface BalanceAlertCheck {
  readonly kind: BalanceAlertKind;
  readonly breached: boolean;
  readonly value: Dec;
  readonly threshold: Dec;
  readonly message: string;
}

/** Percent shown with 4 decimals; the comparison itself uses the exact share. */
const SHARE_DECIMALS = 4;

/**
 * The alert rules of docs/reference/seed-contracts.md#balance-phases that the policy enables, checked
 * against `balance`.
 */
export function checkBalanceAlerts(balance: BalanceAmounts, policy: AlertPolicy): BalanceAlertCheck[] {
  const checks: BalanceAlertCheck[] = [];
  if (policy.minAvailable !== undefined) {
    const threshold = new Dec(policy.minAvailable);
    const value = new Dec(balance.available_balance);
    checks.push({
      kind: 'low_available_balance',
      breached: !hasMinimumBalance(balance, threshold),
      value,
      threshold,
      message: `available balance ${value.toFixed()} USDT is below the minimum of ${threshold.toFixed()} USDT`,
    });
  }
  const threshold = new Dec(policy.maxFrozenPercent);
  const share = getFrozenPercentage(balance);
  const shown = share.toDecimalPlaces(SHARE_DECIMALS);
  checks.push({
    kind: 'high_frozen_share',
    breached: share.gt(threshold),
    value: shown,
    threshold,
    message: `frozen balance is ${shown.toFixed()} % of equity, above the maximum of ${threshold.toFixed()} %`,
  });
  return checks;
}

/**
 * An alert fires once per crossing: when its rule goes from not breached to breached. It re-arms
 * when the rule stops being breached, so the next crossing fires again.
 */
export function nextAlertState(
  raised: boolean,
  breached: boolean,
): { readonly raised: boolean; readonly fire: boolean } {
  return { raised: breached, fire: breached && !raised };
}

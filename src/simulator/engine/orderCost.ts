import { type Dec, ZERO } from '../../platform/decimal/index.ts';
import type { Account } from './Account.ts';
import type { TakerPlan } from './matching.ts';
import { feeFor, marginPerContract, maxFeePerContract } from './money.ts';
import type { OrderIntent } from './validation.ts';

/** USDT one resting opening contract holds: its margin and the most it can pay in fees (taker). */
export function frozenPerContract(intent: Pick<OrderIntent, 'spec' | 'leverage' | 'closes'>, price: Dec): Dec {
  if (intent.closes !== undefined) return ZERO;
  const { contractSize, takerFeeRate } = intent.spec;
  return marginPerContract(price, contractSize, intent.leverage).plus(
    maxFeePerContract(price, contractSize, takerFeeRate),
  );
}

/**
 * What accepting the order takes from `available` up front: margin and taker fee of the contracts
 * its immediate fills open, plus the frozen share of the resting rest. Closing contracts cost
 * nothing here (their fee comes out of the released margin), so a close is never refused for
 * balance. A one-way rest freezes for its whole size even if it may first reduce the opposite
 * side: conservative, and simple to release exactly.
 */
export function upfrontCost(account: Account, intent: OrderIntent, plan: TakerPlan): Dec {
  if (intent.closes !== undefined) return ZERO;
  const { contractSize, takerFeeRate } = intent.spec;
  let closable = 0;
  if (account.positionMode === 'one_way_mode') {
    closable = account.existingPosition(intent.spec.symbol, intent.side === 1 ? 2 : 1)?.amount ?? 0;
  }
  let cost = ZERO;
  for (const fill of plan.fills) {
    const closing = Math.min(closable, fill.size);
    closable -= closing;
    const opening = fill.size - closing;
    if (opening === 0) continue;
    const margin = marginPerContract(fill.price, contractSize, intent.leverage).mul(opening);
    cost = cost.plus(margin).plus(feeFor(fill.price, opening, contractSize, takerFeeRate));
  }
  if (plan.restSize > 0 && intent.price) cost = cost.plus(frozenPerContract(intent, intent.price).mul(plan.restSize));
  return cost;
}

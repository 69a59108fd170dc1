import { Decimal } from 'decimal.js';
import { type Dec, roundToStep } from '../../platform/decimal/index.ts';
import type { SimEngine } from '../engine/types.ts';
import type { Market } from '../market/types.ts';
import type { PriceLevel } from './ReplayMarket.ts';

/**
 * How far before a trigger a watcher of the price acts, as ratios: the worker closes a long once the
 * price is within `stopLoss` above its stop or `takeProfit` below its target (and mirrored for a
 * short), which live happens before the exchange's trigger is reached.
 */
export interface WatchBands {
  readonly stopLoss: Dec;
  readonly takeProfit: Dec;
}

/**
 * What waits on the engine for one account, as the replay's levels: each stop-loss and take-profit
 * trigger, each resting limit and each plan trigger; and, with `bands`, the prices on the tick where
 * a watcher acts before each stop or target (both sides: the replay does not know the position's).
 * The replay stops the price at each on its way, which is what a continuous market does, so each
 * order and each watcher acts at its own price.
 */
export function venueLevels(options: {
  engine: SimEngine;
  accountId: string;
  market: Pick<Market, 'contract'>;
  bands?: WatchBands;
}): (symbol: string) => PriceLevel[] {
  const { engine, accountId, market, bands } = options;
  return (symbol) => {
    const tickSize = market.contract(symbol)?.tickSize;
    const levels: PriceLevel[] = [];
    const watch = (price: Dec, band: Dec) => {
      if (!tickSize || band.isZero()) return;
      levels.push({ price: roundToStep(price.mul(band.add(1)), tickSize, Decimal.ROUND_FLOOR), kind: 'watch' });
      levels.push({ price: roundToStep(price.mul(band.neg().add(1)), tickSize, Decimal.ROUND_CEIL), kind: 'watch' });
    };
    for (const plan of engine.currentPlanOrders(accountId, { symbol })) {
      if (plan.type === 'stop_loss') {
        levels.push({ price: plan.triggerPrice, kind: 'stop' });
        if (bands) watch(plan.triggerPrice, bands.stopLoss);
      } else if (plan.type === 'take_profit') {
        levels.push({ price: plan.triggerPrice, kind: 'target' });
        if (bands) watch(plan.triggerPrice, bands.takeProfit);
      } else levels.push({ price: plan.triggerPrice, kind: 'limit' });
    }
    for (const order of engine.openOrders(accountId, { symbol, type: 'limit' })) {
      levels.push({ price: order.price, kind: 'limit' });
    }
    return levels;
  };
}

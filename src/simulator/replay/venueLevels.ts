import type { SimEngine } from '../engine/types.ts';
import type { PriceLevel } from './ReplayMarket.ts';

/**
 * What waits on the engine for one account, as the replay's levels: each stop-loss and take-profit
 * trigger, each resting limit and each plan trigger. The replay stops the price at each on its way,
 * which is what a continuous market does, so the order fills at its own level.
 */
export function venueLevels(engine: SimEngine, accountId: string): (symbol: string) => PriceLevel[] {
  return (symbol) => {
    const levels: PriceLevel[] = [];
    for (const plan of engine.currentPlanOrders(accountId, { symbol })) {
      const kind = plan.type === 'stop_loss' ? 'stop' : plan.type === 'take_profit' ? 'target' : 'limit';
      levels.push({ price: plan.triggerPrice, kind });
    }
    for (const order of engine.openOrders(accountId, { symbol, type: 'limit' })) {
      levels.push({ price: order.price, kind: 'limit' });
    }
    return levels;
  };
}

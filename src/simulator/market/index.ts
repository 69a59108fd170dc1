import type { Clock } from '../../platform/clock/index.ts';
import { SimulatedMarket } from './SimulatedMarket.ts';

export { CONTRACT_CATALOG } from './contractCatalog.ts';
export { type MarketOptions, SimulatedMarket } from './SimulatedMarket.ts';
export * from './types.ts';

/** The simulator's market on the injected clock; call `start()` to run the live process. */
export function createMarket(options: {
  seed: number;
  clock: Clock;
  tickMs?: number;
  nodeCacheCapacity?: number;
  historyDays?: number;
}): SimulatedMarket {
  return new SimulatedMarket(options);
}

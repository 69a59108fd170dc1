import type { Clock } from '../../platform/clock/index.ts';
import type { Market } from '../market/types.ts';
import { Engine } from './Engine.ts';
import type { SimEngine } from './types.ts';

export { DEFAULT_LEVERAGE, DEFAULT_OPEN_TYPE } from './Account.ts';
export type { EngineOptions } from './Engine.ts';
export type * from './types.ts';

/** The simulator's matching engine and accounts, on the given market and clock. */
export function createEngine(options: {
  market: Market;
  clock: Clock;
  seed?: number;
  orderVisibilityMs?: number;
  marketSlippageBps?: number;
  onListenerError?: (error: unknown) => void;
}): SimEngine {
  return new Engine(options);
}

import type { Clock } from '../../platform/clock/index.ts';
import type { SimEngine } from '../engine/types.ts';
import type { Market } from '../market/types.ts';
import { SimulatedExchange } from './SimulatedExchange.ts';
import { SimulatedMarketStream } from './SimulatedMarketStream.ts';
import { SimulatedUserStream } from './SimulatedUserStream.ts';

export interface SimulatedVenue {
  readonly exchange: SimulatedExchange;
  readonly marketStream: SimulatedMarketStream;
  readonly userStream: SimulatedUserStream;
}

/**
 * One simulator account behind the exchange port, in process. The caller owns the engine and
 * market (and starts them: `engine.start()` before anything else subscribes to the market, so
 * stream events follow the engine's state); the streams are started by whoever consumes them.
 */
export function createSimulatedVenue(deps: {
  engine: SimEngine;
  market: Market;
  clock: Clock;
  accountId: string;
}): SimulatedVenue {
  return {
    exchange: new SimulatedExchange(deps),
    marketStream: new SimulatedMarketStream({ market: deps.market, clock: deps.clock }),
    userStream: new SimulatedUserStream({ engine: deps.engine, clock: deps.clock, accountId: deps.accountId }),
  };
}

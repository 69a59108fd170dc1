import { ManualClock } from '../../src/platform/clock/index.ts';
import { Dec } from '../../src/platform/decimal/index.ts';
import { createSimulatedVenue, type SimulatedVenue } from '../../src/simulator/adapter/index.ts';
import { createEngine } from '../../src/simulator/engine/index.ts';
import type { SimEngine } from '../../src/simulator/engine/types.ts';
import { createMarket, type SimulatedMarket } from '../../src/simulator/market/index.ts';

export interface InProcessSimulator {
  readonly clock: ManualClock;
  readonly market: SimulatedMarket;
  readonly engine: SimEngine;
  readonly accountId: string;
  readonly venue: SimulatedVenue;
}

/**
 * The simulator's market and engine with one funded account behind the port, on a manual clock.
 * The live price process is not started: prices move only when a test sets them.
 */
export function inProcessSimulator(
  options: { orderVisibilityMs?: number; balanceUsdt?: Dec } = {},
): InProcessSimulator {
  const clock = new ManualClock(Date.UTC(2026, 0, 5, 10, 0, 7));
  const market = createMarket({ seed: 7, clock });
  const engine = createEngine({ market, clock, seed: 7, orderVisibilityMs: options.orderVisibilityMs ?? 300 });
  engine.start();
  const { accountId } = engine.createAccount({
    apiKey: 'contract-key',
    apiSecret: 'contract-secret',
    apiMemo: 'contract-memo',
    balanceUsdt: options.balanceUsdt ?? new Dec(10_000),
  });
  return { clock, market, engine, accountId, venue: createSimulatedVenue({ engine, market, clock, accountId }) };
}

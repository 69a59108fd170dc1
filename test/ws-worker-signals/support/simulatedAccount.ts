import type { ManualClock } from '../../../src/platform/clock/index.ts';
import { Dec } from '../../../src/platform/decimal/index.ts';
import type { SimulatedVenue } from '../../../src/simulator/adapter/index.ts';
import type { SimEngine, SubmitOrderCommand } from '../../../src/simulator/engine/types.ts';
import type { SimulatedMarket } from '../../../src/simulator/market/index.ts';
import { inProcessSimulator } from '../../contract/simulatedHarness.ts';

/**
 * One funded simulator account behind the exchange port, in process, on a manual clock: the venue
 * the worker's signal side reads (its private stream and REST), and the engine a test acts on
 * directly as the venue itself or another tool would (orders without client order id). Prices
 * move only when the test sets them.
 */
export interface SimulatedAccount {
  readonly clock: ManualClock;
  readonly market: SimulatedMarket;
  readonly engine: SimEngine;
  readonly accountId: string;
  readonly venue: SimulatedVenue;
  /** `factor` × the symbol's last price, on a 0.01 grid. */
  price(factor: string): Dec;
  /** Submits on the engine (a market buy of `size` contracts unless told otherwise); the order id. */
  submit(command: Partial<SubmitOrderCommand>): string;
  stop(): void;
}

export function simulatedAccount(symbol: string, size = 1): SimulatedAccount {
  const simulator = inProcessSimulator({ orderVisibilityMs: 0, balanceUsdt: new Dec(1_000_000) });
  const { market, engine, accountId } = simulator;
  return {
    ...simulator,
    price: (factor) => market.lastPrice(symbol).mul(factor).toDecimalPlaces(2),
    submit(command) {
      const result = engine.submitOrder(accountId, { symbol, side: 1, type: 'market', mode: 1, size, ...command });
      if (!result.ok) throw new Error(result.error.message);
      return result.value.orderId;
    },
    stop: () => engine.stop(),
  };
}

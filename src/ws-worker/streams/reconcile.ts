import type { TradingRest } from '../../exchange/port/index.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import type { LiveState } from './LiveState.ts';

/**
 * Start-up reconciliation (docs/style.md#reconciliation), called once the private channels are subscribed:
 * open orders, positions and the USDT balance from REST. An event that arrived while the reads
 * were in flight is newer and wins (see `LiveState`). A failed read fails the start: a worker
 * that cannot see its account must not trade on a blank view, and a restart takes the same path.
 */
export async function reconcileFromRest(exchange: TradingRest, state: LiveState, logger: Logger): Promise<void> {
  const marks = state.generations();
  const [orders, positions, balances] = await Promise.all([
    exchange.openOrders(),
    exchange.positions(),
    exchange.balances(),
  ]);
  state.reconciledOrders(orders);
  state.reconciledPositions(positions, marks.positions);
  state.reconciledBalance(
    balances.find((balance) => balance.currency.toUpperCase() === 'USDT'),
    marks.balance,
  );
  logger.info(
    { openOrders: orders.length, positions: positions.length, balances: balances.length },
    'reconciled open orders, positions and balance from REST',
  );
}

import type { TradingRest } from '../../../exchange/port/FuturesExchange.ts';

/** The two account reads the exclusion makes: open positions and working orders. */
export type ExposureVenue = Pick<TradingRest, 'positions' | 'openOrders'>;

/** Why a symbol is busy on the venue. */
export type Exposure = 'OPEN_POSITION' | 'OPEN_ORDER';

/**
 * Symbols that already hold a position or a working order (docs/reference/original-system.md#open-exposure), from the
 * exchange port. Both calls are made once per run. A failure of either is NOT ignored as the original did: without
 * knowing what is open, the run could enter twice, so it surfaces to the runner, which reports
 * every symbol as ERROR for that run.
 */
export async function openExposure(exchange: ExposureVenue): Promise<Map<string, Exposure>> {
  const [positions, orders] = await Promise.all([exchange.positions(), exchange.openOrders()]);
  const busy = new Map<string, Exposure>();
  for (const order of orders) busy.set(order.symbol, 'OPEN_ORDER');
  // A position is the stronger reason; it overrides an order on the same symbol.
  for (const position of positions) busy.set(position.symbol, 'OPEN_POSITION');
  return busy;
}

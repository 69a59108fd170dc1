import type { OrderSide, Timeframe } from './types.ts';

/**
 * The venue's own names that our roles show their users unchanged, because the wire contracts we
 * keep were written for one venue: an order signal carries the venue's side code as text, and the
 * worker's control API lists the venue's kline channel names. Each venue adapter provides them,
 * so a role never spells a venue's topics or codes itself.
 */
export interface VenueNames {
  /** The venue's code for an order side, as text (BitMart: "1" to "4"). */
  orderSide(side: OrderSide): string;
  /** The venue's stream name for a symbol's klines; undefined when the venue streams no such timeframe. */
  klineChannel(symbol: string, timeframe: Timeframe): string | undefined;
}

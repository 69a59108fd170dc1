import type { OrderSide } from '../port/types.ts';
import type { VenueNames } from '../port/VenueNames.ts';
import { okxBarOfTimeframe, okxCandleChannel } from './protocol/bars.ts';
import { okxInstId } from './protocol/instruments.ts';

/**
 * The seeds' order-signal side codes, kept on every venue (decision 0032): the trading-app and the
 * PHP system read "1" open long, "2" close short, "3" close long, "4" open short, whatever the
 * exchange. OKX has no such code (its `side` + `posSide` or `reduceOnly` say it), so the signal
 * keeps the contract's.
 */
const SEED_SIDE_CODES: Readonly<Record<OrderSide, string>> = {
  open_long: '1',
  close_short: '2',
  close_long: '3',
  open_short: '4',
};

/**
 * OKX's names for what the roles show: an order side as the seeds' code (above), and a kline
 * channel as `candle1H:BTC-USDT-SWAP` (the business WebSocket's channel and instId).
 */
export const okxVenueNames: VenueNames = {
  orderSide: (side) => SEED_SIDE_CODES[side],
  klineChannel: (symbol, timeframe) => {
    try {
      return `${okxCandleChannel(okxBarOfTimeframe(timeframe))}:${okxInstId(symbol)}`;
    } catch {
      return undefined;
    }
  },
};

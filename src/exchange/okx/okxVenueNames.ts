import type { VenueNames } from '../port/VenueNames.ts';
import { sideToWire } from './mapping/enums.ts';
import { okxBarOfTimeframe, okxCandleChannel } from './protocol/bars.ts';
import { okxInstId } from './protocol/instruments.ts';

/**
 * OKX's names for what the roles show: an order side as OKX's `side` with its one-way reading
 * (`buy`, `sell`, `buy:reduce`, `sell:reduce`), and a kline channel as `candle1H:BTC-USDT-SWAP`
 * (the business WebSocket's channel and instId).
 */
export const okxVenueNames: VenueNames = {
  orderSide: (side) => {
    const wire = sideToWire(side, 'one_way');
    return wire.reduceOnly ? `${wire.side}:reduce` : wire.side;
  },
  klineChannel: (symbol, timeframe) => {
    try {
      return `${okxCandleChannel(okxBarOfTimeframe(timeframe))}:${okxInstId(symbol)}`;
    } catch {
      return undefined;
    }
  },
};

import type { VenueNames } from '../port/VenueNames.ts';
import { klineTopic } from './protocol/klineIntervals.ts';
import { sideToWire } from './protocol/orderCodes.ts';

/** BitMart's names for what the roles show (`futures/klineBin1H:BTCUSDT`, side "1" to "4"); the simulator's too, since it speaks BitMart's wire. */
export const bitmartVenueNames: VenueNames = {
  orderSide: (side) => String(sideToWire(side)),
  klineChannel: klineTopic,
};

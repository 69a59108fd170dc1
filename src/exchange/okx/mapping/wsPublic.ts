import { z } from 'zod';
import { Dec } from '../../../platform/decimal/index.ts';
import type { MarketTrade } from '../../port/types.ts';
import { okxDecimal, okxMillis } from '../protocol/wire/primitives.ts';
import { symbolOf } from './symbols.ts';

/**
 * The public `trades` push (https://www.okx.com/docs-v5/en/#order-book-trading-market-data-ws-trades-channel):
 * not in `protocol/wire` yet, so described here; `sz` is contracts, `side` the taker's.
 */
export const OkxWsTradeSchema = z.looseObject({
  instId: z.string(),
  tradeId: z.string(),
  px: okxDecimal,
  sz: okxDecimal,
  side: z.enum(['buy', 'sell']),
  ts: okxMillis,
});
export type OkxWsTrade = z.output<typeof OkxWsTradeSchema>;

export function tradeFromWire(row: OkxWsTrade): MarketTrade {
  return {
    symbol: symbolOf(row.instId),
    tradeId: row.tradeId,
    price: new Dec(row.px),
    size: new Dec(row.sz),
    takerSide: row.side,
    time: Number(row.ts),
  };
}

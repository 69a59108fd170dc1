import { Dec } from '../../../platform/decimal/index.ts';
import type { MarketTrade } from '../../port/types.ts';
import type { OkxWsTrade } from '../protocol/wire/market.ts';
import { symbolOf } from './symbols.ts';

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

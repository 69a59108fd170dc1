import { Dec } from '../../../platform/decimal/index.ts';
import type { Fill, Order } from '../../port/types.ts';
import type { OkxOrder } from '../protocol/wire/index.ts';
import { sideFromWire } from './enums.ts';
import { symbolOf } from './symbols.ts';

/**
 * The fill an `orders` push reports (https://www.okx.com/docs-v5/en/#order-book-trading-trade-ws-order-channel):
 * in the channel, `fillSz`/`fillPx`/`fillFee`/`tradeId` describe the **last** fill of this push
 * (unlike REST), and a push without a fill has `fillSz` "0" or "". `fillFee` is negative when
 * charged; the port's fee is positive when paid.
 */
export function lastFillOf(row: OkxOrder, order: Order): Fill | undefined {
  const size = row.fillSz ? new Dec(row.fillSz) : undefined;
  if (!size || size.isZero() || !row.tradeId || !row.fillPx) return undefined;
  const fee = typeof row['fillFee'] === 'string' && row['fillFee'] !== '' ? new Dec(row['fillFee']).neg() : new Dec(0);
  const pnl = typeof row['fillPnl'] === 'string' && row['fillPnl'] !== '' ? new Dec(row['fillPnl']) : undefined;
  const execType = row['execType'];
  const fillTime =
    typeof row['fillTime'] === 'string' && row['fillTime'] !== '' ? Number(row['fillTime']) : order.updatedAt;
  return {
    tradeId: row.tradeId,
    orderId: row.ordId,
    symbol: symbolOf(row.instId),
    side: sideFromWire(row.side, row.posSide, row.reduceOnly === 'true'),
    price: new Dec(row.fillPx),
    size,
    fee,
    role: execType === 'M' ? 'maker' : execType === 'T' ? 'taker' : undefined,
    realizedPnl: pnl,
    time: fillTime,
  };
}

import { Dec } from '../../../platform/decimal/index.ts';
import type { Fill, LedgerEntry, LedgerKind, Order, PlanOrder } from '../../port/types.ts';
import type { OkxBill } from '../protocol/wire/account.ts';
import type { OkxAlgoOrder, OkxFill, OkxOrder } from '../protocol/wire/index.ts';
import {
  marginModeFromWire,
  orderStatusFromWire,
  orderTriggerFromWire,
  orderTypeFromWire,
  priceSourceFromWire,
  sideFromWire,
} from './enums.ts';
import { symbolOf } from './symbols.ts';

/** Order, fill, algo and bill rows (https://www.okx.com/docs-v5/en/#order-book-trading-trade-get-order-details) → port types. */

const decOrUndefined = (value: string | undefined): Dec | undefined => (value ? new Dec(value) : undefined);

/** An order row of REST or of the `orders` push; sizes stay contracts. */
export function orderFromWire(row: OkxOrder): Order {
  const trigger = orderTriggerFromWire(row.source);
  return {
    orderId: row.ordId,
    clientOrderId: row.clOrdId,
    symbol: symbolOf(row.instId),
    side: sideFromWire(row.side, row.posSide, row.reduceOnly === 'true'),
    type: orderTypeFromWire(row.ordType, row['category']),
    ...(trigger ? { trigger } : {}),
    status: orderStatusFromWire(row.state),
    price: decOrUndefined(row.px),
    size: new Dec(row.sz),
    filledSize: new Dec(row.accFillSz || '0'),
    averageFillPrice: decOrUndefined(row.avgPx),
    leverage: decOrUndefined(row.lever),
    marginMode: row.tdMode === 'cross' || row.tdMode === 'isolated' ? marginModeFromWire(row.tdMode) : undefined,
    createdAt: Number(row.cTime),
    updatedAt: Number(row.uTime || row.cTime),
  };
}

/**
 * A fill. OKX's `fee` is negative when charged; the port's is positive when paid. A net-mode
 * fill that realised PnL closed (part of) a position.
 */
export function fillFromWire(row: OkxFill): Fill {
  const pnl = decOrUndefined(row.fillPnl);
  return {
    tradeId: row.tradeId,
    orderId: row.ordId,
    symbol: symbolOf(row.instId),
    side: sideFromWire(row.side, row.posSide, pnl !== undefined && !pnl.isZero()),
    price: new Dec(row.fillPx),
    size: new Dec(row.fillSz),
    fee: new Dec(row.fee || '0').neg(),
    role: row.execType === 'M' ? 'maker' : row.execType === 'T' ? 'taker' : undefined,
    realizedPnl: pnl,
    time: Number(row.fillTime || row.ts),
  };
}

/**
 * An algo order as the port's plan orders: a `trigger` is a plan; a `conditional` is a TP or a
 * SL (whichever trigger it has); an `oco` is both, listed as two rows under one algoId (cancelling
 * either cancels both, as on OKX).
 */
export function planOrdersFromWire(row: OkxAlgoOrder): PlanOrder[] {
  const common = {
    orderId: row.algoId,
    clientOrderId: row.algoClOrdId,
    symbol: symbolOf(row.instId),
    side: sideFromWire(row.side, row.posSide, row.reduceOnly === 'true' || row.ordType !== 'trigger'),
    size: new Dec(row.sz || '0'),
    createdAt: Number(row.cTime),
  };
  if (row.ordType === 'trigger') {
    return [
      {
        ...common,
        kind: 'plan',
        triggerPrice: new Dec(row.triggerPx || '0'),
        priceSource: priceSourceFromWire(row.triggerPxType),
        executionPrice: marketOrPrice(row.ordPx),
      },
    ];
  }
  const rows: PlanOrder[] = [];
  if (row.tpTriggerPx) {
    rows.push({
      ...common,
      kind: 'take_profit',
      triggerPrice: new Dec(row.tpTriggerPx),
      priceSource: priceSourceFromWire(row.tpTriggerPxType),
      executionPrice: marketOrPrice(row.tpOrdPx),
    });
  }
  if (row.slTriggerPx) {
    rows.push({
      ...common,
      kind: 'stop_loss',
      triggerPrice: new Dec(row.slTriggerPx),
      priceSource: priceSourceFromWire(row.slTriggerPxType),
      executionPrice: marketOrPrice(row.slOrdPx),
    });
  }
  return rows;
}

/** `-1` (or empty) = execute at market. */
function marketOrPrice(value: string): Dec | undefined {
  return !value || value === '-1' ? undefined : new Dec(value);
}

/** OKX bill types (https://www.okx.com/docs-v5/en/#trading-account-rest-api-get-bills-details-last-7-days). */
export const OKX_BILL_TYPE = { transfer: '1', trade: '2', liquidation: '5', funding: '8' } as const;

/** Which bill type carries each port ledger kind (a trade bill carries both PnL and fee). */
export const BILL_TYPE_OF_KIND: Readonly<Record<Exclude<LedgerKind, 'other'>, string>> = {
  transfer: OKX_BILL_TYPE.transfer,
  realized_pnl: OKX_BILL_TYPE.trade,
  commission: OKX_BILL_TYPE.trade,
  funding: OKX_BILL_TYPE.funding,
  liquidation: OKX_BILL_TYPE.liquidation,
};

/**
 * One bill → the port's ledger entries. A trade bill is one balance change holding the fill's
 * realised PnL and its fee together: it becomes a `realized_pnl` entry and a `commission` entry
 * (ids suffixed `:pnl` / `:fee`), each left out when zero. Other bills are one entry of `balChg`.
 */
export function ledgerEntriesFromWire(bill: OkxBill): LedgerEntry[] {
  const base = {
    symbol: bill.instId ? symbolOf(bill.instId) : undefined,
    currency: bill.ccy,
    time: Number(bill.ts),
  };
  if (bill.type === OKX_BILL_TYPE.trade) {
    const entries: LedgerEntry[] = [];
    const pnl = new Dec(bill.pnl || '0');
    const fee = new Dec(bill.fee || '0');
    if (!pnl.isZero()) entries.push({ ...base, id: `${bill.billId}:pnl`, kind: 'realized_pnl', amount: pnl });
    // OKX's fee is already signed from the account's side: negative when charged.
    if (!fee.isZero()) entries.push({ ...base, id: `${bill.billId}:fee`, kind: 'commission', amount: fee });
    return entries;
  }
  const kind: LedgerKind =
    bill.type === OKX_BILL_TYPE.transfer
      ? 'transfer'
      : bill.type === OKX_BILL_TYPE.funding
        ? 'funding'
        : bill.type === OKX_BILL_TYPE.liquidation
          ? 'liquidation'
          : 'other';
  return [{ ...base, id: bill.billId, kind, amount: new Dec(bill.balChg || '0') }];
}

import { okxInstId } from '../../../exchange/okx/protocol/instruments.ts';
import { toWire, ZERO } from '../../../platform/decimal/index.ts';
import type { LedgerFillRef, SimTransaction } from '../../engine/types.ts';

/**
 * The engine's ledger → OKX bills (https://www.okx.com/docs-v5/en/#trading-account-rest-api-get-bills-details-last-7-days),
 * oldest first. The engine books a fill as up to three rows (realised PnL, commission, and the
 * insurance fund's top-up when the loss exceeded the wallet); OKX shows a fill as one trade bill
 * (`type` 2) whose `balChg` is `pnl` + `fee`, so the PnL and commission rows of one trade become
 * one bill, its id the first row's. Funding is `type` 8 with `pnl` = the payment (173 expense,
 * 174 income); a liquidation is `type` 5 (104 long, 105 short), a top-up 110 (liquidation
 * transfer in). Trade subtypes: 1 buy / 2 sell in net mode, 3–6 open/close long/short in long/short mode.
 */
export interface OkxBillRow {
  readonly billId: string;
  readonly type: string;
  readonly subType: string;
  readonly symbol: string;
  readonly time: number;
  readonly row: Readonly<Record<string, string>>;
}

export function okxBills(ledger: readonly SimTransaction[], tagOf: (orderId: string) => string): OkxBillRow[] {
  const bills: OkxBillRow[] = [];
  for (let index = 0; index < ledger.length; index++) {
    const first = ledger[index]!;
    if (first.fill && (first.flowType === 2 || first.flowType === 4)) {
      const group = [first];
      while (isTradeRowOf(ledger[index + 1], first.fill)) group.push(ledger[++index]!);
      bills.push(tradeBill(group, first.fill, tagOf(first.fill.orderId)));
    } else {
      bills.push(otherBill(first, ledger[index - 1]));
    }
  }
  return bills;
}

function isTradeRowOf(row: SimTransaction | undefined, fill: LedgerFillRef): boolean {
  return row?.fill?.tradeId === fill.tradeId && (row.flowType === 2 || row.flowType === 4);
}

const TRADE_SUBTYPE_HEDGED: Readonly<Record<1 | 2 | 3 | 4, string>> = { 1: '3', 4: '4', 3: '5', 2: '6' };

function tradeSubType(fill: LedgerFillRef): string {
  if (fill.positionMode === 'hedge_mode') return TRADE_SUBTYPE_HEDGED[fill.side];
  return fill.side === 1 || fill.side === 2 ? '1' : '2';
}

function tradeBill(group: readonly SimTransaction[], fill: LedgerFillRef, tag: string): OkxBillRow {
  const first = group[0]!;
  const last = group[group.length - 1]!;
  const pnl = group.filter((row) => row.flowType === 2).reduce((sum, row) => sum.plus(row.amount), ZERO);
  const fee = group.filter((row) => row.flowType === 4).reduce((sum, row) => sum.plus(row.amount), ZERO);
  const subType = tradeSubType(fill);
  return {
    billId: first.tranId,
    type: '2',
    subType,
    symbol: first.symbol,
    time: first.time,
    row: {
      ...baseRow(first, '2', subType, pnl.plus(fee).toFixed(), last.balance.toFixed()),
      pnl: toWire(pnl),
      fee: toWire(fee),
      ...fillFields(fill, tag, first.time),
    },
  };
}

function otherBill(row: SimTransaction, previous: SimTransaction | undefined): OkxBillRow {
  const [type, subType] = typeOf(row, previous);
  const fill = row.fill;
  return {
    billId: row.tranId,
    type,
    subType,
    symbol: row.symbol,
    time: row.time,
    row: {
      ...baseRow(row, type, subType, toWire(row.amount), toWire(row.balance)),
      pnl: row.flowType === 3 || (row.flowType === 5 && subType !== '110') ? toWire(row.amount) : '0',
      fee: '0',
      ...(fill ? fillFields(fill, '', row.time) : {}),
    },
  };
}

function typeOf(row: SimTransaction, previous: SimTransaction | undefined): readonly [string, string] {
  switch (row.flowType) {
    case 1:
      return ['1', row.amount.isNegative() ? '12' : '11'];
    case 3:
      return ['8', row.amount.isNegative() ? '173' : '174'];
    case 5: {
      // The top-up after an ordinary fill follows that fill's rows; a liquidation is its own trade.
      const afterFill = row.fill !== undefined && previous?.fill?.tradeId === row.fill.tradeId;
      if (afterFill || !row.fill) return ['5', '110'];
      return ['5', row.fill.side === 3 ? '104' : '105'];
    }
    default:
      return ['2', ''];
  }
}

function baseRow(
  row: SimTransaction,
  type: string,
  subType: string,
  balChg: string,
  bal: string,
): Record<string, string> {
  return {
    instType: 'SWAP',
    instId: okxInstId(row.symbol),
    ccy: row.asset,
    billId: row.tranId,
    type,
    subType,
    ts: String(row.time),
    balChg,
    bal,
    posBalChg: '0',
    posBal: '0',
    sz: '',
    px: '',
    mgnMode: '',
    ordId: '',
    clOrdId: '',
    tradeId: '',
    execType: '',
    tag: '',
    from: '',
    to: '',
    notes: '',
    interest: '0',
    earnAmt: '',
    earnApr: '',
    fillTime: '',
    fillIdxPx: '',
    fillMarkPx: '',
    fillPxVol: '',
    fillPxUsd: '',
    fillMarkVol: '',
    fillFwdPx: '',
  };
}

function fillFields(fill: LedgerFillRef, tag: string, time: number): Record<string, string> {
  return {
    sz: String(fill.size),
    px: toWire(fill.price),
    mgnMode: fill.openType,
    ordId: fill.orderId,
    clOrdId: fill.clientOrderId,
    tradeId: fill.tradeId,
    execType: fill.role === 'maker' ? 'M' : 'T',
    tag,
    fillTime: String(time),
  };
}

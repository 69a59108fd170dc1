import { Dec } from '../../../platform/decimal/index.ts';
import type { LedgerEntry, LedgerKind } from '../../port/types.ts';
import type { BitmartFlowType, BitmartTransaction } from '../protocol/wire/index.ts';

/** `transaction-history` rows (docs/reference/bitmart-wire.md#transaction-history) ⇄ the port's ledger. */

const KIND_OF_FLOW: Readonly<Record<BitmartFlowType, Exclude<LedgerKind, 'other'>>> = {
  1: 'transfer',
  2: 'realized_pnl',
  3: 'funding',
  4: 'commission',
  5: 'liquidation',
};

export const FLOW_OF_KIND: Readonly<Record<Exclude<LedgerKind, 'other'>, BitmartFlowType>> = {
  transfer: 1,
  realized_pnl: 2,
  funding: 3,
  commission: 4,
  liquidation: 5,
};

/** The docs list `flow_type` on every row; a row without it still names its flow in `type`. */
const KIND_OF_TYPE_TEXT: Readonly<Record<string, Exclude<LedgerKind, 'other'>>> = {
  transfer: 'transfer',
  'realized pnl': 'realized_pnl',
  'funding fee': 'funding',
  'commission fee': 'commission',
  'liquidation clearance': 'liquidation',
};

export function ledgerKindFromFlow(flowType: BitmartFlowType): Exclude<LedgerKind, 'other'> {
  return KIND_OF_FLOW[flowType];
}

/** `amount` is signed as the port wants it (credited positive); `time` is a string of ms. */
export function ledgerEntryFromWire(row: BitmartTransaction): LedgerEntry {
  const kind =
    row.flow_type === undefined ? KIND_OF_TYPE_TEXT[row.type.trim().toLowerCase()] : KIND_OF_FLOW[row.flow_type];
  return {
    id: row.tran_id,
    symbol: row.symbol === '' ? undefined : row.symbol,
    kind: kind ?? 'other',
    amount: new Dec(row.amount),
    currency: row.asset,
    time: Number(row.time),
  };
}

import { Dec } from '../../../platform/decimal/index.ts';
import type { Balance, Position } from '../../port/types.ts';
import type { OkxBalanceDetail, OkxPosition } from '../protocol/wire/index.ts';
import { marginModeFromWire } from './enums.ts';
import { symbolOf } from './symbols.ts';

/** Account rows (https://www.okx.com/docs-v5/en/#trading-account-rest-api-get-balance, -get-positions) → port types. */

const dec = (value: string | undefined): Dec => (value ? new Dec(value) : new Dec(0));
const decOrUndefined = (value: string | undefined): Dec | undefined => (value ? new Dec(value) : undefined);

/**
 * One currency: `availBal` (or `availEq` in the margin modes that set it) is what new orders may use;
 * `ordFrozen` is held by open orders; the rest of `frozenBal` is margin held by positions.
 */
export function balanceFromWire(detail: OkxBalanceDetail): Balance {
  const frozen = dec(detail.ordFrozen);
  const held = dec(detail.frozenBal).minus(frozen);
  return {
    currency: detail.ccy,
    available: detail.availBal ? new Dec(detail.availBal) : dec(detail.availEq),
    frozen,
    positionMargin: held.isNegative() ? new Dec(0) : held,
    unrealizedPnl: dec(detail.upl),
    equity: dec(detail.eq),
  };
}

/**
 * An open position, or undefined for a flat row (OKX lists a closed position that still has a
 * posId). `pos` is signed in net mode (negative = short); in long/short mode `posSide` says.
 * Cross positions report their margin in `imr`, isolated ones in `margin`.
 */
export function positionFromWire(row: OkxPosition): Position | undefined {
  const pos = new Dec(row.pos);
  if (pos.isZero()) return undefined;
  const net = row.posSide === 'net';
  const side = net ? (pos.isNegative() ? 'short' : 'long') : row.posSide === 'short' ? 'short' : 'long';
  const marginMode = marginModeFromWire(row.mgnMode);
  return {
    symbol: symbolOf(row.instId),
    side,
    mode: net ? 'one_way' : 'hedge',
    size: pos.abs(),
    entryPrice: dec(row.avgPx),
    markPrice: decOrUndefined(row.markPx),
    leverage: decOrUndefined(row.lever),
    marginMode,
    margin: decOrUndefined(marginMode === 'isolated' ? row.margin : row.imr),
    unrealizedPnl: decOrUndefined(row.upl),
    realizedPnl: decOrUndefined(row.realizedPnl),
    liquidationPrice: decOrUndefined(row.liqPx),
    updatedAt: row.uTime ? Number(row.uTime) : Number(row.cTime),
  };
}

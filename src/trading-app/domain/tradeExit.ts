import type { CloseReason } from '../../contracts/signals/orderCallback.ts';

/**
 * Why a trade ended, in the trade record's words (issue 11): the stop, the first or the second
 * target, the stop moved after TP1, the time stop, a person, the venue's liquidation. `exchange`
 * is transitional: the venue closed the position and the order that did it is not read yet (the
 * reconciliation replaces it).
 */
export const TRADE_EXIT_REASONS = [
  'stop_loss',
  'tp1',
  'tp2',
  'trailing',
  'time_stop',
  'manual',
  'liquidation',
  'exchange',
] as const;
export type TradeExitReason = (typeof TRADE_EXIT_REASONS)[number];

/**
 * The worker's `closed` reason → the trade's. `take_profit` is the last target: TP2 when TP1 closed
 * part of the position before (a `partially_closed` came), else TP1 (one target, or a split too
 * small that put everything on TP1).
 */
export function exitReasonOfCallback(reason: CloseReason, tp1ClosedBefore: boolean): TradeExitReason {
  if (reason === 'take_profit') return tp1ClosedBefore ? 'tp2' : 'tp1';
  return reason;
}

/**
 * What an order did for a trade. `close` is the worker's own market close (its reason is the
 * trade's exit reason); `take_profit` a target the venue's trigger filled; `trailing` a stop the
 * worker moved after TP1; `manual` an order neither we nor a trigger of ours made.
 */
export const TRADE_ORDER_ROLES = [
  'entry',
  'stop_loss',
  'trailing',
  'tp1',
  'tp2',
  'take_profit',
  'close',
  'liquidation',
  'manual',
] as const;
export type TradeOrderRole = (typeof TRADE_ORDER_ROLES)[number];

/**
 * The exit reason the venue's final closing order tells by itself; undefined for the worker's own
 * close, whose reason only its callback knows. `stopMoved`: a stop the worker moved was seen;
 * `partlyClosedBefore`: an earlier close took part of the position (TP1).
 */
export function exitReasonOfClosingRole(
  role: TradeOrderRole,
  facts: { readonly stopMoved: boolean; readonly partlyClosedBefore: boolean },
): TradeExitReason | undefined {
  switch (role) {
    case 'stop_loss':
    case 'trailing':
      return role === 'trailing' || facts.stopMoved ? 'trailing' : 'stop_loss';
    case 'take_profit':
    case 'tp2':
      return facts.partlyClosedBefore ? 'tp2' : 'tp1';
    case 'tp1':
      return 'tp1';
    case 'liquidation':
    case 'manual':
      return role;
    default:
      return undefined;
  }
}

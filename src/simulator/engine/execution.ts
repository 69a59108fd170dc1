import { type Dec, ZERO } from '../../platform/decimal/index.ts';
import type { ContractSpec } from '../market/types.ts';
import type { Account } from './Account.ts';
import { type EngineContext, specOf } from './context.ts';
import { feeFor, marginPerContract, proportion } from './money.ts';
import { pnlAt } from './positionMath.ts';
import type { OrderRecord, PositionRecord } from './records.ts';
import type { LedgerFillRef, OrderAction, PositionType } from './types.ts';

/** How one fill splits between reducing a position and opening (or adding to) one. */
interface FillSplit {
  readonly close: PositionRecord | undefined;
  readonly closeSize: number;
  readonly openType: PositionType | undefined;
  readonly openSize: number;
}

/** Sides 2/3 only reduce. One-way 1/4 first net against the opposite side, the rest opens (a flip). */
export function splitFill(account: Account, order: OrderRecord, spec: ContractSpec, size: number): FillSplit {
  if (order.closes !== undefined) {
    const position = account.position(spec, order.closes);
    return { close: position, closeSize: Math.min(size, position.amount), openType: undefined, openSize: 0 };
  }
  const opens: PositionType = order.side === 1 ? 1 : 2;
  if (account.positionMode === 'hedge_mode') return { close: undefined, closeSize: 0, openType: opens, openSize: size };
  const opposite = account.position(spec, opens === 1 ? 2 : 1);
  const closeSize = Math.min(size, opposite.amount);
  return { close: opposite, closeSize, openType: opens, openSize: size - closeSize };
}

/**
 * Applies one execution of `order`: releases its frozen share, closes and/or opens position
 * contracts, charges the fee, records the fill and the ledger rows, and pushes the order event.
 */
export function applyFill(
  context: EngineContext,
  account: Account,
  order: OrderRecord,
  price: Dec,
  size: number,
  role: 'maker' | 'taker',
): void {
  const spec = specOf(context, order.symbol);
  const now = context.clock.now();
  const tranId = () => context.ids.transaction();
  releaseFrozen(account, order, size);
  const split = splitFill(account, order, spec, size);
  const tradeId = context.ids.trade();
  const fill: LedgerFillRef = {
    tradeId,
    orderId: order.orderId,
    clientOrderId: order.clientOrderId,
    side: order.side,
    price,
    size,
    role,
    openType: order.openType,
    positionMode: order.positionMode,
  };
  let realized = ZERO;
  if (split.close && split.closeSize > 0) {
    realized = closePart(account, split.close, split.closeSize, price, spec, now);
    account.book(2, order.symbol, realized, now, tranId, fill);
  }
  if (order.closes !== undefined) {
    const reserved = Math.min(size, order.closingReserved);
    order.closingReserved -= reserved;
    account.position(spec, order.closes).frozenAmount -= reserved;
  }
  let opened: PositionRecord | undefined;
  if (split.openType !== undefined && split.openSize > 0) {
    opened = account.position(spec, split.openType);
    openPart(account, opened, order, split.openSize, price, spec, now);
  }
  const fee = feeFor(price, size, spec.contractSize, role === 'maker' ? spec.makerFeeRate : spec.takerFeeRate);
  account.book(4, order.symbol, fee.neg(), now, tranId, fill);
  const charged = opened ?? split.close;
  if (charged) charged.feesPaid = charged.feesPaid.plus(fee);
  account.coverShortfall(order.symbol, now, tranId, fill);
  recordExecution(account, order, { tradeId, price, size, fee, realized, role, time: now });
  // The fill push carries the final state 4 itself when this fill completes the order.
  if (order.dealSize >= order.size) finishOrder(context, account, order, undefined);
  context.events.order(account, 1, order);
  context.events.touch(account, order.symbol);
  if (split.close && split.closeSize > 0) afterClose(context, account, split.close);
  if (opened) context.hooks.afterOpeningFill(account, order, opened.positionType);
}

function releaseFrozen(account: Account, order: OrderRecord, size: number): void {
  if (order.frozen.isZero()) return;
  const release = order.dealSize + size >= order.size ? order.frozen : order.frozenPerContract.mul(size);
  order.frozen = order.frozen.minus(release);
  account.frozen = account.frozen.minus(release);
  account.available = account.available.plus(release);
}

/** Returns the realised PnL; the released margin goes back to `available` (not a balance change). */
export function closePart(
  account: Account,
  position: PositionRecord,
  size: number,
  price: Dec,
  spec: ContractSpec,
  now: number,
): Dec {
  const released = proportion(position.margin, size, position.amount);
  const realized = pnlAt(position, price, size, spec.contractSize);
  position.margin = position.margin.minus(released);
  position.amount -= size;
  position.realizedPnl = position.realizedPnl.plus(realized);
  position.closedVolume += size;
  position.closedValue = position.closedValue.plus(price.mul(size));
  position.updateTime = now;
  account.available = account.available.plus(released);
  return realized;
}

function openPart(
  account: Account,
  position: PositionRecord,
  order: OrderRecord,
  size: number,
  price: Dec,
  spec: ContractSpec,
  now: number,
): void {
  if (position.amount === 0) {
    // A new position starts its own statistics.
    Object.assign(position, { entryPrice: price, realizedPnl: ZERO, feesPaid: ZERO, closedVolume: 0 });
    Object.assign(position, { closedValue: ZERO, openTime: now, leverage: order.leverage, openType: order.openType });
  } else {
    const value = position.entryPrice.mul(position.amount).plus(price.mul(size));
    position.entryPrice = value.div(position.amount + size).toDecimalPlaces(12);
  }
  // The order's leverage, not the position's: it is what the frozen share was computed with.
  const margin = marginPerContract(price, spec.contractSize, order.leverage).mul(size);
  account.available = account.available.minus(margin);
  position.margin = position.margin.plus(margin);
  position.amount += size;
  position.updateTime = now;
}

function recordExecution(
  account: Account,
  order: OrderRecord,
  fill: { tradeId: string; price: Dec; size: number; fee: Dec; realized: Dec; role: 'maker' | 'taker'; time: number },
): void {
  const { tradeId } = fill;
  order.dealSize += fill.size;
  order.dealValue = order.dealValue.plus(fill.price.mul(fill.size));
  order.lastTrade = { tradeId, size: fill.size, price: fill.price, fee: fill.fee };
  order.updateTime = fill.time;
  account.addFill({
    tradeId,
    orderId: order.orderId,
    clientOrderId: order.clientOrderId,
    symbol: order.symbol,
    side: order.side,
    price: fill.price,
    size: fill.size,
    role: fill.role,
    fee: fill.fee,
    realizedPnl: fill.realized,
    time: fill.time,
  });
}

/** A position that shrank may leave reduce-only orders reserving more than it holds: trim them. */
function afterClose(context: EngineContext, account: Account, position: PositionRecord): void {
  if (position.frozenAmount > position.amount) {
    const closing = context.openOrders
      .ofAccount(account, position.symbol)
      .filter((order) => order.closes === position.positionType)
      .reverse();
    for (const order of closing) {
      if (position.frozenAmount <= position.amount) break;
      finishOrder(context, account, order, 3);
    }
  }
  if (position.amount === 0) context.hooks.afterPositionClosed(account, position.symbol, position.positionType);
}

/**
 * Ends an order (filled, canceled, killed): gives back what it still holds, takes it off the
 * book, and pushes `action` when given (a fill's own push already carries the final state).
 */
export function finishOrder(
  context: EngineContext,
  account: Account,
  order: OrderRecord,
  action: OrderAction | undefined,
): void {
  if (order.state === 4) return;
  if (!order.frozen.isZero()) {
    account.frozen = account.frozen.minus(order.frozen);
    account.available = account.available.plus(order.frozen);
    order.frozen = ZERO;
  }
  if (order.closes !== undefined && order.closingReserved > 0) {
    account.position(specOf(context, order.symbol), order.closes).frozenAmount -= order.closingReserved;
    order.closingReserved = 0;
  }
  order.state = 4;
  order.canceled = order.dealSize < order.size;
  order.updateTime = context.clock.now();
  context.openOrders.remove(order);
  if (action !== undefined) context.events.order(account, action, order);
  context.events.touch(account, order.symbol);
}

import type { Order, PlanOrder, Position } from '../../exchange/port/types.ts';
import { Dec, ZERO } from '../../platform/decimal/index.ts';

/** One protective order as the dashboard shows it: a trigger (or a resting limit) and what it closes. */
export interface ProtectionOrderView {
  readonly order_id: string;
  readonly price: string;
  /** Contracts it closes; a position-level trigger closes the whole position. */
  readonly size: string;
}

/**
 * An open position as the exchange holds it, for `GET /api/dashboard/positions` and the `positions`
 * event. Prices, sizes and money are decimal strings; percentages have 2 decimals.
 */
export interface PositionView {
  readonly symbol: string;
  readonly side: 'long' | 'short';
  /** Contracts. */
  readonly size: string;
  readonly entry_price: string;
  readonly mark_price: string | null;
  /** USDT at the mark: (mark − entry) × size × contract size, negated for a short; 4 decimals. */
  readonly unrealized_pnl: string | null;
  /** Of the initial margin (entry notional / leverage), as the venue shows ROE; of the notional without a leverage. */
  readonly unrealized_pnl_pct: string | null;
  readonly leverage: string | null;
  readonly margin_mode: 'cross' | 'isolated';
  readonly liquidation_price: string | null;
  /** |mark − liquidation| / mark, in %. */
  readonly liquidation_distance_pct: string | null;
  readonly protection: {
    /** The stop that fires first, with the size all waiting stops cover together (at most the position's). */
    readonly stop: ProtectionOrderView | null;
    /** Nearest first. */
    readonly targets: readonly ProtectionOrderView[];
  };
  /** No waiting stop (or stops together) covers the whole size. */
  readonly unprotected: boolean;
  /** Our open trade of this symbol and side (its decision key), if any. */
  readonly trade_id: string | null;
}

export interface PositionInputs {
  readonly position: Position;
  /** Base units per contract; PnL needs it. */
  readonly contractSize: Dec | undefined;
  /** A newer mark than the position's (a ticker event); else the position's own. */
  readonly mark: Dec | undefined;
  /** The symbol's waiting plan and TP/SL orders. */
  readonly plans: readonly PlanOrder[];
  /** The symbol's open regular orders (resting reduce-only limits count as targets). */
  readonly openOrders: readonly Order[];
  readonly tradeId: string | undefined;
}

const HUNDRED = new Dec(100);

export function positionView(inputs: PositionInputs): PositionView {
  const { position } = inputs;
  const long = position.side === 'long';
  const mark = inputs.mark ?? position.markPrice;
  const pnl = mark && inputs.contractSize ? unrealizedPnl(position, mark, inputs.contractSize) : undefined;
  const { stop, targets } = protectionOf(inputs, mark ?? position.entryPrice);
  return {
    symbol: position.symbol,
    side: position.side,
    size: position.size.toFixed(),
    entry_price: position.entryPrice.toFixed(),
    mark_price: mark?.toFixed() ?? null,
    unrealized_pnl: pnl?.toFixed(4) ?? null,
    unrealized_pnl_pct: pnl && inputs.contractSize ? pnlPercent(position, pnl, inputs.contractSize) : null,
    leverage: position.leverage?.toFixed() ?? null,
    margin_mode: position.marginMode,
    liquidation_price: position.liquidationPrice?.toFixed() ?? null,
    liquidation_distance_pct:
      mark && position.liquidationPrice && mark.gt(0)
        ? mark.sub(position.liquidationPrice).abs().div(mark).mul(HUNDRED).toFixed(2)
        : null,
    protection: { stop, targets },
    unprotected: stop === null || new Dec(stop.size).lt(position.size),
    trade_id: inputs.tradeId ?? null,
  };
  function unrealizedPnl(held: Position, at: Dec, contractSize: Dec): Dec {
    const move = long ? at.sub(held.entryPrice) : held.entryPrice.sub(at);
    return move.mul(held.size).mul(contractSize);
  }
}

function pnlPercent(position: Position, pnl: Dec, contractSize: Dec): string | null {
  const notional = position.entryPrice.mul(position.size).mul(contractSize);
  const base = position.leverage?.gt(0) ? notional.div(position.leverage) : notional;
  return base.gt(0) ? pnl.div(base).mul(HUNDRED).toFixed(2) : null;
}

/**
 * The position's protective orders on the closing side: stop-loss triggers and closing plans on
 * the losing side of `reference` are stops; take-profit triggers, closing plans on the winning
 * side and resting closing limits are targets.
 */
function protectionOf(
  inputs: PositionInputs,
  reference: Dec,
): { stop: ProtectionOrderView | null; targets: ProtectionOrderView[] } {
  const { position } = inputs;
  const long = position.side === 'long';
  const closing = long ? 'close_long' : 'close_short';
  const losing = (price: Dec) => (long ? price.lt(reference) : price.gt(reference));
  const sizeOf = (size: Dec) => (size.isZero() ? position.size : size);
  const stops: PlanOrder[] = [];
  const targets: { orderId: string; price: Dec; size: Dec }[] = [];
  for (const plan of inputs.plans) {
    if (plan.symbol !== position.symbol || plan.side !== closing) continue;
    const isStop = plan.kind === 'stop_loss' || (plan.kind === 'plan' && losing(plan.triggerPrice));
    if (isStop) stops.push(plan);
    else targets.push({ orderId: plan.orderId, price: plan.triggerPrice, size: sizeOf(plan.size) });
  }
  for (const order of inputs.openOrders) {
    if (order.symbol !== position.symbol || order.side !== closing || order.type !== 'limit' || !order.price) continue;
    if (!losing(order.price))
      targets.push({ orderId: order.orderId, price: order.price, size: order.size.sub(order.filledSize) });
  }
  targets.sort((a, b) => (long ? a.price.cmp(b.price) : b.price.cmp(a.price)));
  return {
    stop: stopView(stops, long, sizeOf, position.size),
    targets: targets.map((target) => ({
      order_id: target.orderId,
      price: target.price.toFixed(),
      size: target.size.toFixed(),
    })),
  };
}

function stopView(
  stops: readonly PlanOrder[],
  long: boolean,
  sizeOf: (size: Dec) => Dec,
  positionSize: Dec,
): ProtectionOrderView | null {
  const first = [...stops].sort((a, b) =>
    long ? b.triggerPrice.cmp(a.triggerPrice) : a.triggerPrice.cmp(b.triggerPrice),
  )[0];
  if (!first) return null;
  const covered = stops.reduce((sum, stop) => sum.add(sizeOf(stop.size)), ZERO);
  return {
    order_id: first.orderId,
    price: first.triggerPrice.toFixed(),
    size: Dec.min(covered, positionSize).toFixed(),
  };
}

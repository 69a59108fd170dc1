import type { CLOSE_REASONS } from '../../contracts/signals/orderCallback.ts';
import type { Order } from '../../exchange/port/types.ts';
import { Dec } from '../../platform/decimal/index.ts';
import { attemptResult, closingSideOf } from './closeOrders.ts';
import type { ExecutionContext } from './context.ts';
import type { ClosePart, Closing, PositionRecord } from './records.ts';
import type { CloseReason } from './triggers.ts';

/** A reason the `closed` callback may carry. */
type ReportedReason = (typeof CLOSE_REASONS)[number];

/** What the closure hands back to the monitor: the next attempt, and the end of a position. */
export interface ClosureHost {
  close(position: PositionRecord, reason: CloseReason, size: Dec, target: Closing['target']): void;
  /** A target's part is closed (the attempt settled with all of it filled). */
  targetFilled(position: PositionRecord, closing: Closing): void;
  /** A refused attempt: the venue is inspected and what can be closed is closed (`CloseRecovery`). */
  recover(position: PositionRecord, closing: Closing, refusals: string[]): void;
  untrack(position: PositionRecord): void;
}

/**
 * How a close attempt ends and how a monitored position ends. An attempt settles once each of its
 * parts is final (filled, canceled, or refused): what filled is taken off the position, a
 * remainder left by a thin book is closed at once, a refusal goes to recovery. Each end is reported
 * once: the record leaves the store in the same synchronous step as the callback is queued.
 */
export class PositionClosure {
  readonly #context: ExecutionContext;
  readonly #host: ClosureHost;

  constructor(context: ExecutionContext, host: ClosureHost) {
    this.#context = context;
    this.#host = host;
  }

  /** The venue's view of one of the attempt's orders (stream event, follow-up, reconcile). */
  applyClose(position: PositionRecord, order: Order): void {
    const closing = position.closing;
    const part = closing?.parts.find((candidate) => candidate.clientOrderId === order.clientOrderId);
    if (!closing || !part || part.outcome || !this.#isCurrent(position)) return;
    part.orderId = order.orderId;
    if (order.status !== 'filled' && order.status !== 'canceled') return; // still working
    const price = order.averageFillPrice ?? order.price ?? this.#context.quotes.get(position.symbol)?.last;
    part.outcome = { filled: order.filledSize, price };
    this.#settleWhenDone(position, closing);
  }

  /** The venue refused the part, or never saw it within its visibility window. */
  partRefused(position: PositionRecord, part: ClosePart, error: unknown): void {
    const closing = position.closing;
    if (!closing?.parts.includes(part) || part.outcome || !this.#isCurrent(position)) return;
    part.outcome = { refused: error instanceof Error ? error.message : String(error) };
    this.#settleWhenDone(position, closing);
  }

  /** Every part of the attempt is final: take what filled off the position and decide what next. */
  settle(position: PositionRecord, closing: Closing): void {
    if (position.closing !== closing || !this.#isCurrent(position)) return;
    const { filled, value, refusals } = attemptResult(closing.parts);
    if (!closing.settled && filled.gt(0)) {
      position.size = Dec.max(position.size.sub(filled), 0);
      position.closed = { size: position.closed.size.add(filled), value: position.closed.value.add(value) };
      position.closeFailures = 0;
      const { management } = position;
      const { targetClosed } = management;
      if (closing.target)
        management.targetClosed = { size: targetClosed.size.add(filled), value: targetClosed.value.add(value) };
    }
    closing.settled = true;
    if (position.size.isZero()) {
      const orderId = closing.parts.find((part) => part.orderId !== undefined)?.orderId ?? '';
      this.#finalize(position, closing.reason, orderId, undefined);
      return;
    }
    // What this attempt still had to close: a target's part, or all that remains.
    const left = closing.target ? closing.target.size.sub(filled) : position.size;
    if (closing.target && left.lte(0)) {
      position.closing = undefined;
      this.#host.targetFilled(position, closing);
      return;
    }
    if (refusals.length === 0 && filled.gt(0)) {
      // A thin book filled part of it: the rest goes out at once, for the same reason.
      position.closing = undefined;
      this.#context.persist();
      const target = closing.target && { number: closing.target.number, size: left };
      this.#host.close(position, closing.reason, left, target);
      return;
    }
    this.#context.persist();
    this.#host.recover(position, closing, refusals.length > 0 ? refusals : ['close order canceled unfilled']);
  }

  /** The venue closed it (preset TP/SL, liquidation, a manual close): its last closing order is the report. */
  async reportClosedByExchange(position: PositionRecord): Promise<void> {
    const { exchange, logger } = this.#context;
    const closingSide = closingSideOf(position.side);
    const history = await exchange
      .orderHistory(position.symbol, { start: position.createdAt })
      .catch((error: unknown) => {
        logger.warn({ err: error, id: position.id }, 'could not read the order history for the close price');
        return [];
      });
    if (!this.#isCurrent(position) || position.closing) return;
    const close = history
      .filter((order) => order.side === closingSide && order.filledSize.gt(0))
      .sort((a, b) => b.updatedAt - a.updatedAt)[0];
    const price = close?.averageFillPrice ?? this.#context.quotes.get(position.symbol)?.last;
    this.#finalize(position, this.#exitReasonOf(close, position), close?.orderId ?? '', price);
  }

  /**
   * Why the venue's close ended the position: a liquidation; an order of another tool (a person
   * on the exchange: `manual`); the exchange's own close at the stop (`trailing` once moved) or a
   * target; else `exchange`. The role is named while the position is still monitored, so it
   * outlives the position.
   */
  #exitReasonOf(close: Order | undefined, position: PositionRecord): ReportedReason {
    if (!close) return 'exchange';
    if (close.type === 'liquidation') return 'liquidation';
    const role = this.#context.store.roles.of(close, [position]);
    if (role?.kind === 'STOP_LOSS') return position.management.stopMoved ? 'trailing' : 'stop_loss';
    if (role?.kind === 'TAKE_PROFIT') return 'take_profit';
    return role === undefined && close.clientOrderId !== '' && !close.clientOrderId.startsWith('PLAN_')
      ? 'manual'
      : 'exchange';
  }

  #settleWhenDone(position: PositionRecord, closing: Closing): void {
    if (closing.parts.every((part) => part.outcome !== undefined)) this.settle(position, closing);
    else this.#context.persist();
  }

  #isCurrent(position: PositionRecord): boolean {
    return this.#context.store.positions.get(position.id) === position;
  }

  /**
   * The position's end, told once. `venuePrice`: the venue closed what remained (`position.size`)
   * at that price; otherwise our closes closed it all. The close price is the final leg's (after
   * TP1, the remainder's); the quantity and average cover the position's whole life.
   */
  #finalize(position: PositionRecord, reason: ReportedReason, closeOrderId: string, venuePrice: Dec | undefined): void {
    const remaining = position.size;
    const { closed, management } = position;
    const total = venuePrice
      ? { size: closed.size.add(remaining), value: closed.value.add(venuePrice.mul(remaining)) }
      : closed;
    const legSize = total.size.sub(management.targetClosed.size);
    const leg = legSize.gt(0) ? total.value.sub(management.targetClosed.value).div(legSize) : venuePrice;
    const closePrice = (leg ?? this.#context.quotes.get(position.symbol)?.last)?.toFixed() ?? '0';
    this.#host.untrack(position);
    this.#context.store.finish(position);
    this.#context.persist();
    this.#context.logger.info({ id: position.id, reason, closePrice }, 'position closed');
    void this.#context.callbacks.send(position, {
      status: 'closed',
      position_id: position.id,
      close_order_id: closeOrderId,
      reason,
      close_price: closePrice,
      ...(total.size.gt(0) && {
        closed_quantity: total.size.toFixed(),
        average_close_price: total.value.div(total.size).toFixed(),
      }),
    });
    void this.#cancelLeftoverProtections(position);
  }

  /**
   * The presets became position TP/SL plan orders; a flat position leaves them pointless (BitMart
   * and the simulator drop them with the position, but a partial fill's may linger). Kept while
   * another monitored request still holds the same position.
   */
  async #cancelLeftoverProtections(position: PositionRecord): Promise<void> {
    const { exchange, logger, store } = this.#context;
    for (const other of store.positions.values()) {
      if (other.symbol === position.symbol && other.side === position.side) return;
    }
    const closingSide = closingSideOf(position.side);
    try {
      const plans = await exchange.planOrders(position.symbol);
      for (const plan of plans) {
        if (plan.kind === 'plan' || plan.side !== closingSide) continue;
        await exchange.cancelPlanOrder({ symbol: position.symbol, orderId: plan.orderId }).catch((error: unknown) => {
          logger.warn({ err: error, id: position.id, planOrderId: plan.orderId }, 'could not cancel a leftover TP/SL');
        });
      }
    } catch (error) {
      logger.warn({ err: error, id: position.id }, 'could not list leftover TP/SL orders');
    }
  }
}

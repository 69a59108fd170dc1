import type { Order } from '../../exchange/port/types.ts';
import { type ExecutionContext, MAX_CLOSE_FAILURES } from './context.ts';
import type { PositionRecord } from './records.ts';

type ClosedReason = 'stop_loss' | 'take_profit' | 'exchange';

/**
 * How a monitored position ends: our close filled, our close failed (reported, retried on a later
 * price event up to `MAX_CLOSE_FAILURES`), or the venue closed it first. Each end is reported once:
 * the record leaves the store in the same synchronous step as the callback is queued.
 */
export class PositionClosure {
  readonly #context: ExecutionContext;
  readonly #untrack: (position: PositionRecord) => void;

  constructor(context: ExecutionContext, untrack: (position: PositionRecord) => void) {
    this.#context = context;
    this.#untrack = untrack;
  }

  applyClose(position: PositionRecord, order: Order): void {
    const closing = position.closing;
    if (!closing || closing.clientOrderId !== order.clientOrderId) return;
    if (this.#context.store.positions.get(position.id) !== position) return;
    closing.orderId = order.orderId;
    if (order.status === 'filled') {
      const price = order.averageFillPrice ?? order.price ?? this.#context.quotes.get(position.symbol)?.last;
      this.#finalize(position, closing.reason, order.orderId, price?.toFixed() ?? '0');
      return;
    }
    if (order.status !== 'canceled') return; // still working: a later event or poll finishes it
    if (order.filledSize.gt(0)) {
      // A partial market close (thin book): the rest stays monitored and the next price event closes it.
      position.size = position.size.sub(order.filledSize);
      position.closing = undefined;
      this.#context.persist();
      return;
    }
    void this.closeFailed(position, closing.clientOrderId, new Error('close order canceled unfilled'));
  }

  /**
   * The close was refused. If the position is gone anyway (the preset fired first, the reduce-only
   * close then had nothing to reduce) it is a close by the exchange; otherwise `close_failed`.
   */
  async closeFailed(position: PositionRecord, clientOrderId: string, error: unknown): Promise<void> {
    const closing = position.closing;
    if (!closing || closing.clientOrderId !== clientOrderId) return;
    const { exchange, logger } = this.#context;
    const held = await exchange.positions(position.symbol).then(
      (open) => open.some((item) => item.side === position.side),
      () => true,
    );
    if (this.#context.store.positions.get(position.id) !== position || position.closing !== closing) return;
    if (!held) {
      position.closing = undefined;
      await this.reportClosedByExchange(position);
      return;
    }
    position.closing = undefined;
    position.closeFailures += 1;
    this.#context.persist();
    const message = error instanceof Error ? error.message : String(error);
    const exhausted = position.closeFailures >= MAX_CLOSE_FAILURES;
    logger.error(
      { err: error, id: position.id, reason: closing.reason, failures: position.closeFailures },
      exhausted
        ? 'POSITION CLOSE FAILED, retries exhausted: only the exchange-side TP/SL protects it now, act manually'
        : 'POSITION CLOSE FAILED, retrying on the next price event',
    );
    void this.#context.callbacks.send(
      position,
      { status: 'close_failed', position_id: position.id, reason: closing.reason, error: message },
      String(position.closeFailures),
    );
  }

  /** The venue closed it (preset TP/SL, liquidation, a manual close): its last closing order is the report. */
  async reportClosedByExchange(position: PositionRecord): Promise<void> {
    const { exchange, logger } = this.#context;
    const closingSide = position.side === 'long' ? 'close_long' : 'close_short';
    const history = await exchange
      .orderHistory(position.symbol, { start: position.createdAt })
      .catch((error: unknown) => {
        logger.warn({ err: error, id: position.id }, 'could not read the order history for the close price');
        return [];
      });
    if (this.#context.store.positions.get(position.id) !== position || position.closing) return;
    const close = history
      .filter((order) => order.side === closingSide && order.filledSize.gt(0))
      .sort((a, b) => b.updatedAt - a.updatedAt)[0];
    const price = close?.averageFillPrice ?? this.#context.quotes.get(position.symbol)?.last;
    this.#finalize(position, 'exchange', close?.orderId ?? '', price?.toFixed() ?? '0');
  }

  #finalize(position: PositionRecord, reason: ClosedReason, closeOrderId: string, closePrice: string): void {
    this.#untrack(position);
    this.#context.store.finish(position);
    this.#context.persist();
    this.#context.logger.info({ id: position.id, reason, closePrice }, 'position closed');
    void this.#context.callbacks.send(position, {
      status: 'closed',
      position_id: position.id,
      close_order_id: closeOrderId,
      reason,
      close_price: closePrice,
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
    const closingSide = position.side === 'long' ? 'close_long' : 'close_short';
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

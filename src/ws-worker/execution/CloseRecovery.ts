import type { Order, OrderSide, Position } from '../../exchange/port/types.ts';
import { Dec, ZERO } from '../../platform/decimal/index.ts';
import { attemptResult, closingSideOf } from './closeOrders.ts';
import { type ExecutionContext, MAX_CLOSE_FAILURES } from './context.ts';
import type { Closing, PositionRecord } from './records.ts';
import type { CloseReason } from './triggers.ts';

/** How long a canceled conflicting order may take to be final before the free part is closed anyway. */
const CANCEL_WAIT_MS = 5_000;

export interface RecoveryHost {
  close(position: PositionRecord, reason: CloseReason, size: Dec, target: Closing['target']): void;
  reportClosedByExchange(position: PositionRecord): Promise<void>;
  /** True for a close order of a monitored position (ours: never canceled as a conflict). */
  isOurClose(clientOrderId: string): boolean;
}

/** The position as the venue holds it, and the reduce-only orders that hold part of it. */
interface VenueView {
  readonly held: Position | undefined;
  /** Open closing-side orders that are not ours: each holds its unfilled size of the position. */
  readonly conflicting: readonly Order[];
  /** Contracts a new reduce-only close may take: held, less what open closing-side orders hold. */
  readonly free: Dec;
}

/**
 * After a refused close attempt: close what can be closed instead of retrying what cannot. The
 * venue is read (REST): a position gone is a close by the exchange; a position smaller than the
 * record is what remains to close; reduce-only orders of other origins that hold part of it (BitMart
 * answers 40020 to a close above the free size) are canceled: never a stop-loss or take-profit
 * plan order, which holds nothing. Then the free part is closed at once. Only an attempt that can
 * change nothing counts as a failure: `close_failed`, with `unprotected` when no stop-loss
 * protects the position on the exchange either, and after `MAX_CLOSE_FAILURES` the worker gives
 * up, loudly.
 */
export class CloseRecovery {
  readonly #context: ExecutionContext;
  readonly #host: RecoveryHost;
  /** Attempts being recovered: the periodic check may settle one again meanwhile. */
  readonly #recovering = new WeakSet<Closing>();

  constructor(context: ExecutionContext, host: RecoveryHost) {
    this.#context = context;
    this.#host = host;
  }

  async recover(position: PositionRecord, closing: Closing, refusals: string[]): Promise<void> {
    if (this.#recovering.has(closing)) return;
    this.#recovering.add(closing);
    const attempted = closing.parts.reduce((sum, part) => sum.add(part.size), ZERO);
    try {
      const before = await this.#inspect(position);
      if (!this.#current(position, closing)) return;
      if (!before.held) {
        await this.#closedByExchange(position);
        return;
      }
      this.#shrinkTo(position, before.held.size);
      const canceled = await this.#cancelConflicting(position, closing.reason, before.conflicting);
      const split = await this.#learnMarketMaximum(position.symbol, closing);
      const after = canceled > 0 ? await this.#inspect(position) : before;
      if (!this.#current(position, closing)) return;
      if (!after.held) {
        await this.#closedByExchange(position);
        return;
      }
      // A target's attempt closes what is left of its part, never more; any other all that remains.
      const { filled } = attemptResult(closing.parts);
      const goal = closing.target ? Dec.min(closing.target.size.sub(filled), position.size) : position.size;
      const closable = Dec.min(goal, after.free);
      if (closable.gt(0) && (canceled > 0 || split || closable.lt(attempted))) {
        this.#context.logger.warn(
          { id: position.id, reason: closing.reason, refusals, closable: closable.toFixed(), canceled },
          'close refused: closing what the venue lets us close',
        );
        position.closing = undefined;
        this.#context.persist();
        const target = closing.target && { number: closing.target.number, size: closable };
        this.#host.close(position, closing.reason, closable, target);
        return;
      }
    } catch (error) {
      this.#context.logger.warn(
        { err: error, id: position.id },
        'could not inspect the position after a refused close',
      );
    }
    await this.#fail(position, closing, refusals);
  }

  #current(position: PositionRecord, closing: Closing): boolean {
    return position.closing === closing && this.#context.store.positions.get(position.id) === position;
  }

  async #closedByExchange(position: PositionRecord): Promise<void> {
    position.closing = undefined;
    await this.#host.reportClosedByExchange(position);
  }

  async #inspect(position: PositionRecord): Promise<VenueView> {
    const { exchange } = this.#context;
    const [positions, orders] = await Promise.all([
      exchange.positions(position.symbol),
      exchange.openOrders(position.symbol),
    ]);
    const held = positions.find((item) => item.side === position.side);
    const side: OrderSide = closingSideOf(position.side);
    const closingOrders = orders.filter((order) => order.side === side && order.filledSize.lt(order.size));
    const holding = closingOrders.reduce((sum, order) => sum.add(order.size.sub(order.filledSize)), ZERO);
    const conflicting = closingOrders.filter((order) => !this.#host.isOurClose(order.clientOrderId));
    return { held, conflicting, free: held ? Dec.max(held.size.sub(holding), 0) : ZERO };
  }

  /** Someone closed part of it: what remains on the venue is what remains to close. */
  #shrinkTo(position: PositionRecord, held: Dec): void {
    if (held.gte(position.size)) return;
    this.#context.logger.warn(
      { id: position.id, recorded: position.size.toFixed(), held: held.toFixed() },
      'the venue holds less of the position than recorded; closing what it holds',
    );
    position.size = held;
    this.#context.persist();
  }

  /**
   * The market maximum was unknown when the attempt was split (the contract could not be read):
   * read it now; true when a part was above it (BitMart refuses that, 40044), so a split may pass.
   */
  async #learnMarketMaximum(symbol: string, closing: Closing): Promise<boolean> {
    if (this.#context.contracts.has(symbol)) return false;
    const contract = await this.#context.readContract(symbol).catch(() => undefined);
    if (!contract) return false;
    this.#context.contracts.set(symbol, contract);
    return closing.parts.some((part) => part.size.gt(contract.maxMarketSize));
  }

  /** Cancels each conflicting order and waits (bounded) until it is final; returns how many ended. */
  async #cancelConflicting(position: PositionRecord, reason: CloseReason, orders: readonly Order[]): Promise<number> {
    const { exchange, followUp, logger } = this.#context;
    const ended = await Promise.all(
      orders.map(async (order) => {
        const ref = { symbol: position.symbol, orderId: order.orderId };
        try {
          await exchange.cancelOrder(ref);
          await followUp.awaitOrder(ref, { until: 'final', timeoutMs: CANCEL_WAIT_MS });
          logger.warn(
            { id: position.id, orderId: order.orderId, clientOrderId: order.clientOrderId, reason },
            `canceled a reduce-only order that held ${order.size.sub(order.filledSize).toFixed()} contracts the ${reason} close needs`,
          );
          return true;
        } catch (error) {
          logger.warn({ err: error, id: position.id, orderId: order.orderId }, 'could not cancel a conflicting order');
          return false;
        }
      }),
    );
    return ended.filter(Boolean).length;
  }

  async #fail(position: PositionRecord, closing: Closing, refusals: string[]): Promise<void> {
    if (!this.#current(position, closing)) return;
    position.closing = undefined;
    position.closeFailures += 1;
    this.#context.persist();
    const failures = position.closeFailures;
    const unprotected = !(await this.#hasExchangeStop(position));
    const exhausted = failures >= MAX_CLOSE_FAILURES;
    const error = refusals.join('; ');
    const protection = unprotected
      ? 'NO STOP-LOSS ON THE EXCHANGE: THE POSITION IS UNPROTECTED'
      : 'the exchange-side stop-loss still protects it';
    this.#context.logger.error(
      { id: position.id, symbol: position.symbol, reason: closing.reason, failures, unprotected, error },
      exhausted
        ? `POSITION CLOSE FAILED ${failures} times, the worker gives up: ${protection}; act manually`
        : `POSITION CLOSE FAILED, retrying on the next price event: ${protection}`,
    );
    void this.#context.callbacks.send(
      position,
      { status: 'close_failed', position_id: position.id, reason: closing.reason, error, unprotected },
      String(failures),
    );
  }

  /** A stop-loss plan on the position's closing side; an unreadable list counts as none. */
  async #hasExchangeStop(position: PositionRecord): Promise<boolean> {
    const side = closingSideOf(position.side);
    try {
      const plans = await this.#context.exchange.planOrders(position.symbol);
      return plans.some((plan) => plan.kind === 'stop_loss' && plan.side === side);
    } catch (error) {
      this.#context.logger.warn({ err: error, id: position.id }, 'could not read the exchange-side stops');
      return false;
    }
  }
}

import type { TimerHandle } from '../../platform/clock/index.ts';
import { type Dec, ZERO } from '../../platform/decimal/index.ts';
import { closingSideOf } from './closeOrders.ts';
import { type ExecutionContext, UNKNOWN_OUTCOME_WAIT_MS } from './context.ts';
import { ExchangeProtections, type Replacement } from './ExchangeProtections.ts';
import type { ReplacementLevels } from './protectionReplacement.ts';
import type { Closing, PositionRecord } from './records.ts';
import {
  betterStop,
  breakEvenStop,
  chandelierStop,
  extremeOf,
  partialFirstTarget,
  targetSizes,
  WHOLE_CONTRACTS,
} from './tradePlan.ts';
import { type CloseReason, protectionReached } from './triggers.ts';

/** How the manager closes: the position monitor's close path (decision 0015). */
export interface TradeHost {
  close(position: PositionRecord, reason: CloseReason, size: Dec, target?: Closing['target']): void;
  /** Our close orders are not the exchange's own (TP1 firing on the venue is told from them). */
  isOurClose(clientOrderId: string): boolean;
}

/** A time stop that falls while another close is in flight is tried again this much later. */
const TIME_STOP_RETRY_MS = 1_000;

/**
 * Trade management beyond SL and TP (issue 11): TP1 of two targets closes its part, the stop then
 * moves (break-even, or an ATR chandelier that only ratchets in the trade's favour) and the
 * exchange-side stop follows it; the time stop closes what remains. TP1 taken by the worker:
 * its exchange order is withdrawn first, then the part is closed at market, so the two never
 * both fill; TP1 taken by the exchange (the worker away, or a gap): the venue's smaller position
 * tells, and the manager goes on from there.
 */
export class TradeManager {
  readonly #context: ExecutionContext;
  readonly #host: TradeHost;
  readonly #protections: ExchangeProtections;
  readonly #timers = new Map<string, TimerHandle>();
  /** TP1's size at the current filled size, for positions where TP1 closes only part. */
  readonly #firstTarget = new Map<string, Dec>();
  /** Positions whose TP1 the worker is taking (its exchange order is being withdrawn). */
  readonly #taking = new Set<string>();
  readonly #checking = new Set<string>();

  constructor(context: ExecutionContext, host: TradeHost) {
    this.#context = context;
    this.#host = host;
    this.#protections = new ExchangeProtections(context, (position) => this.#taking.has(position.id));
  }

  track(position: PositionRecord): void {
    this.#split(position);
    this.#scheduleTimeStop(position, position.management.timeStopAt);
  }

  untrack(position: PositionRecord): void {
    this.#context.clock.clearTimer(this.#timers.get(position.id));
    this.#timers.delete(position.id);
    this.#firstTarget.delete(position.id);
    this.#protections.forget(position);
  }

  /** The entry filled more: TP1's size and its exchange order follow the filled size. */
  afterFill(position: PositionRecord): void {
    this.#split(position);
    this.#protections.syncTarget(position);
  }

  /** The level that closes all that remains on profit: the last target, or TP1 while it takes everything. */
  finalTarget(position: PositionRecord): Dec | undefined {
    const { targets, targetsFilled } = position.management;
    if (targetsFilled === 0 && targets.length > 1 && !this.#firstTarget.has(position.id)) return targets[0]?.price;
    return position.takeProfit;
  }

  /** Hot path: after TP1, the chandelier follows the best price; the stop only ever improves. */
  trail(position: PositionRecord, price: Dec): void {
    const management = position.management;
    const { trailing } = management;
    if (management.targetsFilled === 0 || trailing?.mode !== 'atr_chandelier') return;
    const extreme = extremeOf(position.side, management.extreme, price);
    if (management.extreme?.eq(extreme)) return;
    management.extreme = extreme;
    const tick = this.#context.contracts.get(position.symbol)?.tickSize;
    if (tick) this.#raiseStop(position, chandelierStop(position.side, extreme, trailing, tick));
  }

  /** Hot path: TP1 reached (with the take-profit slippage rule): the worker takes its part. */
  checkFirstTarget(position: PositionRecord, price: Dec, slippage: { stopLoss: Dec; takeProfit: Dec }): void {
    const first = position.management.targets[0];
    if (!first || !this.#firstTarget.has(position.id) || this.#taking.has(position.id)) return;
    const levels = { stopLoss: undefined, takeProfit: first.price };
    if (protectionReached(position.side, price, levels, slippage)) void this.#takeFirstTarget(position);
  }

  /**
   * TP1 closed its part (our close settled, or the exchange's order filled): told to the app, the
   * stop moves as the request asked, and what remains waits for TP2, the stop or the time stop.
   */
  targetFilled(position: PositionRecord, fill: { orderId: string; price: Dec | undefined; size: Dec }): void {
    const management = position.management;
    if (management.targetsFilled > 0) return;
    management.targetsFilled = 1;
    this.#firstTarget.delete(position.id);
    const last = this.#context.quotes.get(position.symbol)?.last;
    const reference = fill.price ?? last;
    if (reference) management.extreme = extremeOf(position.side, last, reference);
    this.#moveStopAfterTarget(position);
    this.#context.persist();
    this.#context.logger.info(
      { id: position.id, closed: fill.size.toFixed(), remaining: position.size.toFixed() },
      'TP1 filled',
    );
    void this.#context.callbacks.send(
      position,
      {
        status: 'partially_closed',
        position_id: position.id,
        target: 1,
        reason: 'take_profit',
        close_order_id: fill.orderId,
        close_price: (fill.price ?? ZERO).toFixed(),
        closed_quantity: fill.size.toFixed(),
        remaining_quantity: position.size.toFixed(),
      },
      '1',
    );
  }

  /**
   * Start-up and periodic check: the venue's protections (adopted, or the stop put back), TP1
   * taken by the exchange meanwhile, and TP1's order placed or resized when it is missing.
   */
  async reconcile(position: PositionRecord): Promise<void> {
    if (this.#checking.has(position.id) || this.#taking.has(position.id)) return;
    this.#checking.add(position.id);
    try {
      const restore = this.#context.clock.now() - position.createdAt >= UNKNOWN_OUTCOME_WAIT_MS;
      const venue = await this.#protections.check(position, restore);
      if (!this.#live(position) || position.closing || !venue.held || this.#taking.has(position.id)) return;
      if (position.management.targetsFilled > 0) return;
      if (this.#firstTarget.has(position.id) && !venue.targetWaiting) {
        if (venue.held.lt(position.size)) {
          await this.#takenByExchange(position, venue.held);
          return;
        }
        if (position.management.protections.target) this.#protections.forgetTarget(position);
      }
      this.#protections.syncTarget(position);
    } catch (error) {
      this.#context.logger.warn({ err: error, id: position.id }, 'could not check the exchange-side protections');
    } finally {
      this.#checking.delete(position.id);
    }
  }

  /**
   * New stop and targets (checked by `replacementLevels`): the worker acts on them at once, then
   * the exchange's orders follow (`ExchangeProtections.replace`). A stop the venue refused is
   * taken back, so the worker and the exchange keep agreeing on it.
   */
  async replaceProtections(position: PositionRecord, levels: ReplacementLevels): Promise<Replacement> {
    const { management } = position;
    const previousStop = position.stopLoss;
    // The exchange's stop is compared with the level there (a move is idempotent).
    const stop = levels.stopLoss !== undefined;
    const finalTarget = levels.targets.at(-1)?.price;
    const finalChanged = finalTarget !== undefined && !finalTarget.eq(position.takeProfit ?? 0);
    position.stopLoss = levels.stopLoss;
    management.targets = levels.targets;
    position.takeProfit = finalTarget;
    this.#split(position);
    this.#context.persist();
    const replacement = await this.#protections.replace(position, { stop, finalTarget: finalChanged });
    if (replacement.refused.includes('stop_loss') && position.stopLoss === levels.stopLoss) {
      position.stopLoss = previousStop;
      this.#context.persist();
    }
    return replacement;
  }

  /** A close by the venue that is not ours: TP1's order may have fired. */
  venueClosed(position: PositionRecord): void {
    if (this.#firstTarget.has(position.id)) void this.reconcile(position);
  }

  #live(position: PositionRecord): boolean {
    return this.#context.store.positions.get(position.id) === position;
  }

  #split(position: PositionRecord): void {
    const contract = this.#context.contracts.get(position.symbol) ?? WHOLE_CONTRACTS;
    const { targets, entryFilled, targetsFilled } = position.management;
    const partial = targetsFilled === 0 && partialFirstTarget(targetSizes(entryFilled, targets, contract));
    if (partial) this.#firstTarget.set(position.id, partial);
    else this.#firstTarget.delete(position.id);
  }

  async #takeFirstTarget(position: PositionRecord): Promise<void> {
    const { id } = position;
    this.#taking.add(id);
    try {
      const outcome = await this.#protections.withdrawTarget(position);
      const size = this.#firstTarget.get(id);
      const free = this.#live(position) && !position.closing && position.management.targetsFilled === 0;
      if (outcome === 'gone' || outcome === 'unknown' || !size || !free) return;
      const goal = size.lt(position.size) ? size : position.size;
      this.#host.close(position, 'take_profit', goal, { number: 1, size: goal });
    } catch (error) {
      this.#context.logger.warn({ err: error, id }, 'could not take TP1, trying again on the next price');
    } finally {
      this.#taking.delete(id);
      // Withdrawn but the exchange had it no longer: the venue says whether it filled.
      const open = this.#live(position) && !position.closing && position.management.targetsFilled === 0;
      if (open) void this.reconcile(position);
    }
  }

  /** TP1's order filled on the exchange: the venue holds `held` of the position now. */
  async #takenByExchange(position: PositionRecord, held: Dec): Promise<void> {
    const size = position.size.sub(held);
    const closingSide = closingSideOf(position.side);
    const history = await this.#context.exchange
      .orderHistory(position.symbol, { start: position.createdAt })
      .catch(() => []);
    if (!this.#live(position) || position.closing || position.management.targetsFilled > 0) return;
    const close = history
      .filter(
        (order) => order.side === closingSide && order.filledSize.gt(0) && !this.#host.isOurClose(order.clientOrderId),
      )
      .sort((a, b) => b.updatedAt - a.updatedAt)[0];
    if (close) this.#context.store.roles.of(close, [position]);
    const price = close?.averageFillPrice ?? this.#context.quotes.get(position.symbol)?.last ?? ZERO;
    const value = price.mul(size);
    position.size = held;
    position.closed = { size: position.closed.size.add(size), value: position.closed.value.add(value) };
    const { targetClosed } = position.management;
    position.management.targetClosed = { size: targetClosed.size.add(size), value: targetClosed.value.add(value) };
    this.targetFilled(position, { orderId: close?.orderId ?? '', price, size });
  }

  #moveStopAfterTarget(position: PositionRecord): void {
    const { trailing, extreme } = position.management;
    const tick = this.#context.contracts.get(position.symbol)?.tickSize;
    if (!trailing || !tick) return;
    if (trailing.mode === 'break_even')
      this.#raiseStop(position, breakEvenStop(position.side, position.entryPrice, tick));
    else if (extreme) this.#raiseStop(position, chandelierStop(position.side, extreme, trailing, tick));
  }

  #raiseStop(position: PositionRecord, level: Dec): void {
    if (!betterStop(position.side, level, position.stopLoss)) return;
    position.stopLoss = level;
    position.management.stopMoved = true;
    this.#protections.followStop(position);
  }

  #scheduleTimeStop(position: PositionRecord, at: number | undefined): void {
    if (at === undefined) return;
    const { clock } = this.#context;
    this.#timers.set(
      position.id,
      clock.setTimeout(() => this.#timeStop(position), Math.max(0, at - clock.now())),
    );
  }

  #timeStop(position: PositionRecord): void {
    this.#timers.delete(position.id);
    if (!this.#live(position)) return;
    if (position.closing) {
      this.#scheduleTimeStop(position, this.#context.clock.now() + TIME_STOP_RETRY_MS);
      return;
    }
    this.#context.logger.info({ id: position.id, size: position.size.toFixed() }, 'time stop: closing what remains');
    this.#host.close(position, 'time_stop', position.size);
    // Then the TP orders come off: what remains is closing (the preset TP2 goes with the position).
    void this.#protections.withdrawTarget(position);
  }
}

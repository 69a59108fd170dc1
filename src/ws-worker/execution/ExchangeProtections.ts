import type { OrderAck, PlanOrder } from '../../exchange/port/types.ts';
import type { TimerHandle } from '../../platform/clock/index.ts';
import type { Dec } from '../../platform/decimal/index.ts';
import { RejectedError, UnknownOutcomeError } from '../../platform/errors/exchangeErrors.ts';
import { finalTargetClientOrderId, stopClientOrderId, targetClientOrderId } from './clientOrderIds.ts';
import { closingSideOf } from './closeOrders.ts';
import type { ExecutionContext } from './context.ts';
import type { ExchangeTrigger, PositionRecord } from './records.ts';
import { stopAlreadyReached, targetSizes, WHOLE_CONTRACTS } from './tradePlan.ts';
import { adoptFromVenue, protectionsOnVenue } from './venueProtections.ts';

/**
 * The exchange-side stop follows the worker's at most this often: each move is a submit, a list
 * and a cancel, and submit-tp-sl-order shares the protective budget with the closes (decision
 * 0011). The worker's own stop moves on every tick meanwhile.
 */
export const STOP_FOLLOW_INTERVAL_MS = 1_000;

/** The outcome of taking TP1's order off the exchange before the worker closes TP1 itself. */
export type TargetWithdrawal = 'withdrawn' | 'absent' | 'gone' | 'unknown';

/** What a replacement of the protections did: the venue's orders before and after, and what it refused. */
export interface Replacement {
  /** The position's trigger orders waiting now that were not before. */
  readonly submitted: readonly PlanOrder[];
  /** Exchange order ids of the position's trigger orders waiting before and no longer. */
  readonly cancelled: readonly string[];
  /** What the venue refused (`stop_loss`, `take_profit`): the order it would replace stays. */
  readonly refused: readonly ('stop_loss' | 'take_profit')[];
}

/** How a stop move ended: `moved` (or sent without an answer), or why nothing was sent. */
type StopMove = 'moved' | 'unchanged' | 'passed' | 'refused';

/** What the venue holds of a position and whether TP1's order is still waiting there. */
export interface VenueState {
  readonly held: Dec | undefined;
  readonly targetWaiting: boolean;
}

/**
 * Keeps a position's protections on the exchange in step with the worker (the records are in
 * `records.ts`: `Protections`). The stop is moved by placing the new position-level stop first and
 * canceling the others after, so there is never a moment without one (docs/decisions/0019). TP1's
 * order is canceled before it is re-placed at a new size: two could fire together and close more
 * than the target. Every change of one position runs after the previous one (a chain per
 * position): a withdrawal never overtakes the placement it withdraws.
 */
export class ExchangeProtections {
  readonly #context: ExecutionContext;
  /** True while the worker takes TP1 itself: its order is not placed again meanwhile. */
  readonly #takingTarget: (position: PositionRecord) => boolean;
  readonly #chains = new Map<string, Promise<unknown>>();
  readonly #follows = new Map<string, { lastAt: number; timer: TimerHandle | undefined }>();

  constructor(context: ExecutionContext, takingTarget: (position: PositionRecord) => boolean) {
    this.#context = context;
    this.#takingTarget = takingTarget;
  }

  /** After a fill: TP1's order gets the size the filled size gives it. */
  syncTarget(position: PositionRecord): void {
    void this.#run(position, () => this.#syncTarget(position));
  }

  /** The worker's stop moved: the exchange's follows, at once or within `STOP_FOLLOW_INTERVAL_MS`. */
  followStop(position: PositionRecord): void {
    const follow = this.#follows.get(position.id) ?? { lastAt: Number.NEGATIVE_INFINITY, timer: undefined };
    this.#follows.set(position.id, follow);
    if (follow.timer) return; // a follow is due: it reads the latest level then
    const { clock } = this.#context;
    const wait = follow.lastAt + STOP_FOLLOW_INTERVAL_MS - clock.now();
    if (wait > 0) {
      follow.timer = clock.setTimeout(() => {
        follow.timer = undefined;
        this.followStop(position);
      }, wait);
      return;
    }
    follow.lastAt = clock.now();
    void this.#run(position, () => this.#moveStop(position));
  }

  /**
   * New levels in the record (`position.stopLoss`, `takeProfit`, `management.targets`) go to the
   * exchange: the stop as a move (new first, then the others off), TP1's order re-placed (canceled
   * first), the last target as a new position-level take-profit placed before the old ones come
   * off. The answer compares the venue's list before and after, so it says what happened whether
   * the venue replaced an order on the spot or the worker canceled it.
   */
  replace(position: PositionRecord, changes: { stop: boolean; finalTarget: boolean }): Promise<Replacement> {
    return this.#run(position, async () => {
      const before = await this.#waiting(position);
      const refused: ('stop_loss' | 'take_profit')[] = [];
      if (changes.stop && (await this.#moveStop(position)) === 'refused') refused.push('stop_loss');
      await this.#syncTarget(position);
      if (changes.finalTarget && !(await this.#replaceFinalTarget(position))) refused.push('take_profit');
      const after = await this.#waiting(position);
      const waitingBefore = new Set(before.map((plan) => plan.orderId));
      const waitingAfter = new Set(after.map((plan) => plan.orderId));
      return {
        submitted: after.filter((plan) => !waitingBefore.has(plan.orderId)),
        cancelled: before.filter((plan) => !waitingAfter.has(plan.orderId)).map((plan) => plan.orderId),
        refused,
      };
    });
  }

  /** The worker takes TP1 itself: its order comes off the exchange first, so the two never both fill. */
  withdrawTarget(position: PositionRecord): Promise<TargetWithdrawal> {
    return this.#run(position, async () => {
      const target = position.management.protections.target;
      if (!target) return 'absent';
      const outcome = await this.#cancel(position, target);
      if (outcome !== 'unknown') {
        position.management.protections.target = undefined;
        this.#context.persist();
      }
      return outcome;
    });
  }

  /**
   * Reads the venue (plan orders, position): adopts our orders it lists (one sent before a crash
   * the store did not record), forgets a stop it no longer lists and, with `restore`, puts a
   * missing stop back. TP1's order is left to the caller, which knows whether it filled
   * (`forgetTarget` when it did not).
   */
  check(position: PositionRecord, restore: boolean): Promise<VenueState> {
    return this.#run(position, () => this.#check(position, restore));
  }

  /** TP1's order left the venue without filling (canceled elsewhere): it may be placed again. */
  forgetTarget(position: PositionRecord): void {
    position.management.protections.target = undefined;
    this.#context.persist();
  }

  /** The position is finished: pending follows are dropped. */
  forget(position: PositionRecord): void {
    this.#context.clock.clearTimer(this.#follows.get(position.id)?.timer);
    this.#follows.delete(position.id);
  }

  #run<T>(position: PositionRecord, task: () => Promise<T>): Promise<T> {
    const next = (this.#chains.get(position.id) ?? Promise.resolve()).then(task, task);
    const tail = next.then(
      () => undefined,
      (error: unknown) => this.#context.logger.error({ err: error, id: position.id }, 'exchange protection failed'),
    );
    this.#chains.set(position.id, tail);
    void tail.then(() => this.#chains.get(position.id) === tail && this.#chains.delete(position.id));
    return next;
  }

  #live(position: PositionRecord): boolean {
    return this.#context.store.positions.get(position.id) === position;
  }

  /** TP1's order of the filled size: two targets, TP1 not taken yet (a split below the minimum: all of it). */
  #wantedTarget(position: PositionRecord): { price: Dec; size: Dec } | undefined {
    const { targets, entryFilled, targetsFilled } = position.management;
    const first = targets[0];
    const contract = this.#context.contracts.get(position.symbol) ?? WHOLE_CONTRACTS;
    if (targets.length < 2 || !first || targetsFilled > 0) return undefined;
    const [size] = targetSizes(entryFilled, targets, contract);
    return size?.gt(0) ? { price: first.price, size } : undefined;
  }

  async #syncTarget(position: PositionRecord): Promise<void> {
    if (!this.#live(position) || position.closing?.target || this.#takingTarget(position)) return;
    const { protections } = position.management;
    const wanted = this.#wantedTarget(position);
    const current = protections.target;
    if (current && wanted && current.size?.eq(wanted.size) && current.triggerPrice.eq(wanted.price)) return;
    if (current) {
      // Canceled first: an old and a new TP1 firing together would close more than the target.
      const outcome = await this.#cancel(position, current);
      if (outcome !== 'withdrawn') return; // gone (it fired?) or unknown: the periodic check decides
      protections.target = undefined;
      this.#context.persist();
    }
    if (wanted && this.#live(position) && !position.closing) await this.#placeTarget(position, wanted);
  }

  async #placeTarget(position: PositionRecord, wanted: { price: Dec; size: Dec }): Promise<void> {
    const { exchange, logger, store } = this.#context;
    const { protections } = position.management;
    protections.targetOrders += 1;
    const clientOrderId = targetClientOrderId(position.clientOrderIdBase, 1, protections.targetOrders);
    const parent = position.entryClientOrderId && { parentClientOrderId: position.entryClientOrderId };
    store.roles.remember(clientOrderId, { kind: 'TAKE_PROFIT', requestId: position.id, target: 1, ...parent });
    this.#context.persist();
    const trigger = { clientOrderId, triggerPrice: wanted.price, size: wanted.size };
    try {
      const ack = await exchange.submitPositionTpSl({
        symbol: position.symbol,
        kind: 'take_profit',
        positionSide: position.side,
        priceSource: 'last',
        ...trigger,
      });
      protections.target = { ...trigger, orderId: ack.orderId };
      logger.info({ id: position.id, clientOrderId, size: wanted.size.toFixed() }, 'TP1 placed on the exchange');
    } catch (error) {
      // Unknown outcome: recorded without its id, the periodic check finds it by its client order id.
      if (error instanceof UnknownOutcomeError) protections.target = { ...trigger, orderId: undefined };
      else
        logger.error({ err: error, id: position.id }, 'could not place TP1 on the exchange: only the worker takes it');
    }
    this.#context.persist();
  }

  /**
   * The exchange's stop to the worker's level: the new position stop first, then the others off
   * (a position stop of ours, the entry's preset). A level the price has already passed is not
   * sent: the worker closes on it.
   */
  async #moveStop(position: PositionRecord, missing = false): Promise<StopMove> {
    const { logger, quotes } = this.#context;
    const level = position.stopLoss;
    const { protections, initialStopLoss } = position.management;
    if (!this.#live(position) || !level) return 'unchanged';
    const current = protections.stop;
    if (!missing && (current ? current.triggerPrice.eq(level) : initialStopLoss?.eq(level))) return 'unchanged';
    const last = quotes.get(position.symbol)?.last;
    if (last && stopAlreadyReached(position.side, level, last)) return 'passed';
    protections.stopOrders += 1;
    const clientOrderId = stopClientOrderId(position.clientOrderIdBase, protections.stopOrders);
    try {
      const ack = await this.#submitPositionTrigger(position, 'stop_loss', level, clientOrderId);
      protections.stop = { clientOrderId, orderId: ack.orderId, triggerPrice: level, size: undefined };
      this.#context.persist();
      logger.info({ id: position.id, clientOrderId, stop: level.toFixed() }, 'exchange stop moved');
      await this.#dropOthers(position, 'stop_loss', ack.orderId);
      return 'moved';
    } catch (error) {
      if (error instanceof UnknownOutcomeError) {
        protections.stop = { clientOrderId, orderId: undefined, triggerPrice: level, size: undefined };
        this.#context.persist();
        return 'moved';
      }
      const stays = current?.triggerPrice ?? initialStopLoss;
      logger.warn({ err: error, id: position.id, stays: stays?.toFixed() }, 'could not move the exchange stop');
      return 'refused';
    }
  }

  /**
   * The last target as a new position-level take-profit (`<base>f<n>`), then the position's other
   * position-level take-profits off (the entry's preset, an earlier one of ours): each closes all
   * that remains, so two for a moment are harmless, none would leave the profit side to the worker
   * alone. False when the venue refused it (the old one stays).
   */
  async #replaceFinalTarget(position: PositionRecord): Promise<boolean> {
    const { logger } = this.#context;
    const level = position.takeProfit;
    if (!this.#live(position) || position.closing || !level) return true;
    const { protections } = position.management;
    protections.finalTargetOrders += 1;
    const clientOrderId = finalTargetClientOrderId(position.clientOrderIdBase, protections.finalTargetOrders);
    try {
      const ack = await this.#submitPositionTrigger(position, 'take_profit', level, clientOrderId);
      logger.info({ id: position.id, clientOrderId, target: level.toFixed() }, 'exchange take-profit replaced');
      await this.#dropOthers(position, 'take_profit', ack.orderId);
      return true;
    } catch (error) {
      if (error instanceof UnknownOutcomeError) return true; // the old one stays until it is seen
      logger.warn({ err: error, id: position.id }, 'could not replace the exchange take-profit');
      return false;
    }
  }

  /**
   * A position-level trigger (the whole remaining position, closed at market when it fires), its
   * role remembered and the store written before it is sent (decision 0019).
   */
  #submitPositionTrigger(
    position: PositionRecord,
    kind: 'stop_loss' | 'take_profit',
    triggerPrice: Dec,
    clientOrderId: string,
  ): Promise<OrderAck> {
    const parent = position.entryClientOrderId && { parentClientOrderId: position.entryClientOrderId };
    const link = { requestId: position.id, ...parent };
    const target = Math.max(1, position.management.targets.length);
    const role =
      kind === 'stop_loss'
        ? { kind: 'STOP_LOSS' as const, ...link }
        : { kind: 'TAKE_PROFIT' as const, target, ...link };
    this.#context.store.roles.remember(clientOrderId, role);
    this.#context.persist();
    return this.#context.exchange.submitPositionTpSl({
      symbol: position.symbol,
      kind,
      positionSide: position.side,
      triggerPrice,
      priceSource: 'last',
      clientOrderId,
    });
  }

  /** The position's trigger orders waiting on the venue (its closing side). */
  async #waiting(position: PositionRecord): Promise<PlanOrder[]> {
    const side = closingSideOf(position.side);
    const plans = await this.#context.exchange.planOrders(position.symbol);
    return plans.filter((plan) => plan.symbol === position.symbol && plan.side === side);
  }

  /**
   * Position-level triggers of `kind` other than `keep` on the position's side come off, and, for
   * stops, older order-level ones of ours (TP1's order is order-level and stays).
   */
  async #dropOthers(position: PositionRecord, kind: 'stop_loss' | 'take_profit', keep: string): Promise<void> {
    const { exchange, logger } = this.#context;
    const base = position.clientOrderIdBase;
    const ours = (clientOrderId: string) => clientOrderId.startsWith(base) || clientOrderId === '';
    for (const plan of await this.#waiting(position)) {
      if (plan.kind !== kind || plan.orderId === keep) continue;
      if (!(plan.size.isZero() || (kind === 'stop_loss' && ours(plan.clientOrderId)))) continue;
      await exchange
        .cancelPlanOrder({ symbol: position.symbol, orderId: plan.orderId })
        .catch((error: unknown) =>
          logger.debug({ err: error, id: position.id, orderId: plan.orderId }, `older ${kind} already gone`),
        );
    }
  }

  /** Cancels one of our trigger orders: withdrawn, gone (the venue no longer has it waiting), or unknown. */
  async #cancel(position: PositionRecord, trigger: ExchangeTrigger): Promise<'withdrawn' | 'gone' | 'unknown'> {
    const { symbol } = position;
    const ref = trigger.orderId
      ? { symbol, orderId: trigger.orderId }
      : { symbol, clientOrderId: trigger.clientOrderId };
    try {
      await this.#context.exchange.cancelPlanOrder(ref);
      return 'withdrawn';
    } catch (error) {
      if (error instanceof RejectedError) return 'gone';
      this.#context.logger.warn({ err: error, id: position.id, ...ref }, 'could not cancel a trigger order');
      return 'unknown';
    }
  }

  async #check(position: PositionRecord, restore: boolean): Promise<VenueState> {
    const { exchange, logger } = this.#context;
    const [plans, positions] = await Promise.all([
      exchange.planOrders(position.symbol),
      exchange.positions(position.symbol),
    ]);
    const held = positions.find((item) => item.side === position.side)?.size;
    const venue = protectionsOnVenue(plans, position);
    if (!this.#live(position)) return { held, targetWaiting: venue.target !== undefined };
    adoptFromVenue(position, venue);
    this.#context.persist();
    const stopWanted = held?.gt(0) && position.stopLoss !== undefined;
    if (stopWanted && restore && venue.stops.length === 0) {
      logger.error({ id: position.id }, 'NO STOP ON THE EXCHANGE for a monitored position: placing it again');
      await this.#moveStop(position, true);
    } else if (stopWanted && venue.stops.length > 0) {
      // A move the venue never got (a crash, a refusal): the worker's level is the one to hold.
      await this.#moveStop(position);
    }
    return { held, targetWaiting: venue.target !== undefined };
  }
}

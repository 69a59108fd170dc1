import type { Clock, TimerHandle } from '../../../platform/clock/index.ts';
import type { SimEngine } from '../../engine/types.ts';

/**
 * What OKX keeps that the engine (BitMart's vocabulary) has no field for, held by the OKX face:
 * each order's `tag` and attached-algo client id, the two legs of an `oco` algo (the engine has
 * separate TP and SL orders on the whole position; when one closes it, the engine cancels the
 * other with the position), position ids,
 * and the cancel-all-after timers (per account and tag, https://www.okx.com/docs-v5/en/#order-book-trading-trade-post-cancel-all-after).
 */
export interface OcoLegs {
  readonly symbol: string;
  readonly takeProfit: string;
  readonly stopLoss: string;
}

export class OkxFaceState {
  readonly #engine: SimEngine;
  readonly #clock: Clock;
  readonly #tags = new Map<string, string>();
  readonly #attachAlgoClOrdIds = new Map<string, string>();
  readonly #oco = new Map<string, OcoLegs>();
  /** A hidden take-profit leg → the oco's id (its stop-loss leg). */
  readonly #ocoOfTakeProfit = new Map<string, string>();
  readonly #posIds = new Map<string, string>();
  #nextPosId = 7_100_000_000_000_000;
  readonly #deadMan = new Map<string, { timer: TimerHandle; triggerAt: number }>();

  constructor(engine: SimEngine, clock: Clock) {
    this.#engine = engine;
    this.#clock = clock;
  }

  tagOf(orderId: string): string {
    return this.#tags.get(orderId) ?? '';
  }

  rememberOrder(orderId: string, tag: string | undefined, attachAlgoClOrdId: string | undefined): void {
    if (tag) this.#tags.set(orderId, tag);
    if (attachAlgoClOrdId) this.#attachAlgoClOrdIds.set(orderId, attachAlgoClOrdId);
  }

  attachAlgoClOrdIdOf(orderId: string): string {
    return this.#attachAlgoClOrdIds.get(orderId) ?? '';
  }

  linkOco(legs: OcoLegs): string {
    this.#oco.set(legs.stopLoss, legs);
    this.#ocoOfTakeProfit.set(legs.takeProfit, legs.stopLoss);
    return legs.stopLoss;
  }

  ocoLegs(algoId: string): OcoLegs | undefined {
    return this.#oco.get(algoId);
  }

  /** True for the take-profit leg of an oco, listed under its stop-loss leg's id. */
  isHiddenLeg(planOrderId: string): boolean {
    return this.#ocoOfTakeProfit.has(planOrderId);
  }

  posIdOf(accountId: string, symbol: string, side: string, openType: string): string {
    const key = `${accountId}|${symbol}|${side}|${openType}`;
    let id = this.#posIds.get(key);
    if (id === undefined) {
      id = String(this.#nextPosId++);
      this.#posIds.set(key, id);
    }
    return id;
  }

  /**
   * Arms (or with 0, disarms) the dead-man switch of (account, tag); on expiry every pending order
   * of the account (or only those carrying the tag) is canceled. Returns the trigger time (ms, 0 = off).
   */
  cancelAllAfter(accountId: string, tag: string, timeoutSeconds: number): number {
    const key = `${accountId}|${tag}`;
    const current = this.#deadMan.get(key);
    if (current) this.#clock.clearTimer(current.timer);
    this.#deadMan.delete(key);
    if (timeoutSeconds === 0) return 0;
    const triggerAt = this.#clock.now() + timeoutSeconds * 1_000;
    const timer = this.#clock.setTimeout(() => {
      this.#deadMan.delete(key);
      for (const order of this.#engine.openOrders(accountId, {})) {
        if (tag === '' || this.tagOf(order.orderId) === tag) {
          this.#engine.cancelOrder(accountId, { symbol: order.symbol, orderId: order.orderId });
        }
      }
    }, timeoutSeconds * 1_000);
    this.#deadMan.set(key, { timer, triggerAt });
    return triggerAt;
  }

  stop(): void {
    for (const { timer } of this.#deadMan.values()) this.#clock.clearTimer(timer);
    this.#deadMan.clear();
  }
}

import type { SimEngine, SimOrder } from '../../src/simulator/engine/types.ts';

/**
 * Watches one simulator account's orders from inside the engine (its event bus, in process): the
 * least intrusive observation point, and an event, not a poll. An order's `arrivalMicros` is when
 * its HTTP request reached the simulator (`Clock.monotonicMicros`, the process's clock).
 */
export class OrderArrivals {
  readonly #waiting = new Map<string, (order: SimOrder) => void>();
  readonly #finishing = new Map<string, () => void>();
  /** Client order ids of the account's live orders, by symbol. */
  readonly #live = new Map<string, Set<string>>();
  readonly #idle = new Map<string, (() => void)[]>();
  readonly #unsubscribe: () => void;

  constructor(engine: SimEngine, accountId: string) {
    this.#unsubscribe = engine.onEvent((event) => {
      if (event.kind !== 'order' || event.accountId !== accountId) return;
      this.#onOrder(event.order);
    });
  }

  /** Resolves with the order once one with this client order id has arrived; call before sending it. */
  arrival(clientOrderId: string): Promise<SimOrder> {
    return new Promise((resolve) => this.#waiting.set(clientOrderId, resolve));
  }

  /** Resolves once the order is final (filled or canceled); call before cancelling it. */
  finished(clientOrderId: string): Promise<void> {
    return new Promise((resolve) => this.#finishing.set(clientOrderId, resolve));
  }

  /** Resolves once the account has no live order on `symbol`. */
  idle(symbol: string): Promise<void> {
    if ((this.#live.get(symbol)?.size ?? 0) === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const waiters = this.#idle.get(symbol) ?? [];
      waiters.push(resolve);
      this.#idle.set(symbol, waiters);
    });
  }

  stop(): void {
    this.#unsubscribe();
  }

  #onOrder(order: SimOrder): void {
    const id = order.clientOrderId;
    let live = this.#live.get(order.symbol);
    if (!live) {
      live = new Set();
      this.#live.set(order.symbol, live);
    }
    if (order.state === 4) live.delete(id);
    else live.add(id);
    const arrived = this.#waiting.get(id);
    if (arrived) {
      this.#waiting.delete(id);
      arrived(order);
    }
    if (order.state === 4) {
      this.#finishing.get(id)?.();
      this.#finishing.delete(id);
    }
    if (live.size === 0) {
      for (const resolve of this.#idle.get(order.symbol) ?? []) resolve();
      this.#idle.delete(order.symbol);
    }
  }
}

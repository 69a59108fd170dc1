import type { FuturesExchange } from '../../exchange/port/index.ts';

/** What the fence asks before a request that changes something on the venue. */
export interface Fence {
  /** Resolves when this worker may still act on the account; throws `FencedOffError` otherwise. */
  assertHeld(): Promise<void>;
}

/** Every `TradingRest` method that places, changes or cancels something: the ones a replaced worker must not send. */
const CHANGING = [
  'setPositionMode',
  'setLeverage',
  'submitOrder',
  'cancelOrder',
  'cancelAllOrders',
  'modifyOrder',
  'submitPositionTpSl',
  'submitPlanOrder',
  'cancelPlanOrder',
  'cancelAllAfter',
] as const satisfies readonly (keyof FuturesExchange)[];

/**
 * The venue behind the lease (decision 0037): each changing request is sent only after the fence
 * confirmed, on the lease's server, that this worker still holds the current token. One place for
 * every placing and closing path of the worker (entries, stops, targets, manual closes, the
 * dead-man switch), so none can forget. Reads pass through: a standby or a fenced worker may look.
 */
export function fencedExchange<E extends FuturesExchange>(exchange: E, fence: Fence): E {
  const guarded = new Set<PropertyKey>(CHANGING);
  return new Proxy(exchange, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      if (!guarded.has(property)) return value.bind(target);
      return async (...args: unknown[]) => {
        await fence.assertHeld();
        return value.apply(target, args);
      };
    },
  });
}

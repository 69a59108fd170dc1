import type { Clock } from '../../platform/clock/index.ts';
import type { ContractSpec, Market } from '../market/types.ts';
import type { Account } from './Account.ts';
import type { EventBus } from './EventBus.ts';
import type { IdSequence } from './ids.ts';
import type { OrderRecord } from './records.ts';
import type { PositionType } from './types.ts';

export interface OpenOrderEntry {
  readonly account: Account;
  readonly order: OrderRecord;
}

/** Resting orders by symbol, in arrival order (time priority), so a tick only visits its symbol's orders. */
export class OpenOrderIndex {
  readonly #bySymbol = new Map<string, Map<string, OpenOrderEntry>>();

  add(account: Account, order: OrderRecord): void {
    let orders = this.#bySymbol.get(order.symbol);
    if (!orders) {
      orders = new Map();
      this.#bySymbol.set(order.symbol, orders);
    }
    orders.set(order.orderId, { account, order });
  }

  remove(order: OrderRecord): void {
    this.#bySymbol.get(order.symbol)?.delete(order.orderId);
  }

  of(symbol: string): OpenOrderEntry[] {
    return [...(this.#bySymbol.get(symbol)?.values() ?? [])];
  }

  ofAccount(account: Account, symbol?: string): OrderRecord[] {
    const symbols = symbol === undefined ? [...this.#bySymbol.keys()] : [symbol];
    return symbols.flatMap((s) =>
      this.of(s)
        .filter((entry) => entry.account === account)
        .map((entry) => entry.order),
    );
  }
}

/** Callbacks from fills to the plan-order book, wired by the engine (breaks the import cycle). */
export interface ExecutionHooks {
  afterOpeningFill(account: Account, order: OrderRecord, positionType: PositionType): void;
  afterPositionClosed(account: Account, symbol: string, positionType: PositionType): void;
}

/** What every engine component shares: the market, the clock, id sequences, events and open orders. */
export interface EngineContext {
  readonly market: Market;
  readonly clock: Clock;
  readonly ids: IdSequence;
  readonly events: EventBus;
  readonly openOrders: OpenOrderIndex;
  hooks: ExecutionHooks;
}

export function specOf(context: EngineContext, symbol: string): ContractSpec {
  const spec = context.market.contract(symbol);
  if (!spec) throw new Error(`unknown symbol ${symbol} reached the engine past validation`);
  return spec;
}

import type { Balance, MarketEvent, Order, Position, UserEvent } from '../../exchange/port/index.ts';

/** The last traded price of a symbol and when the worker learnt it (Unix ms, worker clock). */
export interface LastPrice {
  readonly price: string;
  readonly at: number;
}

const TERMINAL_STATUSES: ReadonlySet<Order['status']> = new Set(['filled', 'canceled']);
/** Remembered ids of orders seen ending, so a slower REST snapshot cannot bring them back. */
const ENDED_ORDERS_REMEMBERED = 1_000;

/**
 * What the worker knows of the venue right now, fed by the stream events and by the start-up
 * REST reconciliation: last price per symbol, open orders by id, open positions keyed
 * `{symbol}_{position_type}` as the original's `/status` (1 long, 2 short), the USDT balance, and
 * the connection flags. Streams are newer than REST: a snapshot read while events arrive never
 * overwrites what an event already said.
 */
export class LiveState {
  readonly #prices = new Map<string, LastPrice>();
  readonly #orders = new Map<string, Order>();
  readonly #endedOrders = new Set<string>();
  #positions = new Map<string, Position>();
  #positionsGeneration = 0;
  #balance: Balance | undefined;
  #balanceGeneration = 0;
  publicConnected = false;
  /** The private connection reports itself connected only once logged in. */
  privateConnected = false;

  applyMarket(event: MarketEvent, now: number): void {
    switch (event.type) {
      case 'kline':
      case 'kline_closed':
        this.#price(event.kline.symbol, event.kline.close.toString(), now);
        return;
      case 'ticker':
        this.#price(event.ticker.symbol, event.ticker.lastPrice.toString(), now);
        return;
      case 'trade':
        this.#price(event.trade.symbol, event.trade.price.toString(), now);
        return;
    }
  }

  applyUser(event: UserEvent): void {
    switch (event.type) {
      case 'order':
        this.#order(event.order);
        return;
      case 'positions':
        this.#positionsGeneration += 1;
        this.#positions = keyPositions(event.positions);
        return;
      case 'balance':
        if (event.balance.currency.toUpperCase() !== 'USDT') return;
        this.#balanceGeneration += 1;
        this.#balance = event.balance;
        return;
    }
  }

  /** Marks where a REST read starts; the `reconciled*` calls drop what events superseded since. */
  generations(): { positions: number; balance: number } {
    return { positions: this.#positionsGeneration, balance: this.#balanceGeneration };
  }

  reconciledOrders(orders: readonly Order[]): void {
    for (const order of orders) {
      if (this.#endedOrders.has(order.orderId)) continue;
      const known = this.#orders.get(order.orderId);
      if (!known || known.updatedAt <= order.updatedAt) this.#order(order);
    }
  }

  reconciledPositions(positions: readonly Position[], readFrom: number): void {
    if (readFrom === this.#positionsGeneration) this.#positions = keyPositions(positions);
  }

  reconciledBalance(balance: Balance | undefined, readFrom: number): void {
    if (balance && readFrom === this.#balanceGeneration) this.#balance = balance;
  }

  lastPrice(symbol: string): LastPrice | undefined {
    return this.#prices.get(symbol);
  }

  prices(): ReadonlyMap<string, LastPrice> {
    return this.#prices;
  }

  openOrders(): readonly Order[] {
    return [...this.#orders.values()];
  }

  positions(): ReadonlyMap<string, Position> {
    return this.#positions;
  }

  balance(): Balance | undefined {
    return this.#balance;
  }

  #price(symbol: string, price: string, now: number): void {
    this.#prices.set(symbol, { price, at: now });
  }

  #order(order: Order): void {
    if (!TERMINAL_STATUSES.has(order.status)) {
      this.#orders.set(order.orderId, order);
      return;
    }
    this.#orders.delete(order.orderId);
    this.#endedOrders.add(order.orderId);
    if (this.#endedOrders.size > ENDED_ORDERS_REMEMBERED) {
      const oldest = this.#endedOrders.values().next().value;
      if (oldest !== undefined) this.#endedOrders.delete(oldest);
    }
  }
}

/** `{symbol}_{position_type}`, position_type 1 long and 2 short, as the original's cache key. */
export function positionKey(position: Position): string {
  return `${position.symbol}_${position.side === 'long' ? 1 : 2}`;
}

function keyPositions(positions: readonly Position[]): Map<string, Position> {
  return new Map(positions.map((position) => [positionKey(position), position]));
}

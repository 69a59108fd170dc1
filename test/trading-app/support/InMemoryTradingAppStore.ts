import type { BalanceSignal } from '../../../src/contracts/signals/balanceSignal.ts';
import type { OrderCallback } from '../../../src/contracts/signals/orderCallback.ts';
import type { OrderSignal } from '../../../src/contracts/signals/orderSignal.ts';
import type {
  AlertDto,
  BalanceInterval,
  BalanceSnapshotDto,
  IngestOutcome,
  OrderDto,
  OrderWithLifecycleDto,
  PositionDto,
  TradingAppStore,
} from '../../../src/trading-app/TradingAppServices.ts';

/**
 * A small store for route tests: dedupe by trace id, orders with their lifecycle, and records of
 * the queries the routes made. It does no bucketing, alerts or positions (the real store's
 * tests cover those); `failWith` makes every call throw, for the 500 path.
 */
export class InMemoryTradingAppStore implements TradingAppStore {
  readonly balances: BalanceSnapshotDto[] = [];
  readonly #orders = new Map<string, OrderWithLifecycleDto>();
  readonly #traceIds = new Set<string>();
  readonly queries: unknown[] = [];
  failWith: Error | undefined;

  async ingestBalance(signal: BalanceSignal): Promise<IngestOutcome> {
    this.#check();
    if (this.#traceIds.has(signal.trace_id)) return { status: 'duplicate', id: signal.trace_id };
    this.#traceIds.add(signal.trace_id);
    this.balances.push({
      asset: signal.asset,
      available_balance: signal.available_balance,
      frozen_balance: signal.frozen_balance,
      equity: signal.equity,
      unrealized_pnl: signal.unrealized_pnl ?? null,
      position_deposit: signal.position_deposit ?? null,
      timestamp: new Date(signal.timestamp).toISOString(),
      trace_id: signal.trace_id,
    });
    return { status: 'stored', id: signal.trace_id };
  }

  async ingestOrder(signal: OrderSignal, receivedAt: Date): Promise<IngestOutcome> {
    this.#check();
    if (this.#traceIds.has(signal.trace_id)) return { status: 'duplicate', id: signal.trace_id };
    this.#traceIds.add(signal.trace_id);
    const key = signal.client_order_id.toUpperCase();
    const event = {
      status: signal.status,
      source: 'order_signal' as const,
      deal_size: signal.deal_size ?? null,
      deal_avg_price: signal.deal_avg_price ?? null,
      detail: {},
      occurred_at: receivedAt.toISOString(),
      trace_id: signal.trace_id,
    };
    const previous = this.#orders.get(key);
    this.#orders.set(key, {
      client_order_id: signal.client_order_id,
      order_id: signal.order_id ?? null,
      symbol: signal.symbol,
      kind: signal.kind,
      status: signal.status,
      type: signal.type,
      side: signal.side,
      price: signal.price,
      size: signal.size,
      deal_size: signal.deal_size ?? null,
      deal_avg_price: signal.deal_avg_price ?? null,
      submitted_at: new Date(signal.submitted_at).toISOString(),
      updated_at: receivedAt.toISOString(),
      lifecycle: [...(previous?.lifecycle ?? []), event],
    });
    return { status: 'stored', id: key };
  }

  async ingestCallback(callback: OrderCallback): Promise<IngestOutcome> {
    this.#check();
    const key =
      callback.trace_id ?? `${callback.status}:${'order_id' in callback ? callback.order_id : callback.position_id}`;
    if (this.#traceIds.has(key)) return { status: 'duplicate', id: key };
    this.#traceIds.add(key);
    return { status: 'stored', id: key };
  }

  async currentBalance(): Promise<BalanceSnapshotDto | undefined> {
    this.#check();
    return this.balances.at(-1);
  }

  async balanceHistory(query: { from?: Date; to?: Date; interval: BalanceInterval }): Promise<BalanceSnapshotDto[]> {
    this.#check();
    this.queries.push({ balanceHistory: query });
    return this.balances.filter(
      (balance) =>
        (!query.from || new Date(balance.timestamp) >= query.from) &&
        (!query.to || new Date(balance.timestamp) <= query.to),
    );
  }

  async dailyBalanceMetrics(days: number, now: Date): Promise<[]> {
    this.#check();
    this.queries.push({ dailyBalanceMetrics: { days, now } });
    return [];
  }

  async orders(query: { symbol?: string; status?: string; kind?: string; limit: number }): Promise<OrderDto[]> {
    this.#check();
    this.queries.push({ orders: query });
    return [...this.#orders.values()]
      .filter((order) => (!query.symbol || order.symbol === query.symbol) && (!query.kind || order.kind === query.kind))
      .filter((order) => !query.status || order.status === query.status)
      .slice(0, query.limit)
      .map(({ lifecycle: _lifecycle, ...order }) => order);
  }

  async order(clientOrderId: string): Promise<OrderWithLifecycleDto | undefined> {
    this.#check();
    return this.#orders.get(clientOrderId.toUpperCase());
  }

  async positions(): Promise<PositionDto[]> {
    this.#check();
    return [];
  }

  async alerts(query: { limit: number }): Promise<AlertDto[]> {
    this.#check();
    this.queries.push({ alerts: query });
    return [];
  }

  async close(): Promise<void> {}

  #check(): void {
    if (this.failWith) throw this.failWith;
  }
}

import type { BalanceSignal } from '../contracts/signals/balanceSignal.ts';
import type { OrderCallback } from '../contracts/signals/orderCallback.ts';
import type { OrderSignal } from '../contracts/signals/orderSignal.ts';

/**
 * What the trading-app's HTTP layer asks of its domain: ingest (write) and queries (read). The
 * store implements it over PostgreSQL (PGlite or a server); routes stay thin over it. DTOs are
 * JSON-ready: money as decimal strings, times as ISO-8601 strings.
 */

/** `duplicate`: a trace id already stored; the HTTP layer still answers 202 (idempotent ingest). */
export type IngestOutcome =
  | { readonly status: 'stored'; readonly id: string }
  | { readonly status: 'duplicate'; readonly id: string };

export interface SignalIngest {
  ingestBalance(signal: BalanceSignal, receivedAt: Date): Promise<IngestOutcome>;
  ingestOrder(signal: OrderSignal, receivedAt: Date): Promise<IngestOutcome>;
  /** Callbacks without a trace id are deduplicated on (status, order or position id). */
  ingestCallback(callback: OrderCallback, receivedAt: Date): Promise<IngestOutcome>;
}

export interface BalanceSnapshotDto {
  readonly asset: string;
  readonly available_balance: string;
  readonly frozen_balance: string;
  readonly equity: string;
  readonly unrealized_pnl: string | null;
  readonly position_deposit: string | null;
  /** When the worker observed it. */
  readonly timestamp: string;
  readonly trace_id: string;
}

export type BalanceInterval = 'raw' | 'minute' | 'hour' | 'day';

export interface DailyBalanceMetricDto {
  /** UTC day, YYYY-MM-DD. */
  readonly day: string;
  readonly opening_equity: string;
  readonly closing_equity: string;
  readonly pnl: string;
  /** PnL / opening equity, as a decimal string ("0.0123" = +1.23 %); null when opening equity is 0. */
  readonly roi: string | null;
}

export interface OrderLifecycleEventDto {
  readonly status: string;
  readonly source: 'order_signal' | 'callback';
  readonly deal_size: string | null;
  readonly deal_avg_price: string | null;
  readonly detail: Record<string, unknown>;
  readonly occurred_at: string;
  readonly trace_id: string;
}

export interface OrderDto {
  /** Our id: the client order id; "" for the venue's own orders and other tools' (found by `order_id`). */
  readonly client_order_id: string;
  readonly order_id: string | null;
  readonly symbol: string;
  readonly kind: string;
  readonly status: string;
  readonly type: string;
  readonly side: string;
  readonly price: string;
  readonly size: string;
  readonly deal_size: string | null;
  readonly deal_avg_price: string | null;
  readonly submitted_at: string;
  readonly updated_at: string;
}

export interface OrderWithLifecycleDto extends OrderDto {
  readonly lifecycle: readonly OrderLifecycleEventDto[];
}

export interface PositionDto {
  /**
   * Null until an order signal of the entry order arrives: callbacks (docs/reference/seed-contracts.md#callbacks) name
   * the request, not the symbol or side, and a `placed` callback may overtake the order signal.
   */
  readonly symbol: string | null;
  readonly side: 'long' | 'short' | null;
  readonly status: 'open' | 'closed';
  readonly entry_order_id: string;
  readonly entry_price: string | null;
  readonly quantity: string | null;
  readonly close_reason: string | null;
  readonly close_price: string | null;
  /** The exchange id of the order that closed it, when known. */
  readonly close_order_id: string | null;
  readonly opened_at: string | null;
  readonly closed_at: string | null;
  /** The last `close_failed` callback's error while the position stays open (for a human to act). */
  readonly last_close_error?: string | null;
}

export interface AlertDto {
  readonly id: string;
  readonly kind: 'low_available_balance' | 'high_frozen_share' | 'position_close_failed' | 'position_unprotected';
  readonly message: string;
  /** What crossed the threshold (balance alerts); null for position alerts. */
  readonly value: string | null;
  readonly threshold: string | null;
  /** The position a position alert is about (the request id); null for balance alerts. */
  readonly position_id: string | null;
  readonly created_at: string;
}

export interface TradingQueries {
  currentBalance(): Promise<BalanceSnapshotDto | undefined>;
  /** Oldest first; `limit` (optional) keeps the first n. */
  balanceHistory(query: {
    from?: Date;
    to?: Date;
    interval: BalanceInterval;
    limit?: number;
  }): Promise<readonly BalanceSnapshotDto[]>;
  dailyBalanceMetrics(days: number, now: Date): Promise<readonly DailyBalanceMetricDto[]>;
  orders(query: { symbol?: string; status?: string; kind?: string; limit: number }): Promise<readonly OrderDto[]>;
  /** By client order id (case-insensitive, as the original upper-cased it). */
  order(clientOrderId: string): Promise<OrderWithLifecycleDto | undefined>;
  positions(query: { status?: 'open' | 'closed' }): Promise<readonly PositionDto[]>;
  alerts(query: { limit: number }): Promise<readonly AlertDto[]>;
}

/**
 * Alert thresholds (docs/reference/seed-contracts.md#balance-phases); an alert fires once per
 * crossing, not on every signal.
 */
export interface AlertPolicy {
  /** Available balance under this (USDT) raises an alert; undefined = off. */
  readonly minAvailable: string | undefined;
  /** Frozen share of equity above this percentage raises an alert (default 80). */
  readonly maxFrozenPercent: string;
}

export interface TradingAppStore extends SignalIngest, TradingQueries {
  close(): Promise<void>;
}

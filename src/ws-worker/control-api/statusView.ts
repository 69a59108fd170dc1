import type { Balance, Position, TopicHealth } from '../../exchange/port/index.ts';
import type { PriceEvaluations } from '../execution/index.ts';
import type { LeaseStatus } from '../lease/LeaseKeeper.ts';
import type { OutboxStatus } from '../signals/SignalOutbox.ts';
import type { LiveState } from '../streams/LiveState.ts';

/** A position as the original's `/status` showed it (BitMart's field names, decimals as strings). */
export interface StatusPosition {
  readonly symbol: string;
  readonly hold_volume: string;
  readonly hold_avg_price: string;
  readonly liquidate_price: string | null;
  /** 1 long, 2 short. */
  readonly position_type: 1 | 2;
  /** 1 isolated, 2 cross. */
  readonly open_type: 1 | 2;
  readonly update_time: number | null;
}

export interface StatusBalance {
  readonly currency: string;
  readonly available_balance: string;
  readonly frozen_balance: string;
  readonly equity: string;
  readonly unrealized_pnl: string;
  readonly position_deposit: string;
}

export interface StatusTopicHealth {
  readonly topic: string;
  /** Null before the topic's first message. */
  readonly last_message_age_ms: number | null;
  readonly reconnects: number;
  readonly subscribed: boolean;
}

/** `GET /status`: the original's keys first (docs/reference/seed-contracts.md#control-api), then ours. */
export interface WorkerStatus {
  readonly is_running: boolean;
  readonly public_ws_connected: boolean;
  readonly private_ws_connected: boolean;
  readonly authenticated: boolean;
  readonly kline_channels: readonly string[];
  readonly order_subscribed: boolean;
  readonly position_subscribed: boolean;
  /** Keyed `{symbol}_{position_type}`; `{}` when flat (the original serialised an empty one as `[]`). */
  readonly positions: Readonly<Record<string, StatusPosition>>;
  readonly balance_subscribed: boolean;
  /** Null until the first USDT balance (stream or start-up REST read). */
  readonly balance: StatusBalance | null;
  readonly pending_orders: number;
  readonly monitored_positions: number;
  readonly open_orders: number;
  readonly last_prices: Readonly<Record<string, { readonly price: string; readonly age_ms: number }>>;
  readonly health: readonly StatusTopicHealth[];
  /** False when `TRADING_APP_BASE_URI` is empty: nothing is sent to the trading-app. */
  readonly signals_enabled: boolean;
  readonly outbox: OutboxStatus;
  /**
   * Ours (decision 0037): `active` trades the account; `standby` waits for the lease and refuses
   * orders with 503; `lost` was replaced and is stopping. A worker without a lease is `active`.
   */
  readonly role: 'active' | 'standby' | 'lost';
  /** Null without `WORKER_LEASE`. */
  readonly lease: LeaseStatus | null;
  /**
   * Ours: when this worker started trading (every component up; after a take-over, its end), in
   * Unix milliseconds; null while standby or still starting.
   */
  readonly active_since: number | null;
  /**
   * Ours: the price events this worker's execution evaluated (its entry zones, stops and targets)
   * since it started, and when the first and the last were (Unix milliseconds). Without entries or
   * positions nothing is evaluated.
   */
  readonly price_evaluations: {
    readonly count: number;
    readonly first_at: number | null;
    readonly last_at: number | null;
  };
}

export interface StatusInputs {
  readonly running: boolean;
  readonly now: number;
  readonly state: LiveState;
  readonly klineChannels: readonly string[];
  readonly subscribed: { readonly orders: boolean; readonly positions: boolean; readonly balance: boolean };
  readonly health: readonly TopicHealth[];
  readonly execution: { readonly pendingOrders: number; readonly monitoredPositions: number };
  readonly signalsEnabled: boolean;
  readonly outbox: OutboxStatus;
  readonly lease: LeaseStatus | undefined;
  /** False while a lease holder is still taking over (reconciling, re-arming): it takes no orders yet. */
  readonly ready: boolean;
  readonly activeSince: number | undefined;
  readonly priceEvaluations: PriceEvaluations;
}

export function buildStatus(inputs: StatusInputs): WorkerStatus {
  const { state, now } = inputs;
  const balance = state.balance();
  return {
    is_running: inputs.running,
    public_ws_connected: state.publicConnected,
    private_ws_connected: state.privateConnected,
    authenticated: state.privateConnected,
    kline_channels: inputs.klineChannels,
    order_subscribed: inputs.subscribed.orders,
    position_subscribed: inputs.subscribed.positions,
    positions: Object.fromEntries([...state.positions()].map(([key, position]) => [key, statusPosition(position)])),
    balance_subscribed: inputs.subscribed.balance,
    balance: balance ? statusBalance(balance) : null,
    pending_orders: inputs.execution.pendingOrders,
    monitored_positions: inputs.execution.monitoredPositions,
    open_orders: state.openOrders().length,
    last_prices: Object.fromEntries(
      [...state.prices()].map(([symbol, last]) => [symbol, { price: last.price, age_ms: now - last.at }]),
    ),
    health: inputs.health.map((topic) => ({
      topic: topic.topic,
      last_message_age_ms: topic.lastMessageAt === undefined ? null : Math.max(0, now - topic.lastMessageAt),
      reconnects: topic.reconnects,
      subscribed: topic.subscribed,
    })),
    signals_enabled: inputs.signalsEnabled,
    outbox: inputs.outbox,
    role: inputs.lease?.role === 'active' && !inputs.ready ? 'standby' : (inputs.lease?.role ?? 'active'),
    lease: inputs.lease ?? null,
    active_since: inputs.activeSince ?? null,
    price_evaluations: {
      count: inputs.priceEvaluations.count,
      first_at: inputs.priceEvaluations.firstAt ?? null,
      last_at: inputs.priceEvaluations.lastAt ?? null,
    },
  };
}

function statusPosition(position: Position): StatusPosition {
  return {
    symbol: position.symbol,
    hold_volume: position.size.toString(),
    hold_avg_price: position.entryPrice.toString(),
    liquidate_price: position.liquidationPrice?.toString() ?? null,
    position_type: position.side === 'long' ? 1 : 2,
    open_type: position.marginMode === 'isolated' ? 1 : 2,
    update_time: position.updatedAt ?? null,
  };
}

function statusBalance(balance: Balance): StatusBalance {
  return {
    currency: balance.currency,
    available_balance: balance.available.toString(),
    frozen_balance: balance.frozen.toString(),
    equity: balance.equity.toString(),
    unrealized_pnl: balance.unrealizedPnl.toString(),
    position_deposit: balance.positionMargin.toString(),
  };
}

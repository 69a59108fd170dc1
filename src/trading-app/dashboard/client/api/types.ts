/**
 * The shapes of the JSON API the page reads (src/trading-app/api/README.md). Money stays a decimal
 * string as the API sends it; the page only formats it.
 */

/** A protective order on the exchange: a trigger (or a resting closing limit) and the contracts it closes. */
export interface Protection {
  readonly order_id: string;
  readonly price: string;
  readonly size: string;
}

/** `GET /api/dashboard/positions` and the `positions` event: a position as the exchange holds it. */
export interface Position {
  readonly symbol: string;
  readonly side: 'long' | 'short';
  readonly size: string;
  readonly entry_price: string;
  readonly mark_price: string | null;
  readonly unrealized_pnl: string | null;
  /** Of the initial margin, in %. */
  readonly unrealized_pnl_pct: string | null;
  readonly leverage: string | null;
  readonly margin_mode: 'cross' | 'isolated';
  readonly liquidation_price: string | null;
  readonly liquidation_distance_pct: string | null;
  readonly protection: { readonly stop: Protection | null; readonly targets: readonly Protection[] };
  readonly unprotected: boolean;
  readonly trade_id: string | null;
}

/** `GET /api/dashboard/orders`: the exchange's open orders and waiting triggers. */
export interface ExchangeOrder {
  readonly order_id: string;
  readonly client_order_id: string | null;
  readonly symbol: string;
  readonly kind: 'order' | 'plan' | 'stop_loss' | 'take_profit';
  readonly side: string;
  readonly type: string | null;
  readonly price: string | null;
  readonly trigger_price: string | null;
  readonly size: string | null;
  readonly filled_size: string | null;
  readonly created_at: string;
}

export interface DriftRow {
  readonly symbol: string;
  readonly side: string;
  readonly kind: 'missing_on_exchange' | 'size_mismatch' | 'not_ours';
  readonly trade_id: string | null;
  readonly store_size: string | null;
  readonly exchange_size: string | null;
}

/** `GET /api/dashboard/health` and the `health` event. */
export interface Health {
  readonly exchange: {
    readonly reachable: boolean;
    readonly latency_ms: number | null;
    readonly clock_offset_ms: number | null;
  };
  readonly websocket: {
    readonly state: 'connected' | 'degraded' | 'disconnected' | 'unknown';
    readonly channels: readonly {
      readonly source: 'worker' | 'app';
      readonly channel: string;
      readonly last_message_age_ms: number | null;
    }[];
  };
  readonly runner: {
    readonly enabled: boolean;
    readonly last_run_at: string | null;
    readonly last_outcome: string | null;
    readonly missed_minutes: number | null;
  };
  readonly schedules: readonly {
    readonly name: string;
    readonly last_run_at: string | null;
    readonly last_outcome: string | null;
    readonly next_run_at: string | null;
  }[];
  /** The smallest share of a rate-limit window still free, 0-1. */
  readonly rate_limits: { readonly lowest_headroom: number | null };
  readonly worker: {
    readonly reachable: boolean;
    readonly outbox_depth: number | null;
    readonly delivery_failures: number | null;
  };
  readonly balance_alerts: number;
  readonly reconciliation: { readonly drift: readonly DriftRow[] };
  readonly entries_paused: boolean;
  readonly kill_switch: boolean;
  readonly unprotected_positions: number | null;
  readonly timestamp: string;
}

/** The `run` event (an MTF run finished); runs read back from the audits have no profile nor duration. */
export interface RunSummary {
  readonly run_id: string;
  readonly at: string;
  readonly duration_ms: number | null;
  readonly profile?: string;
  readonly dry_run?: boolean;
  readonly status?: string;
  readonly counts: Readonly<Record<string, number>>;
  readonly top_rejections: readonly { readonly reason: string; readonly count: number }[];
}

export interface BalanceSnapshot {
  readonly asset: string;
  readonly available_balance: string;
  readonly frozen_balance: string;
  readonly equity: string;
  readonly unrealized_pnl: string | null;
  readonly timestamp: string;
}

export interface DailyMetric {
  readonly day: string;
  readonly opening_equity: string;
  readonly closing_equity: string;
  readonly pnl: string;
  readonly roi: string | null;
}

export interface Trade {
  readonly decision_key: string;
  readonly run_id: string | null;
  readonly profile: string;
  readonly symbol: string;
  readonly side: 'long' | 'short';
  readonly execution_tf: string;
  readonly status: string;
  readonly reason: string | null;
  readonly plan: TradePlan | null;
  readonly entry_price: string | null;
  readonly quantity: string | null;
  readonly exit_reason: string | null;
  readonly exit_price: string | null;
  readonly fees: string | null;
  readonly realized_pnl_net: string | null;
  readonly r_multiple: string | null;
  readonly created_at: string;
  readonly submitted_at: string | null;
  readonly opened_at: string | null;
  readonly closed_at: string | null;
}

/** The planner's plan as a trade records it (trade-entry/planDto.ts), plus the place-order body sent. */
export interface TradePlan {
  readonly zone: { readonly low: string; readonly high: string };
  readonly entry: string;
  readonly stop: string;
  readonly targets: readonly { readonly price: string; readonly size: string; readonly r_multiple: string }[];
  readonly risk_usdt: string;
}

export interface TradeOrder {
  readonly order_id: string | null;
  readonly client_order_id: string | null;
  readonly role: string;
  readonly side: string;
  readonly type: string;
  readonly status: string;
  readonly price: string | null;
  readonly size: string | null;
  readonly filled_size: string | null;
  readonly created_at: string;
  readonly fills: readonly {
    readonly trade_id: string;
    readonly side: string;
    readonly price: string;
    readonly size: string;
    readonly fee: string;
    readonly filled_at: string;
  }[];
}

export interface TradeDetail extends Trade {
  readonly orders: readonly TradeOrder[];
  readonly funding_payments: readonly { readonly amount: string; readonly paid_at: string }[];
}

export interface Order {
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
  readonly submitted_at: string;
  readonly updated_at: string;
}

export interface Schedule {
  readonly name: string;
  readonly cron: string;
  readonly enabled: boolean;
  readonly running: boolean;
  readonly last_run_at: string | null;
  readonly last_outcome: string | null;
  readonly last_summary: string | null;
  readonly last_duration_ms: number | null;
  readonly next_run_at: string | null;
  readonly runs: number;
  readonly failures: number;
}

/** The shared queue behind the schedules (`queue` of `GET /api/schedules`; null in process). */
export interface ScheduleQueue {
  readonly backend: 'postgres' | 'redis';
  readonly prefix: string;
  readonly queue: string;
  readonly waiting: number;
  readonly active: number;
  readonly delayed: number;
  readonly failed: number;
  readonly completed: number;
  readonly stalled: number;
  readonly workers: readonly { name: string; connected: boolean; last_heartbeat_at: string | null }[];
  readonly last_heartbeat_at: string | null;
}

export interface Switch {
  readonly id: number;
  readonly key: string;
  readonly is_on: boolean;
  readonly effective_on: boolean;
  readonly description: string | null;
  readonly expires_at: string | null;
}

export interface AuditRow {
  readonly id: number;
  readonly symbol: string;
  readonly run_id: string | null;
  readonly step: string;
  readonly timeframe: string | null;
  readonly cause: string | null;
  readonly severity: number;
  readonly details: Readonly<Record<string, unknown>>;
  readonly created_at: string;
}

export interface Candle {
  readonly open_time: string;
  readonly open: string;
  readonly high: string;
  readonly low: string;
  readonly close: string;
  readonly volume: string;
}

export interface ControlAnswer {
  readonly status: 'ok';
  readonly data: unknown;
  readonly audit_id: number;
}

/** One node of `GET /api/mtf/diagnose`'s tree: a rule or condition with the number it read and its bound. */
export interface ConditionNode {
  readonly name: string;
  readonly passed: boolean;
  readonly value: number | null;
  readonly threshold: number | null;
  readonly children: readonly ConditionNode[];
  readonly meta: Readonly<Record<string, unknown>>;
}

export interface TimeframeDiagnosis {
  readonly timeframe: string;
  readonly status: string;
  readonly signal: string;
  readonly reason: string | null;
  readonly evaluation?: { readonly long: ConditionNode; readonly short: ConditionNode };
}

/** `GET /api/mtf/diagnose`: a symbol's decision, now or as a run saw it. */
export interface Diagnosis {
  readonly symbol: string;
  readonly profile: string;
  readonly at: string;
  readonly timeframe: string | null;
  readonly run_id: string | null;
  readonly decision: {
    readonly status: string;
    readonly signal_side: string;
    readonly execution_tf: string | null;
    readonly failed_timeframe: string | null;
    readonly reason: string | null;
    readonly context: { readonly context_dir: string; readonly context_tfs: readonly string[] };
    readonly timeframes: Readonly<Record<string, TimeframeDiagnosis | undefined>>;
    readonly filters?: ConditionNode;
    readonly selector?: readonly {
      readonly timeframe: string;
      readonly step: string;
      readonly checks: readonly {
        readonly name: string;
        readonly passed: boolean;
        readonly value: number | boolean | null;
        readonly missing: boolean;
      }[];
    }[];
  };
}

/** `GET /api/backtests`: a backtest started through the API, newest first. */
export interface Backtest {
  readonly id: number;
  readonly created_at: string;
  readonly params: {
    readonly profile: string;
    readonly symbols: readonly string[];
    readonly from: string;
    readonly to: string;
    readonly balance: string;
    readonly fees: string | null;
    readonly slippage_bps: number;
  };
  readonly state: 'queued' | 'running' | 'done' | 'failed';
  /** 0 to 1. */
  readonly progress: number;
  readonly summary: { readonly net_profit?: string; readonly trades_closed?: number } | null;
  readonly error: string | null;
  readonly finished_at: string | null;
}

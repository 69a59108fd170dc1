import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

/**
 * The trading-app's one PostgreSQL schema, the same on PGlite and on a server. Money and sizes are
 * unconstrained `numeric` (never a float: the exact decimal string goes in and comes back), times
 * are `timestamptz`. Migrations are generated from this file (`drizzle-kit generate`); the
 * README beside it explains each table.
 */

const money = (name: string) => numeric(name);
const moment = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Every worker signal (balance or order) once, by trace id: the idempotency key of ingest. */
export const signalsReceived = pgTable(
  'signals_received',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    traceId: text('trace_id').notNull().unique(),
    kind: text('kind', { enum: ['balance', 'order'] }).notNull(),
    payload: jsonb('payload').notNull(),
    receivedAt: moment('received_at').notNull(),
  },
  (table) => [check('signals_received_kind', sql`${table.kind} in ('balance', 'order')`)],
);

/**
 * Every callback (docs/reference/seed-contracts.md#callbacks) once. `dedupe_key` is the trace id when the sender gave
 * one, else `{status}:{ORDER OR POSITION ID}` (a callback without a trace id can only be told apart that way).
 */
export const callbacksReceived = pgTable('callbacks_received', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  dedupeKey: text('dedupe_key').notNull().unique(),
  traceId: text('trace_id'),
  status: text('status').notNull(),
  subjectId: text('subject_id').notNull(),
  payload: jsonb('payload').notNull(),
  receivedAt: moment('received_at').notNull(),
});

export const balanceSnapshots = pgTable(
  'balance_snapshots',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    signalId: bigint('signal_id', { mode: 'number' })
      .notNull()
      .references(() => signalsReceived.id),
    traceId: text('trace_id').notNull(),
    asset: text('asset').notNull(),
    availableBalance: money('available_balance').notNull(),
    frozenBalance: money('frozen_balance').notNull(),
    equity: money('equity').notNull(),
    unrealizedPnl: money('unrealized_pnl'),
    positionDeposit: money('position_deposit'),
    bonus: money('bonus'),
    /** When the worker observed the balance (the signal's `timestamp`). */
    observedAt: moment('observed_at').notNull(),
    receivedAt: moment('received_at').notNull(),
  },
  (table) => [index('balance_snapshots_observed_at').on(table.observedAt, table.id)],
);

/**
 * One row per order, its current state. `client_order_key` is the upper-cased client order id
 * (the original looked orders up upper-cased); `client_order_id` keeps the spelling first seen.
 */
export const orders = pgTable(
  'orders',
  {
    clientOrderKey: text('client_order_key').primaryKey(),
    clientOrderId: text('client_order_id').notNull(),
    orderId: text('order_id'),
    parentClientOrderId: text('parent_client_order_id'),
    symbol: text('symbol').notNull(),
    kind: text('kind').notNull(),
    status: text('status').notNull(),
    type: text('type').notNull(),
    side: text('side').notNull(),
    price: money('price').notNull(),
    size: money('size').notNull(),
    dealSize: money('deal_size'),
    dealAvgPrice: money('deal_avg_price'),
    leverage: money('leverage'),
    submittedAt: moment('submitted_at').notNull(),
    createdAt: moment('created_at').notNull(),
    updatedAt: moment('updated_at').notNull(),
  },
  (table) => [
    index('orders_submitted_at').on(table.submittedAt),
    index('orders_symbol').on(table.symbol),
    index('orders_order_id').on(table.orderId),
  ],
);

/**
 * Everything that happened to an order, in arrival order, including what did not move its status
 * (a late SUBMITTED after FILLED is kept here). No foreign key: a callback may precede the order.
 */
export const orderEvents = pgTable(
  'order_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    clientOrderKey: text('client_order_key').notNull(),
    status: text('status').notNull(),
    source: text('source', { enum: ['order_signal', 'callback'] }).notNull(),
    dealSize: money('deal_size'),
    dealAvgPrice: money('deal_avg_price'),
    detail: jsonb('detail').notNull(),
    occurredAt: moment('occurred_at').notNull(),
    traceId: text('trace_id').notNull(),
    receivedAt: moment('received_at').notNull(),
  },
  (table) => [index('order_events_order').on(table.clientOrderKey, table.occurredAt, table.id)],
);

/**
 * A position per entry request: opened by a `placed` callback, closed by a `closed` one. Keyed
 * by the upper-cased request id (the callbacks' `order_id`, then `position_id`). Symbol and side
 * stay null until an order signal for the entry order tells them (callbacks carry neither).
 */
export const positions = pgTable(
  'positions',
  {
    positionKey: text('position_key').primaryKey(),
    positionId: text('position_id').notNull(),
    exchangeOrderId: text('exchange_order_id'),
    symbol: text('symbol'),
    side: text('side', { enum: ['long', 'short'] }),
    status: text('status', { enum: ['open', 'closed'] }).notNull(),
    entryPrice: money('entry_price'),
    quantity: money('quantity'),
    closeReason: text('close_reason'),
    closePrice: money('close_price'),
    closeOrderId: text('close_order_id'),
    lastCloseFailureReason: text('last_close_failure_reason'),
    lastCloseError: text('last_close_error'),
    lastCloseFailedAt: moment('last_close_failed_at'),
    openedAt: moment('opened_at'),
    closedAt: moment('closed_at'),
    updatedAt: moment('updated_at').notNull(),
  },
  (table) => [
    index('positions_status').on(table.status),
    index('positions_exchange_order_id').on(table.exchangeOrderId),
  ],
);

/**
 * Fired alerts: balance rules (docs/reference/seed-contracts.md#balance-phases; `value` and `threshold` say how far it
 * crossed) and position alerts from `close_failed` callbacks (`position_id` says which; no threshold).
 */
export const alerts = pgTable(
  'alerts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind', {
      enum: ['low_available_balance', 'high_frozen_share', 'position_close_failed', 'position_unprotected'],
    }).notNull(),
    message: text('message').notNull(),
    value: money('value'),
    threshold: money('threshold'),
    positionId: text('position_id'),
    /** The balance signal that crossed the threshold, or the callback that raised it. */
    traceId: text('trace_id').notNull(),
    createdAt: moment('created_at').notNull(),
  },
  (table) => [index('alerts_created_at').on(table.createdAt, table.id)],
);

/**
 * Whether each alert is currently raised: it fires when it goes from not raised to raised and
 * re-arms when the value crosses back. `observed_at` is the snapshot time of the last evaluation,
 * so a late, older snapshot cannot flip the state back.
 */
export const alertStates = pgTable('alert_states', {
  kind: text('kind').primaryKey(),
  raised: boolean('raised').notNull(),
  lastValue: money('last_value'),
  observedAt: moment('observed_at'),
  changedAt: moment('changed_at').notNull(),
});

/**
 * Contract specifications and the venue's last 24 h figures (names follow the exchange port's
 * `Contract`), upserted by the contract sync (`bitmart:fetch-contracts`, `/api/mtf/sync-contracts`).
 * The symbol universe filters on status, quote currency, turnover and the open/expire times.
 */
export const contracts = pgTable(
  'contracts',
  {
    symbol: text('symbol').primaryKey(),
    baseCurrency: text('base_currency').notNull(),
    quoteCurrency: text('quote_currency').notNull(),
    status: text('status').notNull(),
    contractSize: money('contract_size').notNull(),
    tickSize: money('tick_size').notNull(),
    sizeStep: money('size_step').notNull(),
    minSize: money('min_size').notNull(),
    maxSize: money('max_size').notNull(),
    maxMarketSize: money('max_market_size').notNull(),
    minLeverage: money('min_leverage').notNull(),
    maxLeverage: money('max_leverage').notNull(),
    fundingIntervalHours: smallint('funding_interval_hours'),
    lastPrice: money('last_price'),
    indexPrice: money('index_price'),
    volume24h: money('volume_24h'),
    /**
     * Quote-currency turnover over 24 h: the universe's liquidity buckets
     * (docs/reference/original-system.md#universe).
     */
    turnover24h: money('turnover_24h'),
    fundingRate: money('funding_rate'),
    nextFundingTime: moment('next_funding_time'),
    /** When the contract was listed; null when the venue does not say. */
    openTimestamp: moment('open_timestamp'),
    /** Null for perpetuals (the venue's 0). */
    expireTimestamp: moment('expire_timestamp'),
    /** Scheduled delisting; null when none. */
    delistTime: moment('delist_time'),
    insertedAt: moment('inserted_at').notNull().defaultNow(),
    updatedAt: moment('updated_at').notNull(),
  },
  (table) => [index('contracts_universe').on(table.status, table.quoteCurrency, table.turnover24h)],
);

/**
 * Closed candles only (a candle goes in once its open time + timeframe has passed), one row per
 * (symbol, timeframe, open time); the primary key also serves "the last N of a series".
 * `source` says who wrote the row last: 'rest' (catch-up), 'stream' (a `kline_closed` event) or
 * 'import' (`klines:import`).
 */
export const klines = pgTable(
  'klines',
  {
    symbol: text('symbol').notNull(),
    timeframe: text('timeframe').notNull(),
    openTime: moment('open_time').notNull(),
    open: money('open').notNull(),
    high: money('high').notNull(),
    low: money('low').notNull(),
    close: money('close').notNull(),
    volume: money('volume').notNull(),
    source: text('source').notNull().default('rest'),
    insertedAt: moment('inserted_at').notNull(),
    updatedAt: moment('updated_at').notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.symbol, table.timeframe, table.openTime] })],
);

/**
 * Indicator values per closed candle, upserted by every MTF run for each evaluated timeframe
 * (docs/reference/original-system.md#indicator-snapshots): a later run over the same candle overwrites the row.
 */
export const indicatorSnapshots = pgTable(
  'indicator_snapshots',
  {
    symbol: text('symbol').notNull(),
    timeframe: text('timeframe').notNull(),
    klineTime: moment('kline_time').notNull(),
    values: jsonb('values').notNull(),
    /** Who computed the values: 'streaming' (TimeframeIndicators); the original wrote 'PHP'. */
    source: text('source').notNull().default('streaming'),
    /** The run that wrote the row last. */
    runId: text('run_id'),
    createdAt: moment('created_at').notNull(),
    updatedAt: moment('updated_at').notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.symbol, table.timeframe, table.klineTime] })],
);

/**
 * Decision trail of the MTF runs (the original's `mtf_audit`, original-system.md#audits): one row per decision step,
 * written in one batch per run. Severity: 0 success, 1 alignment, 2 validation failed, 3 error.
 */
export const audits = pgTable(
  'audits',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    runId: text('run_id').notNull(),
    symbol: text('symbol').notNull(),
    step: text('step').notNull(),
    timeframe: text('timeframe'),
    cause: text('cause'),
    details: jsonb('details').notNull(),
    severity: smallint('severity').notNull().default(0),
    candleOpenTime: moment('candle_open_time'),
    createdAt: moment('created_at').notNull(),
  },
  (table) => [
    index('audits_symbol_created_at').on(table.symbol, table.createdAt),
    index('audits_run_id').on(table.runId),
    index('audits_step_created_at').on(table.step, table.createdAt),
  ],
);

/**
 * Kill switches of the MTF runner, in the database so that every process sees them (the
 * original's GLOBAL switch lived in an in-memory map, original-system.md#bug-memory-switch). Keys: `GLOBAL`,
 * `SYMBOL:{symbol}`, `SYMBOL_TF:{symbol}:{tf}`. A row is OFF only while `is_on` is false and `expires_at` is null or
 * in the future: an expired row counts as ON.
 */
export const mtfSwitches = pgTable('mtf_switch', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  switchKey: text('switch_key').notNull().unique(),
  isOn: boolean('is_on').notNull().default(true),
  description: text('description'),
  expiresAt: moment('expires_at'),
  createdAt: moment('created_at').notNull(),
  updatedAt: moment('updated_at').notNull(),
});

/**
 * Per-symbol run locks (`mtf_execution:{symbol}`): taken with one conditional upsert (free or
 * expired → ours), released in `finally` by their owner; a crashed owner's lock expires. The
 * original's locks ran on a mock Redis and never excluded anything (original-system.md#bug-mock-locks).
 */
export const mtfLocks = pgTable(
  'mtf_lock',
  {
    lockKey: text('lock_key').primaryKey(),
    /** The run holding it (its run id). */
    owner: text('owner').notNull(),
    acquiredAt: moment('acquired_at').notNull(),
    expiresAt: moment('expires_at').notNull(),
    metadata: jsonb('metadata').notNull().default({}),
  },
  (table) => [index('mtf_lock_expires_at').on(table.expiresAt)],
);

/** One row per finished MTF run: its summary, for `GET /api/mtf/status` across processes. */
export const mtfRuns = pgTable(
  'mtf_runs',
  {
    runId: text('run_id').primaryKey(),
    startedAt: moment('started_at').notNull(),
    finishedAt: moment('finished_at').notNull(),
    summary: jsonb('summary').notNull(),
  },
  (table) => [index('mtf_runs_finished_at').on(table.finishedAt)],
);

/**
 * One row per trading decision (`decision_key`: symbol, side, execution timeframe and candle), so
 * a re-run, a retry or a restart finds the decision instead of trading it twice. A refused
 * decision is kept with its reason; a planned one with its plan, then its orders' outcome. The
 * request id sent to the worker is the decision key: `positions.position_key` is its upper case.
 */
export const trades = pgTable(
  'trades',
  {
    decisionKey: text('decision_key').primaryKey(),
    runId: text('run_id').notNull(),
    profile: text('profile').notNull(),
    symbol: text('symbol').notNull(),
    side: text('side', { enum: ['long', 'short'] }).notNull(),
    executionTimeframe: text('execution_timeframe').notNull(),
    candleOpenTime: moment('candle_open_time').notNull(),
    /**
     * `skipped` (the planner found no trade), `refused` (a risk limit), `planned` (recorded, not yet
     * accepted by the worker), `submitted`, `open`, `closed`, `cancelled` (the entry never filled),
     * `failed` (the worker or the venue refused the order).
     */
    status: text('status', {
      enum: ['skipped', 'refused', 'planned', 'submitted', 'open', 'closed', 'cancelled', 'failed'],
    }).notNull(),
    reason: text('reason'),
    detail: text('detail'),
    plan: jsonb('plan'),
    entryPrice: money('entry_price'),
    quantity: money('quantity'),
    /**
     * `stop_loss`, `tp1`, `tp2`, `trailing`, `time_stop`, `manual`, `liquidation`; `exchange` while
     * the venue closed it and the reconciliation has not yet read which order did.
     */
    exitReason: text('exit_reason'),
    exitPrice: money('exit_price'),
    /** Gross: from prices until reconciled, then the venue's realised PnL of the closing fills. */
    realizedPnl: money('realized_pnl'),
    /** The venue's id of the entry order that filled first (the `placed` callback's). */
    entryOrderId: text('entry_order_id'),
    /** The trade's accounting, read from the venue (trades/README.md): fees paid (positive = paid). */
    fees: money('fees'),
    /** Funding while open, signed: positive = received. */
    funding: money('funding'),
    /** realized_pnl − fees + funding: the account's balance change over the trade. */
    netPnl: money('net_pnl'),
    /** net_pnl / the plan's risk in USDT. */
    rMultiple: money('r_multiple'),
    /** Worst and best prices reached while open, and their PnL on the largest size held (MAE ≤ 0 ≤ MFE). */
    maePrice: money('mae_price'),
    mfePrice: money('mfe_price'),
    maeUsdt: money('mae_usdt'),
    mfeUsdt: money('mfe_usdt'),
    /** Null: never reconciled; `partial`: figures so far (open); `final`: the venue shows it flat. */
    accounting: text('accounting', { enum: ['partial', 'final'] }),
    /** When the accounting last changed. */
    reconciledAt: moment('reconciled_at'),
    createdAt: moment('created_at').notNull(),
    submittedAt: moment('submitted_at'),
    openedAt: moment('opened_at'),
    closedAt: moment('closed_at'),
    updatedAt: moment('updated_at').notNull(),
  },
  (table) => [
    index('trades_created_at').on(table.createdAt),
    index('trades_symbol_created_at').on(table.symbol, table.createdAt),
    index('trades_status').on(table.status),
  ],
);

/**
 * The venue's orders of a trade (its symbol, between its submission and the fill that left the
 * position flat): `source` `order` from the order history, `plan` for trigger orders (stop, targets,
 * stop moves) seen waiting while the trade was open. `role` is what the order did for the trade.
 */
export const tradeOrders = pgTable(
  'trade_orders',
  {
    decisionKey: text('decision_key')
      .notNull()
      .references(() => trades.decisionKey),
    source: text('source', { enum: ['order', 'plan'] }).notNull(),
    orderId: text('order_id').notNull(),
    clientOrderId: text('client_order_id').notNull(),
    role: text('role').notNull(),
    side: text('side').notNull(),
    type: text('type').notNull(),
    /** `filled`, `canceled`, `open`... for orders; `waiting`, then `ended` for plans. */
    status: text('status').notNull(),
    /** The limit price, or a plan's trigger price; null for a market order. */
    price: money('price'),
    /** Contracts; 0 for a position-level plan (the whole position). */
    size: money('size').notNull(),
    filledSize: money('filled_size').notNull(),
    averagePrice: money('average_price'),
    createdAt: moment('created_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.decisionKey, table.source, table.orderId] })],
);

/** The venue's fills of a trade's orders, as its `trades` endpoint reports them. */
export const tradeFills = pgTable(
  'trade_fills',
  {
    decisionKey: text('decision_key')
      .notNull()
      .references(() => trades.decisionKey),
    tradeId: text('trade_id').notNull(),
    orderId: text('order_id').notNull(),
    side: text('side').notNull(),
    price: money('price').notNull(),
    size: money('size').notNull(),
    /** Positive = paid. */
    fee: money('fee').notNull(),
    /** `maker`, `taker`, or null when the venue does not say. */
    liquidity: text('liquidity'),
    /** The venue's realised PnL of the fill, fee excluded (decision 0021). */
    realizedPnl: money('realized_pnl').notNull(),
    filledAt: moment('filled_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.decisionKey, table.tradeId] })],
);

/** Funding payments of the symbol while the trade was open (the venue's ledger, flow "Funding Fee"). */
export const tradeFunding = pgTable(
  'trade_funding',
  {
    decisionKey: text('decision_key')
      .notNull()
      .references(() => trades.decisionKey),
    ledgerId: text('ledger_id').notNull(),
    /** Signed: positive = received. */
    amount: money('amount').notNull(),
    paidAt: moment('paid_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.decisionKey, table.ledgerId, table.paidAt] })],
);

/**
 * Every control a person triggered (the dashboard's pause, resume, close, flatten, cancel, kill
 * switch, and the MTF switches): who (`actor`, and the peer `address`), when, what (`action`,
 * `target`, the `request` body), and the `outcome` (`pending` until it is known; `ok`, `refused`:
 * the state forbade it or nothing was there, `failed`: the worker or the venue did not do it), with
 * the answer in `detail`. `request_id`, when the caller gave one, makes the control idempotent.
 */
export const controlAudit = pgTable(
  'control_audit',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: moment('at').notNull(),
    actor: text('actor').notNull(),
    address: text('address'),
    action: text('action').notNull(),
    target: text('target'),
    request: jsonb('request').notNull(),
    requestId: text('request_id').unique(),
    outcome: text('outcome', { enum: ['pending', 'ok', 'refused', 'failed'] }).notNull(),
    detail: jsonb('detail'),
    finishedAt: moment('finished_at'),
  },
  (table) => [
    index('control_audit_at').on(table.at, table.id),
    check('control_audit_outcome', sql`${table.outcome} in ('pending', 'ok', 'refused', 'failed')`),
  ],
);

/**
 * Backtests started through the API (`POST /api/backtests`): the `parameters` as given, the
 * `state` (`queued`, `running`, `done`, `failed` with its `error`), and once done the `summary`,
 * the `result` (what `backtest:run --json` prints) and the `report` (its HTML file). A run that was
 * queued or running when the app stopped is marked failed at the next start.
 */
export const backtests = pgTable(
  'backtests',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    createdAt: moment('created_at').notNull(),
    parameters: jsonb('parameters').notNull(),
    state: text('state', { enum: ['queued', 'running', 'done', 'failed'] }).notNull(),
    summary: jsonb('summary'),
    /** Text, not jsonb: the JSON keeps the CLI's key order and bytes. */
    result: text('result'),
    report: text('report'),
    error: text('error'),
    finishedAt: moment('finished_at'),
  },
  (table) => [
    index('backtests_created_at').on(table.createdAt, table.id),
    check('backtests_state', sql`${table.state} in ('queued', 'running', 'done', 'failed')`),
  ],
);

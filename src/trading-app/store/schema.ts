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
 * Every callback of seed 003 once. `dedupe_key` is the trace id when the sender gave one, else
 * `{status}:{ORDER OR POSITION ID}` (a callback without a trace id can only be told apart that way).
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

export const alerts = pgTable(
  'alerts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind', { enum: ['low_available_balance', 'high_frozen_share'] }).notNull(),
    message: text('message').notNull(),
    value: money('value').notNull(),
    threshold: money('threshold').notNull(),
    /** The balance signal that crossed the threshold. */
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

/** Contract specifications (names follow the exchange port's `Contract`); not written yet. */
export const contracts = pgTable('contracts', {
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
  updatedAt: moment('updated_at').notNull(),
});

/** Closed candles; not written yet. */
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
  },
  (table) => [primaryKey({ columns: [table.symbol, table.timeframe, table.openTime] })],
);

/** Indicator values per closed candle; not written yet. */
export const indicatorSnapshots = pgTable(
  'indicator_snapshots',
  {
    symbol: text('symbol').notNull(),
    timeframe: text('timeframe').notNull(),
    klineTime: moment('kline_time').notNull(),
    values: jsonb('values').notNull(),
    createdAt: moment('created_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.symbol, table.timeframe, table.klineTime] })],
);

/** Decision trail of a validation run (the original's `mtf_audit`); not written yet. */
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
  ],
);

import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { BalanceSignal } from '../../../src/contracts/signals/balanceSignal.ts';
import type { OrderSignal } from '../../../src/contracts/signals/orderSignal.ts';
import { ManualClock } from '../../../src/platform/clock/index.ts';
import {
  createTradingAppStore,
  type Database,
  type TradingAppStoreOptions,
} from '../../../src/trading-app/store/index.ts';
import type { AlertPolicy, TradingAppStore } from '../../../src/trading-app/TradingAppServices.ts';
import type { DatabaseTarget } from './databaseTargets.ts';

export interface LogLine {
  readonly level: number;
  readonly msg: string;
  readonly [field: string]: unknown;
}

export interface StoreFixture {
  readonly database: Database;
  readonly clock: ManualClock;
  readonly logs: LogLine[];
  /** A store over the fixture's database; `batching` as `TradingAppStoreOptions.ingestBatching`. */
  store(policy?: AlertPolicy, batching?: TradingAppStoreOptions['ingestBatching']): TradingAppStore;
  /** Rows of a raw query, for checks that the DTOs do not show. */
  rows(query: ReturnType<typeof sql>): Promise<Record<string, unknown>[]>;
}

export const OPEN_TIMEOUT_MS = 90_000;

const DEFAULT_POLICY: AlertPolicy = { minAvailable: undefined, maxFrozenPercent: '80' };
const TABLES = [
  'signals_received',
  'callbacks_received',
  'balance_snapshots',
  'orders',
  'order_events',
  'positions',
  'alerts',
  'alert_states',
];

/**
 * One migrated database per test file (PGlite starts in 2-3 s), emptied before each test. The
 * stores made here share it and are never closed: `afterAll` closes the database once.
 */
export function useStoreFixture(target: DatabaseTarget): StoreFixture {
  let database: Database | undefined;
  const logs: LogLine[] = [];
  const fixture = {
    get database(): Database {
      if (database === undefined) throw new Error('the database is not open yet');
      return database;
    },
    clock: new ManualClock(Date.UTC(2025, 10, 5, 12)),
    logs,
    store(policy = DEFAULT_POLICY, batching?: TradingAppStoreOptions['ingestBatching']) {
      const logger = pino({ level: 'debug' }, { write: (line: string) => logs.push(JSON.parse(line) as LogLine) });
      return createTradingAppStore(fixture.database, {
        clock: fixture.clock,
        logger,
        alertPolicy: policy,
        ingestBatching: batching,
      });
    },
    async rows(query: ReturnType<typeof sql>) {
      const result = (await fixture.database.drizzle.execute(query)) as unknown as { rows: Record<string, unknown>[] };
      return result.rows;
    },
  };
  // A fresh PGlite directory runs initdb: 3 s on a quiet machine, over 10 s on a busy one.
  beforeAll(async () => {
    database = await target.open();
  }, OPEN_TIMEOUT_MS);
  afterAll(async () => {
    await database?.close();
    await target.dispose();
  });
  beforeEach(async () => {
    logs.length = 0;
    await fixture.database.drizzle.execute(sql.raw(`truncate ${TABLES.join(', ')} restart identity cascade`));
  });
  return fixture;
}

let traceCounter = 0;

/** A fresh, valid trace id (8-64 of [A-Za-z0-9_-]). */
export function traceId(prefix = 'trace'): string {
  traceCounter += 1;
  return `${prefix}-${String(traceCounter).padStart(6, '0')}`;
}

export function balanceSignal(overrides: Partial<BalanceSignal> = {}): BalanceSignal {
  return {
    asset: 'USDT',
    available_balance: '10000.50',
    frozen_balance: '500.00',
    equity: '10500.50',
    unrealized_pnl: '100.00',
    position_deposit: '400.00',
    timestamp: '2025-11-05T12:00:00+00:00',
    trace_id: traceId('balance'),
    retry_count: 0,
    payload_version: '1.0',
    ...overrides,
  };
}

export function orderSignal(overrides: Partial<OrderSignal> = {}): OrderSignal {
  return {
    kind: 'ENTRY',
    status: 'SUBMITTED',
    client_order_id: 'CLI1Q2W3E4R5',
    order_id: '2311234567',
    symbol: 'BTCUSDT',
    side: '1',
    type: 'limit',
    price: '99950.0',
    size: '2',
    leverage: '10',
    submitted_at: '2025-11-05T10:00:00+00:00',
    trace_id: traceId('order'),
    retry_count: 0,
    payload_version: '1.0',
    ...overrides,
  };
}

export const RECEIVED_AT = new Date('2025-11-05T12:00:01Z');

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { resolvePort } from '../../src/cli/freePort.ts';
import type { FuturesExchange } from '../../src/exchange/port/FuturesExchange.ts';
import { type Clock, SystemClock } from '../../src/platform/clock/index.ts';
import { silentLogger } from '../../src/platform/logging/logger.ts';
import { buildTradingAppServer } from '../../src/trading-app/api/buildTradingAppServer.ts';
import { TradingAppMetrics } from '../../src/trading-app/metrics/TradingAppMetrics.ts';
import { tradeReconcileJob } from '../../src/trading-app/schedules/platformJobs.ts';
import { Scheduler } from '../../src/trading-app/schedules/Scheduler.ts';
import { createTradingAppStore, type Database, openDatabase } from '../../src/trading-app/store/index.ts';
import type { TradingAppStore } from '../../src/trading-app/TradingAppServices.ts';
import { TradeReconciler } from '../../src/trading-app/trades/TradeReconciler.ts';
import { TradeRepository } from '../../src/trading-app/trades/TradeRepository.ts';
import { freshPglite } from './freshPglite.ts';

/** The worker's default paths (TRADING_APP_*_PATH), which the app serves. */
export const ORDER_SIGNAL_PATH = '/api/ws-worker/orders';
export const BALANCE_SIGNAL_PATH = '/api/ws-worker/balance';
export const CALLBACK_PATH = '/api/orders/callback';

const LifecycleEventSchema = z.looseObject({
  status: z.string(),
  source: z.enum(['order_signal', 'callback']),
  deal_size: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  trace_id: z.string(),
});
const OrderSchema = z.looseObject({
  client_order_id: z.string(),
  order_id: z.string().nullable(),
  symbol: z.string(),
  kind: z.string(),
  status: z.string(),
  type: z.string(),
  side: z.string(),
  price: z.string(),
  size: z.string(),
  deal_size: z.string().nullable(),
  deal_avg_price: z.string().nullable(),
});
export type AppOrder = z.infer<typeof OrderSchema>;
const OrderWithLifecycleSchema = OrderSchema.extend({ lifecycle: z.array(LifecycleEventSchema) });
export type AppOrderWithLifecycle = z.infer<typeof OrderWithLifecycleSchema>;
const PositionSchema = z.looseObject({
  entry_order_id: z.string(),
  symbol: z.string().nullable(),
  side: z.string().nullable(),
  status: z.enum(['open', 'closed']),
  entry_price: z.string().nullable(),
  quantity: z.string().nullable(),
  close_reason: z.string().nullable(),
  close_price: z.string().nullable(),
  close_order_id: z.string().nullable(),
  last_close_error: z.string().nullable().optional(),
});
export type AppPosition = z.infer<typeof PositionSchema>;
const AlertSchema = z.looseObject({ kind: z.string(), message: z.string(), position_id: z.string().nullable() });
const BalanceSchema = z.looseObject({ available_balance: z.string(), equity: z.string(), trace_id: z.string() });

/** The app's read API, as a client sees it: what the worker's signals and callbacks became. */
export class AppApi {
  readonly #url: () => string;

  constructor(url: () => string) {
    this.#url = url;
  }

  async orders(query = 'limit=200'): Promise<AppOrder[]> {
    return z.object({ data: z.array(OrderSchema) }).parse(await this.#get(`/api/orders?${query}`)).data;
  }

  /** By client order id, or by exchange order id for an order without one; undefined on 404. */
  async order(id: string): Promise<AppOrderWithLifecycle | undefined> {
    const response = await fetch(`${this.#url()}/api/orders/${encodeURIComponent(id)}`);
    if (response.status === 404) return undefined;
    if (!response.ok) throw new Error(`GET /api/orders/${id} answered ${response.status}`);
    return z.object({ data: OrderWithLifecycleSchema }).parse(await response.json()).data;
  }

  async positions(): Promise<AppPosition[]> {
    return z.object({ data: z.array(PositionSchema) }).parse(await this.#get('/api/positions')).data;
  }

  async position(requestId: string): Promise<AppPosition | undefined> {
    return (await this.positions()).find((row) => row.entry_order_id.toUpperCase() === requestId.toUpperCase());
  }

  async alerts(): Promise<z.infer<typeof AlertSchema>[]> {
    return z.object({ data: z.array(AlertSchema) }).parse(await this.#get('/api/alerts?limit=200')).data;
  }

  async balanceHistory(): Promise<z.infer<typeof BalanceSchema>[]> {
    return z.object({ data: z.array(BalanceSchema) }).parse(await this.#get('/api/balance/history?interval=raw')).data;
  }

  /** The sum of a counter in `/metrics` over the series whose labels include `labels`. */
  async metric(name: string, labels: Record<string, string> = {}): Promise<number> {
    const text = await (await fetch(`${this.#url()}/metrics`)).text();
    const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
    let sum = 0;
    for (const line of text.split('\n')) {
      if (line.startsWith('#') || line.trim() === '') continue;
      const space = line.lastIndexOf(' ');
      const series = line.slice(0, space);
      if (series.split('{')[0] !== name || !wanted.every((pair) => series.includes(pair))) continue;
      sum += Number(line.slice(space + 1));
    }
    return sum;
  }

  async #get(path: string): Promise<unknown> {
    const response = await fetch(`${this.#url()}${path}`);
    if (!response.ok) throw new Error(`GET ${path} answered ${response.status}: ${await response.text()}`);
    return response.json();
  }
}

/** One delivery the app stored (its idempotency record), in arrival order. */
export interface StoredDelivery {
  readonly kind: 'order' | 'balance' | 'callback';
  readonly traceId: string;
  readonly payload: Record<string, unknown>;
}

export interface RealTradingApp {
  /** `http://127.0.0.1:port`, the same across `down()` / `up()`. */
  readonly url: string;
  readonly api: AppApi;
  readonly running: boolean;
  /** Its store while it runs: a benchmark's trade entry records into the table the callbacks move forward. */
  readonly database: Database | undefined;
  /**
   * What the app stored of the worker's deliveries, each once (a replay is not stored again), in
   * arrival order: signals from `signals_received`, callbacks from `callbacks_received`.
   */
  stored(kind?: StoredDelivery['kind']): Promise<StoredDelivery[]>;
  /** The stored place-order callback `status` of request `id` (its `order_id` or `position_id`), if any. */
  storedCallback(id: string, status: string): Promise<Record<string, unknown> | undefined>;
  /** Starts the app (again) on the same port and database: what a restart of the process does. */
  up(): Promise<void>;
  /** Stops it: the worker's attempts are refused, as with an app that is down. */
  down(): Promise<void>;
  /** Stops it and removes its database. */
  close(): Promise<void>;
  /** The trade record, with `venue`: as `startTradingApp` composes it (routes, reconciliation, its schedule). */
  trades(): TradeRepository;
}

interface Running {
  readonly server: FastifyInstance;
  readonly database: Database;
  readonly store: TradingAppStore;
  readonly trades: TradeRepository;
  readonly schedules: Scheduler;
}

/**
 * The real trading-app on loopback: its signed routes (`buildTradingAppServer`), its store on
 * PGlite in a temporary DATA_DIR, its metrics, composed as `startTradingApp` composes them (the
 * market data and MTF runner, which no signal touches, are left out). The port is reserved up
 * front so that a worker can be pointed at it before it starts (`startDown`) and find it again
 * after a restart on the same database.
 */
export async function startRealTradingApp(options: {
  readonly sharedSecret: string;
  readonly clock?: Clock;
  readonly startDown?: boolean;
  /** The venue the app reads its trades' fills and funding from; without it, no trade routes. */
  readonly venue?: FuturesExchange;
}): Promise<RealTradingApp> {
  const { port } = await resolvePort({ host: '127.0.0.1', port: 0 });
  const root = await mkdtemp(join(tmpdir(), 'real-trading-app-'));
  const clock = options.clock ?? new SystemClock();
  const url = `http://127.0.0.1:${port}`;
  let running: Running | undefined;
  let started = false;
  const up = async (): Promise<void> => {
    if (running) return;
    // A restart opens the database the first start made from the run's migrated copy.
    const database = started
      ? await openDatabase({ dataDir: join(root, 'pglite') })
      : await freshPglite(join(root, 'pglite'));
    started = true;
    const store = createTradingAppStore(database, {
      clock,
      logger: silentLogger(),
      alertPolicy: { minAvailable: undefined, maxFrozenPercent: '80' },
    });
    const trades = new TradeRepository(database.drizzle, clock);
    const schedules = new Scheduler({ clock, logger: silentLogger() });
    const { venue } = options;
    const reconciler = venue
      ? new TradeReconciler({ exchange: venue, db: database.drizzle, clock, logger: silentLogger() })
      : undefined;
    schedules.add(tradeReconcileJob(reconciler));
    const server = buildTradingAppServer({
      store,
      clock,
      logger: silentLogger(),
      metrics: new TradingAppMetrics(),
      sharedSecret: options.sharedSecret,
      ...(venue ? { exchange: venue, trades, schedules } : {}),
      tradeReconciliation: reconciler && {
        reconcile: (key) => reconciler.reconcile(key),
        requestSoon: () => schedules.trigger('trade-reconcile'),
      },
    });
    await server.listen({ host: '127.0.0.1', port });
    schedules.start();
    running = { server, database, store, trades, schedules };
  };
  const down = async (): Promise<void> => {
    const current = running;
    running = undefined;
    if (!current) return;
    await current.schedules.stop();
    await current.server.close();
    await current.store.close();
  };
  if (!options.startDown) await up();
  return {
    url,
    api: new AppApi(() => url),
    get running() {
      return running !== undefined;
    },
    get database() {
      return running?.database;
    },
    async stored(kind) {
      if (!running) throw new Error('the app is down');
      const query = sql`
        select kind, trace_id, payload, received_at, id, 0 as source from signals_received
        union all
        select 'callback' as kind, dedupe_key as trace_id, payload, received_at, id, 1 as source from callbacks_received
        order by received_at, source, id`;
      const result = (await running.database.drizzle.execute(query)) as unknown as { rows: Record<string, unknown>[] };
      return result.rows
        .map((row) => ({
          kind: row['kind'] as StoredDelivery['kind'],
          traceId: String(row['trace_id']),
          payload: row['payload'] as Record<string, unknown>,
        }))
        .filter((row) => kind === undefined || row.kind === kind);
    },
    async storedCallback(id, status) {
      if (!running) throw new Error('the app is down');
      const query = sql`select payload from callbacks_received where status = ${status} and subject_id = ${id} order by id limit 1`;
      const result = (await running.database.drizzle.execute(query)) as unknown as { rows: Record<string, unknown>[] };
      return result.rows[0]?.['payload'] as Record<string, unknown> | undefined;
    },
    trades() {
      if (!running) throw new Error('the app is down');
      return running.trades;
    },
    up,
    down,
    close: async () => {
      await down();
      await rm(root, { recursive: true, force: true });
    },
  };
}

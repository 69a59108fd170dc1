import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { resolvePort } from '../../src/cli/freePort.ts';
import type { Clock } from '../../src/platform/clock/index.ts';
import { loadBitmartConfig } from '../../src/platform/config/bitmartConfig.ts';
import { loadTradingAppConfig } from '../../src/platform/config/tradingAppConfig.ts';
import { silentLogger } from '../../src/platform/logging/logger.ts';
import { startTradingApp, type TradingApp } from '../../src/trading-app/main.ts';

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

export interface RealTradingApp {
  /** `http://127.0.0.1:port`, the same across `down()` / `up()`. */
  readonly url: string;
  readonly api: AppApi;
  /** Where its PGlite database lives, kept across restarts. */
  readonly dataDirectory: string;
  readonly running: boolean;
  /** Starts the app (again) on the same port and database: what a restart of the process does. */
  up(): Promise<void>;
  /** Stops it: the worker's attempts are refused, as with an app that is down. */
  down(): Promise<void>;
  /** Stops it and removes its database. */
  close(): Promise<void>;
}

/**
 * The real trading-app (`startTradingApp`, what `app:serve` runs: signed routes, real store on
 * PGlite in a temporary DATA_DIR), on a loopback port reserved up front so that a worker can be
 * pointed at it before it starts (`startDown`) and find it again after a restart.
 */
export async function startRealTradingApp(options: {
  readonly sharedSecret: string;
  readonly clock?: Clock;
  readonly startDown?: boolean;
}): Promise<RealTradingApp> {
  const { port } = await resolvePort({ host: '127.0.0.1', port: 0 });
  const root = await mkdtemp(join(tmpdir(), 'real-trading-app-'));
  const dataDirectory = join(root, 'pglite');
  const url = `http://127.0.0.1:${port}`;
  const config = loadTradingAppConfig({
    APP_ADDR: `127.0.0.1:${port}`,
    WS_WORKER_SHARED_SECRET: options.sharedSecret,
    DATA_DIR: dataDirectory,
  });
  // Market data is never fetched (no fresh market data): the venue address only has to be valid.
  const bitmart = loadBitmartConfig({ BITMART_BASE_URL: 'http://127.0.0.1:9' });
  let app: TradingApp | undefined;
  const up = async (): Promise<void> => {
    app ??= await startTradingApp(config, {
      logger: silentLogger(),
      bitmart,
      ...(options.clock ? { clock: options.clock } : {}),
    });
  };
  const down = async (): Promise<void> => {
    const running = app;
    app = undefined;
    await running?.stop();
  };
  if (!options.startDown) await up();
  return {
    url,
    api: new AppApi(() => url),
    dataDirectory,
    get running() {
      return app !== undefined;
    },
    up,
    down,
    close: async () => {
      await down();
      await rm(root, { recursive: true, force: true });
    },
  };
}

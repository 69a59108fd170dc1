import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { z } from 'zod';
import { startConsole, waitForOutput } from './runConsole.ts';

const CONTROL_LINE = /control API listening on (http:\/\/127\.0\.0\.1:\d+)/;
/** Enough of the worker's output to explain a failure, without holding a long run in memory. */
const KEPT_OUTPUT_CHARS = 64_000;

export interface WorkerEnvOptions {
  /** The simulator's URLs and demo account. */
  readonly simulator: {
    readonly restUrl: string;
    readonly publicWsUrl: string;
    readonly privateWsUrl: string;
    readonly account: { readonly apiKey: string; readonly apiSecret: string; readonly apiMemo: string };
  };
  /** `WORKER_DATA_DIR`; the failure logs and the (absent) orders YAML go beside it. */
  readonly dataDirectory: string;
  readonly tradingAppUrl: string;
  readonly sharedSecret: string;
}

/**
 * A signal the app could not take is tried again within a quarter, a half, one and then every
 * two seconds (the default waits 5, 15, 45 then 120 s), 20 times: a test's app that comes back is
 * served at once, and one that stays down for half a minute still loses nothing.
 */
export const SHORT_SIGNAL_RETRIES = {
  TRADING_APP_SIGNAL_RETRY_DELAYS_S: '0.25,0.5,1,2',
  TRADING_APP_SIGNAL_MAX_RETRIES: '20',
} as const;

/** The `ws:run` environment for a worker on the simulator, sending to a stand-in trading-app. */
export function workerEnv(options: WorkerEnvOptions): Record<string, string> {
  const { simulator, dataDirectory } = options;
  return {
    BITMART_BASE_URL: simulator.restUrl,
    BITMART_PUBLIC_WS_URI: simulator.publicWsUrl,
    BITMART_PRIVATE_WS_URI: simulator.privateWsUrl,
    BITMART_API_KEY: simulator.account.apiKey,
    BITMART_API_SECRET: simulator.account.apiSecret,
    BITMART_API_MEMO: simulator.account.apiMemo,
    CTRL_ADDR: '127.0.0.1:0',
    WORKER_DATA_DIR: dataDirectory,
    TRADING_APP_BASE_URI: options.tradingAppUrl,
    TRADING_APP_SHARED_SECRET: options.sharedSecret,
    TRADING_APP_SIGNAL_FAILURE_LOG: join(dataDirectory, 'order-failures.log'),
    TRADING_APP_BALANCE_FAILURE_LOG: join(dataDirectory, 'balance-failures.log'),
    TRADING_APP_CALLBACK_FAILURE_LOG: join(dataDirectory, 'callback-failures.log'),
    // Absent: the execution runs on DEFAULT_ORDERS_CONFIG (tolerance 0.1 %, slippage 0.05 %).
    ORDERS_CONFIG: join(dataDirectory, 'absent-orders.yaml'),
    // A dropped WebSocket comes back within 0.1-0.2 s instead of 2.5-5 s.
    RECONNECT_DELAY_S: '0.2',
    ...SHORT_SIGNAL_RETRIES,
  };
}

const PlaceOrderAnswerSchema = z.looseObject({ ok: z.boolean(), order_id: z.string().optional() });
const OrdersStatusSchema = z.looseObject({
  pending_orders: z.number(),
  monitored_positions: z.number(),
  orders: z.record(z.string(), z.looseObject({ state: z.string(), symbol: z.string() })),
  positions: z.record(z.string(), z.looseObject({ size: z.string(), symbol: z.string() })),
});
export type OrdersStatus = z.infer<typeof OrdersStatusSchema>;
const WorkerStatusSchema = z.looseObject({
  public_ws_connected: z.boolean(),
  private_ws_connected: z.boolean(),
  health: z.array(z.looseObject({ topic: z.string(), subscribed: z.boolean(), reconnects: z.number() })),
  outbox: z.looseObject({ depth: z.number(), delivered: z.number(), failed: z.number() }),
});
export type WorkerProcessStatus = z.infer<typeof WorkerStatusSchema>;

/** `bin/console ws:run` as a child process, with its control API. */
export class WorkerProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly controlUrl: string;
  readonly exited: Promise<[number | null, NodeJS.Signals | null]>;
  readonly #output: { text: string };

  private constructor(
    child: ChildProcessWithoutNullStreams,
    controlUrl: string,
    output: { text: string },
    exited: Promise<[number | null, NodeJS.Signals | null]>,
  ) {
    this.child = child;
    this.controlUrl = controlUrl;
    this.#output = output;
    this.exited = exited;
  }

  /** Spawns the worker and resolves once it printed where its control API listens. */
  static async start(env: Record<string, string>): Promise<WorkerProcess> {
    const child = startConsole(['ws:run', '--dotenv', join(env['WORKER_DATA_DIR'] ?? '.', 'absent.env')], env);
    // Read both pipes all along: a full pipe would block the worker's log writes.
    const output = { text: '' };
    const keep = (chunk: Buffer): void => {
      output.text = (output.text + chunk.toString()).slice(-KEPT_OUTPUT_CHARS);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    try {
      const [, url] = await waitForOutput(child, CONTROL_LINE);
      if (!url) throw new Error('no control URL');
      return new WorkerProcess(child, url, output, exited);
    } catch (error) {
      child.kill('SIGKILL');
      throw new Error(`ws:run did not start: ${(error as Error).message}\n${output.text}`);
    }
  }

  /** The last lines the worker wrote (stdout and stderr), for failure messages. */
  output(): string {
    return this.#output.text;
  }

  /** SIGKILL: no shutdown path runs, as in a crash. */
  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM, the graceful path; resolves with the exit code. */
  async stop(): Promise<number | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    const [code] = await this.exited;
    return code;
  }

  /** `POST /api/place-order`; resolves with the HTTP status and the answer. */
  async placeOrder(request: Record<string, unknown>): Promise<{ status: number; ok: boolean }> {
    const response = await fetch(`${this.controlUrl}/api/place-order`, {
      method: 'POST',
      body: JSON.stringify(request),
      headers: { 'content-type': 'application/json' },
    });
    const answer = PlaceOrderAnswerSchema.parse(await response.json());
    return { status: response.status, ok: answer.ok };
  }

  async ordersStatus(): Promise<OrdersStatus> {
    return OrdersStatusSchema.parse(await (await fetch(`${this.controlUrl}/api/orders/status`)).json());
  }

  async status(): Promise<WorkerProcessStatus> {
    return WorkerStatusSchema.parse(await (await fetch(`${this.controlUrl}/status`)).json());
  }

  /** True once every public topic naming `symbol` (ticker, trades) is subscribed on the venue. */
  async watches(symbol: string): Promise<boolean> {
    const topics = (await this.status()).health.filter((topic) => topic.topic.endsWith(`:${symbol}`));
    return topics.length >= 2 && topics.every((topic) => topic.subscribed);
  }
}

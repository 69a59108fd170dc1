import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBitmartExchange } from '../../src/exchange/bitmart/createBitmartExchange.ts';
import { SystemClock } from '../../src/platform/clock/index.ts';
import { loadBitmartConfig } from '../../src/platform/config/bitmartConfig.ts';
import { type Dec, toWire } from '../../src/platform/decimal/index.ts';
import { type EntryPlan, entryPlan } from './entryPlan.ts';
import { type RealTradingApp, startRealTradingApp } from './realTradingApp.ts';
import { SimAdmin } from './simAdmin.ts';
import { startTestSimulator } from './testSimulator.ts';
import { waitFor } from './waitFor.ts';
import { WorkerProcess, workerEnv } from './workerProcess.ts';

export const SHARED_SECRET = 'e2e-shared-secret-0123456789abcdef';

/**
 * The whole chain over loopback: the simulator in process (random walk paused: prices move only
 * when the test says), the real trading-app (its signed routes and store on PGlite), and
 * `bin/console ws:run` as a child process on a temporary `WORKER_DATA_DIR`.
 */
export interface WorkerE2e {
  readonly simulator: Awaited<ReturnType<typeof startTestSimulator>>;
  readonly admin: SimAdmin;
  readonly app: RealTradingApp;
  readonly dataDirectory: string;
  readonly apiKey: string;
  /** The `ws:run` environment of the kit's worker: a second worker on the same account starts with it. */
  readonly workerEnvironment: Readonly<Record<string, string>>;
  /** The running worker; replaced by `restartWorker()`. */
  worker: WorkerProcess;
  /**
   * SIGKILL (when `crash`) or SIGTERM, then `whileDown` (what happens while no worker runs), then
   * a new worker on the same data directory.
   */
  restartWorker(options: { crash: boolean; whileDown?: () => Promise<void> }): Promise<WorkerProcess>;
  tickSize(symbol: string): Dec;
  /** A plan around the symbol's current price. */
  plan(
    id: string,
    symbol: string,
    side: 'long' | 'short',
    options?: Parameters<typeof entryPlan>[5],
  ): Promise<EntryPlan>;
  /** Resolves once the worker is subscribed to the symbol's ticker and trades (a push now reaches it). */
  watching(symbol: string): Promise<void>;
  /** Resolves with the place-order callback `status` of request `id` once the app has stored it. */
  callback(id: string, status: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  teardown(): Promise<void>;
}

export async function startWorkerE2e(
  options: {
    appStartsDown?: boolean;
    simulatorEnv?: Record<string, string>;
    /** The app reads the simulator over BitMart's REST client: trade routes and their reconciliation. */
    appReadsVenue?: boolean;
    /** Added to the worker's environment (a lease, say). */
    workerEnv?: Record<string, string>;
  } = {},
): Promise<WorkerE2e> {
  const simulator = await startTestSimulator({
    SIM_ORDER_VISIBILITY_MS: '20',
    SIM_BALANCE_USDT: '100000000',
    ...options.simulatorEnv,
  });
  const admin = new SimAdmin(simulator.restUrl);
  await admin.pause();
  const venue = options.appReadsVenue ? venueClient(simulator) : undefined;
  const app = await startRealTradingApp({
    sharedSecret: SHARED_SECRET,
    startDown: options.appStartsDown ?? false,
    ...(venue ? { venue } : {}),
  });
  const dataDirectory = await mkdtemp(join(tmpdir(), 'ws-worker-e2e-'));
  const env = {
    ...workerEnv({
      simulator: { ...simulator, account: simulator.simulator.account },
      dataDirectory,
      tradingAppUrl: app.url,
      sharedSecret: SHARED_SECRET,
    }),
    ...options.workerEnv,
  };
  const kit: WorkerE2e = {
    simulator,
    admin,
    app,
    dataDirectory,
    apiKey: simulator.simulator.account.apiKey,
    workerEnvironment: env,
    worker: await WorkerProcess.start(env),
    async restartWorker({ crash, whileDown }) {
      if (crash) await kit.worker.kill();
      else await kit.worker.stop();
      await whileDown?.();
      kit.worker = await WorkerProcess.start(env);
      return kit.worker;
    },
    tickSize(symbol) {
      const contract = simulator.simulator.market.contract(symbol);
      if (!contract) throw new Error(`the simulator lists no ${symbol}`);
      return contract.tickSize;
    },
    async plan(id, symbol, side, planOptions) {
      // Read in process, not over GET /sim/state: that answer lists every order of the run, and
      // building and parsing it before each round trip fed the simulator's garbage collector.
      const lastPrice = toWire(simulator.simulator.market.lastPrice(symbol));
      return entryPlan(id, symbol, side, lastPrice, kit.tickSize(symbol), planOptions);
    },
    watching: (symbol) =>
      waitFor(() => kit.worker.watches(symbol), `the worker to subscribe to ${symbol}'s ticker and trades`),
    async callback(id, status, timeoutMs = 30_000) {
      let found: Record<string, unknown> | undefined;
      await waitFor(
        async () => {
          found = app.running ? await app.storedCallback(id, status) : undefined;
          return found !== undefined;
        },
        `the app to store the ${status} callback of ${id}`,
        timeoutMs,
      );
      return found ?? {};
    },
    async teardown() {
      await kit.worker.kill();
      await app.close();
      await venue?.stop();
      await simulator.simulator.stop();
      await rm(dataDirectory, { recursive: true, force: true });
    },
  };
  return kit;
}

/** Our BitMart REST client on the simulator's demo account, as the app reads a venue. */
function venueClient(simulator: Awaited<ReturnType<typeof startTestSimulator>>) {
  const { account } = simulator.simulator;
  return createBitmartExchange({
    config: loadBitmartConfig({
      BITMART_BASE_URL: simulator.restUrl,
      BITMART_PUBLIC_WS_URI: simulator.publicWsUrl,
      BITMART_PRIVATE_WS_URI: simulator.privateWsUrl,
      BITMART_API_KEY: account.apiKey,
      BITMART_API_SECRET: account.apiSecret,
      BITMART_API_MEMO: account.apiMemo,
    }),
    clock: new SystemClock(),
  });
}

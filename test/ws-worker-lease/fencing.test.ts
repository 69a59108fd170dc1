import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeVenue } from '../../src/exchange/venues/composeVenue.ts';
import { ManualClock, SystemClock } from '../../src/platform/clock/index.ts';
import { loadWsWorkerConfig, type WsWorkerConfig } from '../../src/platform/config/wsWorkerConfig.ts';
import { toWire } from '../../src/platform/decimal/index.ts';
import { silentLogger } from '../../src/platform/logging/logger.ts';
import { WsWorkerClient } from '../../src/trading-app/ws-worker-client/WsWorkerClient.ts';
import type { WorkerStatus } from '../../src/ws-worker/control-api/statusView.ts';
import { startWsWorker, type WorkerVenue, type WsWorker } from '../../src/ws-worker/main.ts';
import { entryPlan } from '../support/entryPlan.ts';
import { type RealTradingApp, startRealTradingApp } from '../support/realTradingApp.ts';
import { ordersOf, SimAdmin } from '../support/simAdmin.ts';
import { startTestSimulator } from '../support/testSimulator.ts';
import { waitFor } from '../support/waitFor.ts';
import { workerEnv } from '../support/workerProcess.ts';
import { TEST_DATABASE_URL, uniqueLeaseSchema } from './leaseSchema.ts';

/**
 * Two real workers (in process, each on its own manual clock) on one simulator account and one
 * lease on the real PostgreSQL. Worker A is "paused" by never moving its clock: it sends no
 * heartbeat, while B's time passes the lease's expiry and B takes over. A still believes it is
 * active and acts on a price that enters its entry zone: the fence must stop the order.
 */
const SECRET = 'lease-fencing-secret-0123456789abcdef';
const TTL_S = 3;
const START = Date.now();

let sim: Awaited<ReturnType<typeof startTestSimulator>>;
let admin: SimAdmin;
let app: RealTradingApp;
let root: string;
const schema = uniqueLeaseSchema();
const workers: WsWorker[] = [];
const clients: WsWorkerClient[] = [];

beforeAll(async () => {
  sim = await startTestSimulator({ SIM_ORDER_VISIBILITY_MS: '20', SIM_BALANCE_USDT: '100000000' });
  admin = new SimAdmin(sim.restUrl);
  await admin.pause();
  app = await startRealTradingApp({ sharedSecret: SECRET });
  root = await mkdtemp(join(tmpdir(), 'ws-worker-fencing-'));
}, 60_000);

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await Promise.all(workers.map((worker) => worker.stop()));
  await app?.close();
  await sim?.simulator.stop();
  await schema.drop();
  await rm(root, { recursive: true, force: true });
});

function configOf(name: string): WsWorkerConfig {
  return loadWsWorkerConfig({
    ...workerEnv({
      simulator: { ...sim, account: sim.simulator.account },
      dataDirectory: join(root, name),
      tradingAppUrl: app.url,
      sharedSecret: SECRET,
    }),
    WORKER_LEASE: 'postgres',
    WORKER_LEASE_DATABASE_URL: TEST_DATABASE_URL,
    WORKER_LEASE_SCHEMA: schema.name,
    WORKER_LEASE_TTL_S: String(TTL_S),
  });
}

/** The venue on the wall clock (sockets, REST timeouts); the worker itself on `clock`. */
async function startWorker(name: string, clock: ManualClock): Promise<WsWorker> {
  const config = configOf(name);
  const composed = composeVenue(config.venue, new SystemClock(), silentLogger());
  const venue: WorkerVenue = { exchange: composed.exchange, names: composed.names, ...composed.streams() };
  const worker = await startWsWorker(config, { clock, venue });
  workers.push(worker);
  return worker;
}

async function post(worker: WsWorker, path: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${worker.controlUrl}${path}`, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
  return { status: response.status, json: await response.json() };
}

const watches = (status: WorkerStatus, symbol: string) => {
  const topics = status.health.filter((topic) => topic.topic.endsWith(`:${symbol}`));
  return topics.length >= 2 && topics.every((topic) => topic.subscribed);
};

describe('two ws-workers on one account and one lease', { timeout: 60_000 }, () => {
  it('keeps the standby passive, and a worker paused past its lease places nothing once back', async () => {
    const clockA = new ManualClock(START);
    const clockB = new ManualClock(START);
    const a = await startWorker('a', clockA);
    await waitFor(() => a.status().role === 'active', 'A to take the free lease and start');
    const b = await startWorker('b', clockB);
    await waitFor(() => b.status().lease?.active_control_url === a.controlUrl, 'B to see A holding the lease');

    // The standby answers, says so, and refuses what would trade, naming the active worker.
    expect(b.status()).toMatchObject({ role: 'standby', lease: { role: 'standby', fencing_token: null } });
    const symbol = 'BTCUSDT';
    const contract = sim.simulator.market.contract(symbol);
    if (!contract) throw new Error(`the simulator lists no ${symbol}`);
    const plan = entryPlan('fenceA', symbol, 'long', toWire(sim.simulator.market.lastPrice(symbol)), contract.tickSize);
    const refused = await post(b, '/api/place-order', plan.request);
    expect(refused.status).toBe(503);
    expect(refused.json).toEqual({ ok: false, error: expect.stringContaining(`standby`) });
    expect((refused.json as { error: string }).error).toContain(a.controlUrl);
    expect((await post(b, `/api/positions/${symbol}/close`, { id: 'close-b' })).status).toBe(503);

    // The app's client, given both workers (the standby first), reaches the active one: A takes the entry zone.
    const client = new WsWorkerClient({ baseUrl: [b.controlUrl, a.controlUrl], clock: new SystemClock() });
    clients.push(client);
    expect((await client.status())['role']).toBe('active');
    expect(await client.placeOrder({ ...plan.request, callback_url: `${app.url}/api/orders/callback` })).toMatchObject({
      status: 'queued',
      orderId: 'fenceA',
    });
    expect((await post(a, '/api/place-order', plan.request)).status).toBe(409);
    await waitFor(() => watches(a.status(), symbol), 'A to watch BTCUSDT');

    // A pauses (its clock stands still); B's time passes the lease's life and B takes over.
    // One attempt period at a time (an attempt in flight skips the next), and no further once B holds it.
    while (b.status().lease?.role !== 'active') {
      const answered = b.status().lease?.acquire_attempts ?? 0;
      clockB.advance((TTL_S * 1000) / 5);
      await waitFor(
        () => b.status().lease?.role === 'active' || (b.status().lease?.acquire_attempts ?? 0) > answered,
        "B's next attempt to take the lease",
      );
    }
    expect(clockB.now()).toBeGreaterThanOrEqual(START + TTL_S * 1000);
    await waitFor(() => b.status().role === 'active', 'B to take the expired lease and start', 30_000);
    expect(b.status().lease).toMatchObject({ fencing_token: 2, active_control_url: b.controlUrl });

    // A comes back, still believing it holds the lease: the price enters its zone.
    expect(a.status().lease?.role).toBe('active');
    await admin.price(symbol, plan.inZone);
    await waitFor(() => (a.status().lease?.fenced_refusals ?? 0) >= 1, 'A to try the entry and be fenced off');
    await a.stopped;
    expect(a.status().lease?.role).toBe('lost');
    expect(ordersOf(await admin.state(), sim.simulator.account.apiKey)).toEqual([]);
    expect(b.status().role).toBe('active');

    // A has stopped: the client finds B, the active worker now.
    expect((await client.status())['role']).toBe('active');
    expect((await client.ordersStatus()).orders['fenceA']).toBeUndefined();
    expect((await post(b, '/api/place-order', { ...plan.request, id: 'fenceB' })).status).toBe(202);
  });
});

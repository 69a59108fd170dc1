import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isFlat, ordersOf } from '../support/simAdmin.ts';
import { waitFor } from '../support/waitFor.ts';
import { startWorkerE2e, type WorkerE2e } from '../support/workerE2e.ts';
import { WorkerProcess } from '../support/workerProcess.ts';
import { TEST_DATABASE_URL, uniqueLeaseSchema } from '../ws-worker-lease/leaseSchema.ts';

/**
 * Two `bin/console ws:run` processes on one account and one lease on the real PostgreSQL: SIGKILL
 * of the active one with signals in its outbox, an entry zone waiting and a position protected.
 * The standby takes over, delivers the signals, places the entry once and closes the position at
 * its stop; the old one, started again, stays standby. Twice: the state in files on a directory
 * both share (one machine), and the state on PostgreSQL with a directory each (two machines).
 */
const TTL_S = 2;

/** Where a setup keeps the worker's state, and the standby's directory. */
interface StateSetup {
  readonly name: string;
  readonly state: 'files' | 'postgres';
}

const setups: StateSetup[] = [
  { name: 'files on one shared directory', state: 'files' },
  { name: 'PostgreSQL, a directory each', state: 'postgres' },
];

const LeaseViewSchema = z.looseObject({
  role: z.enum(['active', 'standby', 'lost']),
  lease: z.looseObject({
    fencing_token: z.number().nullable(),
    active_control_url: z.string().nullable(),
    acquired_at: z.number().nullable(),
  }),
  active_since: z.number().nullable(),
  price_evaluations: z.looseObject({ count: z.number(), first_at: z.number().nullable() }),
});

async function roleOf(worker: WorkerProcess): Promise<z.infer<typeof LeaseViewSchema>> {
  return LeaseViewSchema.parse(await (await fetch(`${worker.controlUrl}/status`)).json());
}

/** The trace ids of the signals waiting in the outbox files (decision 0006: one file per signal). */
async function fileOutboxTraceIds(dataDirectory: string): Promise<string[]> {
  const directory = join(dataDirectory, 'outbox');
  const names = (await readdir(directory)).filter((name) => name.endsWith('.signal.json'));
  const stored = await Promise.all(
    names.map(async (name) => JSON.parse(await readFile(join(directory, name), 'utf8'))),
  );
  return stored.map((signal) => z.looseObject({ traceId: z.string() }).parse(signal).traceId);
}

/** The trace ids of the signals waiting in the outbox rows of `schema`. */
async function tableOutboxTraceIds(schema: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    const result = await client.query<{ body: string }>(
      `select body from "${schema}".worker_signals where not quarantined order by seq`,
    );
    return result.rows.map((row) => z.looseObject({ traceId: z.string() }).parse(JSON.parse(row.body)).traceId);
  } finally {
    await client.end();
  }
}

describe.each(setups)('ws:run with a standby on the same account, state in $name', { timeout: 120_000 }, (setup) => {
  const schema = uniqueLeaseSchema();
  let kit: WorkerE2e;
  let standbyDirectory: string;
  const others: WorkerProcess[] = [];

  beforeAll(async () => {
    kit = await startWorkerE2e({
      workerEnv: {
        WORKER_LEASE: 'postgres',
        WORKER_LEASE_DATABASE_URL: TEST_DATABASE_URL,
        WORKER_LEASE_SCHEMA: schema.name,
        WORKER_LEASE_TTL_S: String(TTL_S),
        WORKER_STATE: setup.state,
      },
    });
    standbyDirectory = await mkdtemp(join(tmpdir(), 'ws-worker-standby-'));
  }, 60_000);

  afterAll(async () => {
    await Promise.all(others.map((worker) => worker.kill()));
    await kit?.teardown();
    await schema.drop();
    await rm(standbyDirectory, { recursive: true, force: true });
  });

  /** The standby's environment: the same directory (files), or its own (PostgreSQL: another machine). */
  const standbyEnv = (): Record<string, string> =>
    setup.state === 'files'
      ? { ...kit.workerEnvironment }
      : {
          ...kit.workerEnvironment,
          WORKER_DATA_DIR: standbyDirectory,
          TRADING_APP_SIGNAL_FAILURE_LOG: join(standbyDirectory, 'order-failures.log'),
          TRADING_APP_BALANCE_FAILURE_LOG: join(standbyDirectory, 'balance-failures.log'),
          TRADING_APP_CALLBACK_FAILURE_LOG: join(standbyDirectory, 'callback-failures.log'),
        };
  const outboxTraceIds = (): Promise<string[]> =>
    setup.state === 'files' ? fileOutboxTraceIds(kit.dataDirectory) : tableOutboxTraceIds(schema.name);

  it('takes over after SIGKILL of the active worker without losing a signal, an entry or a stop', async () => {
    const a = kit.worker;
    await waitFor(async () => (await roleOf(a)).role === 'active', 'A to take the lease and start');
    const b = await WorkerProcess.start(standbyEnv());
    others.push(b);
    await waitFor(async () => (await roleOf(b)).lease.active_control_url === a.controlUrl, 'B standing by behind A');
    expect(await roleOf(b)).toMatchObject({ role: 'standby' });
    expect((await b.placeOrder((await kit.plan('refused', 'BTCUSDT', 'long')).request)).status).toBe(503);

    // A protects a position (its entry filled) ...
    const held = await kit.plan('heldL', 'SOLUSDT', 'long');
    expect(await a.placeOrder(held.request)).toEqual({ status: 202, ok: true });
    await kit.watching('SOLUSDT');
    await kit.admin.price('SOLUSDT', held.inZone);
    await kit.callback('heldL', 'placed');
    await kit.admin.price('SOLUSDT', held.fill);
    await waitFor(async () => (await a.ordersStatus()).positions['heldL'] !== undefined, 'A to protect heldL');
    // ... and waits for an entry zone, with the app down: what A tells it now stays in A's outbox.
    await kit.app.down();
    const waiting = await kit.plan('waitE', 'ETHUSDT', 'short');
    expect(await a.placeOrder(waiting.request)).toEqual({ status: 202, ok: true });
    await kit.admin.price('SOLUSDT', held.nearZone);
    await waitFor(async () => (await outboxTraceIds()).length > 0, 'signals waiting in the outbox');
    const waitingSignals = await outboxTraceIds();

    await a.kill();
    const killedAt = Date.now();
    await waitFor(async () => (await roleOf(b)).role === 'active', 'B to take over', 30_000);
    const takeoverMs = Date.now() - killedAt;
    expect(await roleOf(b)).toMatchObject({ lease: { fencing_token: 2, active_control_url: b.controlUrl } });
    expect(takeoverMs).toBeLessThan(TTL_S * 1000 + 5_000);
    // What /status says of the take-over: the lease after the kill, then trading, then prices watched again.
    await waitFor(async () => (await roleOf(b)).price_evaluations.first_at !== null, 'B to evaluate a price');
    const taken = await roleOf(b);
    expect(taken.lease.acquired_at).toBeGreaterThanOrEqual(killedAt);
    expect(taken.active_since).toBeGreaterThanOrEqual(taken.lease.acquired_at ?? Number.POSITIVE_INFINITY);
    expect(taken.price_evaluations.first_at).toBeGreaterThanOrEqual(
      taken.lease.acquired_at ?? Number.POSITIVE_INFINITY,
    );

    // The signals A could not deliver reach the app, from B, each once.
    await kit.app.up();
    await waitFor(async () => {
      const stored = new Set((await kit.app.stored()).map((delivery) => delivery.traceId));
      return waitingSignals.every((traceId) => stored.has(traceId));
    }, "A's waiting signals stored by the app");
    await waitFor(async () => (await outboxTraceIds()).length === 0, "B's outbox drained");
    // B watches what A watched: the entry is placed once, the stop closes the position.
    await waitFor(async () => (await b.ordersStatus()).orders['waitE']?.state === 'waiting', 'B to know waitE');
    await waitFor(() => b.watches('ETHUSDT'), 'B to watch ETHUSDT');
    await kit.admin.price('ETHUSDT', waiting.inZone);
    await kit.callback('waitE', 'placed');
    await waitFor(() => b.watches('SOLUSDT'), 'B to watch SOLUSDT');
    await kit.admin.price('SOLUSDT', held.stopLossHit);
    const closed = await kit.callback('heldL', 'closed');
    expect(closed).toMatchObject({ position_id: 'heldL', reason: 'stop_loss' });
    const state = await kit.admin.state();
    expect(isFlat(state, kit.apiKey, 'SOLUSDT')).toBe(true);
    const orders = ordersOf(state, kit.apiKey);
    expect(orders.filter((order) => order.client_order_id === 'waitE')).toHaveLength(1);
    expect(orders.filter((order) => order.client_order_id.startsWith('heldLc'))).toHaveLength(1);
    expect(orders.filter((order) => order.client_order_id.startsWith('refused'))).toHaveLength(0);
    // Each callback once: a replay keeps its trace id (the app stores it once, by design: decisions
    // 0006 and 0014); a second callback for the same event under another id would be stored twice.
    const events = (await kit.app.stored('callback')).map(
      (callback) => `${callback.payload['order_id'] ?? callback.payload['position_id']}:${callback.payload['status']}`,
    );
    expect(events).toEqual(expect.arrayContaining(['heldL:placed', 'heldL:closed', 'waitE:placed']));
    expect(events.length).toBe(new Set(events).size);

    // The old worker comes back: it stands by behind B and trades nothing.
    const again = await WorkerProcess.start({ ...kit.workerEnvironment });
    others.push(again);
    await waitFor(async () => (await roleOf(again)).lease.active_control_url === b.controlUrl, 'A again standing by');
    expect(await roleOf(again)).toMatchObject({ role: 'standby' });
    const late = await kit.plan('lateA', 'BTCUSDT', 'long');
    expect((await again.placeOrder(late.request)).status).toBe(503);
    expect(await roleOf(b)).toMatchObject({ role: 'active', lease: { fencing_token: 2 } });
  });
});

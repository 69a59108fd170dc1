import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBitmartExchange } from '../../src/exchange/bitmart/createBitmartExchange.ts';
import { SystemClock } from '../../src/platform/clock/index.ts';
import { type BitmartConfig, loadBitmartConfig } from '../../src/platform/config/bitmartConfig.ts';
import { loadTradingAppConfig } from '../../src/platform/config/tradingAppConfig.ts';
import { Dec } from '../../src/platform/decimal/index.ts';
import { silentLogger } from '../../src/platform/logging/logger.ts';
import { startTradingApp, type TradingApp } from '../../src/trading-app/main.ts';
import { MTF_TIMEFRAMES } from '../../src/trading-app/mtf/timeframes.ts';
import { migratedPglite } from '../support/freshPglite.ts';
import { ordersOf, type SimPlanOrder, waitingPlansOf } from '../support/simAdmin.ts';
import { waitFor } from '../support/waitFor.ts';
import { SHARED_SECRET, startWorkerE2e, type WorkerE2e } from '../support/workerE2e.ts';

/**
 * The seeds' trade routes through HTTP, with both real sides: the real trading-app
 * (`startTradingApp`, its store on PGlite, pointed at the simulator) and `bin/console ws:run`,
 * on the simulator (paused: prices move only when the test says). What the routes did is read
 * back from the simulator's `/sim/state`, the worker's status and the app's trade record.
 */
const CANDIDATES = ['ETHUSDT', 'SOLUSDT', 'BNBUSDT', 'LTCUSDT', 'LINKUSDT', 'AVAXUSDT', 'XRPUSDT', 'BTCUSDT'];
const UNMANAGED = 'DOGEUSDT';

let kit: WorkerE2e;
let app: TradingApp;
let bitmart: BitmartConfig;

beforeAll(async () => {
  kit = await startWorkerE2e();
  const { account } = kit.simulator.simulator;
  bitmart = loadBitmartConfig({
    BITMART_BASE_URL: kit.simulator.restUrl,
    BITMART_PUBLIC_WS_URI: kit.simulator.publicWsUrl,
    BITMART_PRIVATE_WS_URI: kit.simulator.privateWsUrl,
    BITMART_API_KEY: account.apiKey,
    BITMART_API_SECRET: account.apiSecret,
    BITMART_API_MEMO: account.apiMemo,
  });
  const config = loadTradingAppConfig({
    APP_ADDR: '127.0.0.1:0',
    WS_WORKER_SHARED_SECRET: SHARED_SECRET,
    WS_WORKER_BASE_URL: kit.worker.controlUrl,
    DATA_DIR: 'memory://',
    MTF_WORKERS_CRON: 'off',
    CLEANUP_CRON: 'off',
    CONTRACT_SYNC_CRON: 'off',
  });
  app = await startTradingApp(config, { logger: silentLogger(), bitmart, initialDataDir: await migratedPglite() });
  // The candles the routes plan from, as `up` keeps them current.
  await app.marketData.klineSync.watch(CANDIDATES, MTF_TIMEFRAMES);
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await kit?.teardown();
});

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${app.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function get(path: string) {
  const response = await fetch(`${app.url}${path}`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The value at `path` in a JSON answer (undefined when any step is missing). */
function at(value: unknown, ...path: string[]): unknown {
  return path.reduce<unknown>(
    (node, key) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined),
    value,
  );
}

/** The account's waiting TP/SL orders of `symbol` on the simulator. */
async function plansOn(symbol: string): Promise<SimPlanOrder[]> {
  return waitingPlansOf(await kit.admin.state(), kit.apiKey, symbol);
}

async function ordersOn(symbol: string) {
  return ordersOf(await kit.admin.state(), kit.apiKey).filter((order) => order.symbol === symbol);
}

/**
 * The answer to a retry: the recorded trade, its plan and key unchanged. Its status may have moved
 * on meanwhile (the worker's `placed` callback makes it `open`).
 */
function sameTrade(sent: { status: number; body: Record<string, unknown> }) {
  const raw = sent.body['raw'] as Record<string, unknown>;
  return {
    status: 200,
    body: {
      status: 'submitted',
      client_order_id: sent.body['client_order_id'],
      exchange_order_id: null,
      raw: { decision_key: raw['decision_key'], recorded_at: raw['recorded_at'], plan: raw['plan'] },
    },
  };
}

const held = async () => (await kit.worker.ordersStatus()).orders;

/** (symbol, side) pairs the `regular` profile plans on the simulator's market now, found by dry runs. */
const planned: { symbol: string; side: 'long' | 'short'; answer: Record<string, unknown> }[] = [];

describe('POST /api/trade-entry/execute and /api/trade-tpsl/two-targets: bad input', { timeout: 60_000 }, () => {
  it.each([
    ['{"symbol":', 'Invalid JSON', 'invalid_json'],
    [{}, 'Invalid JSON', 'invalid_json'],
    [{ side: 'long' }, 'Missing required field: symbol', 'missing_field'],
    [{ symbol: 'ETHUSDT' }, 'Missing required field: side', 'missing_field'],
    [{ symbol: 'ETHUSDT', side: 'up' }, 'Invalid side value', 'invalid_parameter'],
  ])('execute %j: 400 {"error": "%s"}', async (body, error, code) => {
    const answer = await post('/api/trade-entry/execute', body);
    expect(answer).toEqual({ status: 400, body: expect.objectContaining({ error, code, status: 'error' }) });
  });

  it.each([
    ['risk_pct', 'lots'],
    ['risk_pct', 0],
    ['stop_from', 'moon'],
    ['order_type', 'stop'],
    ['r_multiple', -1],
    ['pivot_sl_policy', 'closest'],
    ['market_max_spread_pct', 100],
    ['client_order_id', 'two words'],
    ['dry_run', 'maybe'],
    ['execution_tf', '2m'],
    ['surprise', 1],
  ])('execute with a bad %s: 400 naming it', async (field, value) => {
    const answer = await post('/api/trade-entry/execute', { symbol: 'ETHUSDT', side: 'long', [field]: value });
    expect(answer.status).toBe(400);
    expect(answer.body['message']).toContain(field);
    expect(answer.body['error']).toContain(field);
  });

  it('a symbol the venue does not list is a 400 naming symbol, for execute (dry or not) and two-targets', async () => {
    for (const dry_run of [true, false]) {
      const answer = await post('/api/trade-entry/execute', { symbol: 'NOPEUSDT', side: 'long', dry_run });
      expect(answer.status, JSON.stringify(answer.body)).toBe(400);
      expect(answer.body['error']).toMatch(/^symbol: the venue lists no contract NOPEUSDT/);
    }
    const tpsl = await post('/api/trade-tpsl/two-targets', { symbol: 'NOPEUSDT', side: 'long', dry_run: true });
    expect(tpsl.status).toBe(400);
    expect(tpsl.body['error']).toMatch(/^symbol:/);
  });

  it.each([
    [{ side: 'long' }, 'Missing field: symbol'],
    [{ symbol: 'ETHUSDT' }, 'Missing field: side'],
    [{ symbol: 'ETHUSDT', side: 'both' }, 'Invalid side value'],
  ])('two-targets %j: 400 {"error": "%s"}', async (body, error) => {
    expect(await post('/api/trade-tpsl/two-targets', body)).toMatchObject({ status: 400, body: { error } });
  });

  it.each([
    ['split_pct', 250],
    ['entry_price', 'cheap'],
    ['size', 0],
    ['momentum', 'sideways'],
    ['cancel_tp', 'perhaps'],
    ['mode', 'regular'],
  ])('two-targets with a bad %s: 400 naming it', async (field, value) => {
    const answer = await post('/api/trade-tpsl/two-targets', { symbol: 'ETHUSDT', side: 'long', [field]: value });
    expect(answer.status).toBe(400);
    expect(answer.body['message']).toContain(field);
  });

  it('goes through the cross-site guard like every state-changing route', async () => {
    const body = { symbol: 'ETHUSDT', side: 'long', dry_run: true };
    for (const path of [
      '/api/trade-entry/execute',
      '/api/trade-tpsl/two-targets',
      '/api/trade-entry/monitoring/reset-metrics',
    ]) {
      expect((await post(path, body, { origin: 'http://evil.example' })).status).toBe(403);
      expect((await post(path, body, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
      expect((await post(path, body, { 'content-type': 'text/plain' })).status).toBe(415);
    }
  });
});

describe('POST /api/trade-entry/execute', { timeout: 120_000 }, () => {
  it('a dry run plans from the stored candles and the venue, and sends and records nothing', async () => {
    for (const symbol of CANDIDATES) {
      for (const side of ['long', 'short'] as const) {
        const answer = await post('/api/trade-entry/execute', { symbol, side, mode: 'regular', dry_run: true });
        expect([200, 422], JSON.stringify(answer.body)).toContain(answer.status);
        if (answer.status === 422) {
          expect(answer.body).toMatchObject({
            status: 'skipped',
            exchange_order_id: null,
            raw: { reason: expect.any(String) },
          });
          continue;
        }
        expect(answer.body).toMatchObject({
          status: 'simulated',
          exchange_order_id: null,
          raw: { profile: expect.any(String), execution_tf: '1m', preflight: { bid: expect.any(String) } },
        });
        // What a live request would send: the key as the worker's request id.
        expect(at(answer.body, 'raw', 'plan', 'order', 'id')).toBe(answer.body['client_order_id']);
        if (!planned.some((one) => one.symbol === symbol)) planned.push({ symbol, side, answer: answer.body });
      }
    }
    expect(planned.length, 'at least two symbols the regular profile plans on').toBeGreaterThanOrEqual(2);
    for (const { symbol } of planned) {
      expect(await ordersOn(symbol)).toEqual([]);
      expect(await plansOn(symbol)).toEqual([]);
    }
    expect(await held()).toEqual({});
    expect((await get('/api/trades')).body['count']).toBe(0);
  });

  it('records the trade and sends it to the worker once; the same request again places nothing more', async () => {
    const [first] = planned;
    if (!first) throw new Error('no planned symbol');
    const request = { symbol: first.symbol, side: first.side, mode: 'regular' };
    const sent = await post('/api/trade-entry/execute', request);
    expect(sent, JSON.stringify(sent.body)).toMatchObject({
      status: 200,
      body: {
        status: 'submitted',
        exchange_order_id: null,
        raw: { trade_status: 'submitted', run_id: 'api', plan: { order: { symbol: first.symbol, side: first.side } } },
      },
    });
    const key = String(sent.body['client_order_id']);
    expect(key).toMatch(new RegExp(`^mtf:${first.symbol}:[0-9a-f]{12}$`));
    expect(Object.keys(await held())).toEqual([key]);
    expect(at((await get(`/api/trades/${key}`)).body, 'data')).toMatchObject({
      status: 'submitted',
      symbol: first.symbol,
    });

    // Again: the same decision (the same candle) answers what is recorded; a later candle is a new
    // decision, which the limits refuse while this trade is active. Either way, nothing more is placed.
    const again = await post('/api/trade-entry/execute', request);
    if (again.body['client_order_id'] === key) expect(again).toMatchObject(sameTrade(sent));
    else expect(again).toMatchObject({ status: 422, body: { raw: { reason: 'symbol_has_active_trade' } } });
    expect(Object.keys(await held())).toEqual([key]);
  });

  it('a client_order_id makes the retry idempotent, and cannot name another trade', async () => {
    const [, second] = planned;
    if (!second) throw new Error('no second planned symbol');
    const request = { symbol: second.symbol, side: second.side, mode: 'regular', client_order_id: 'seed-exec-2' };
    const sent = await post('/api/trade-entry/execute', request);
    expect(sent, JSON.stringify(sent.body)).toMatchObject({
      status: 200,
      body: { status: 'submitted', client_order_id: 'seed-exec-2', raw: { decision_key: 'seed-exec-2' } },
    });
    expect(await post('/api/trade-entry/execute', request)).toMatchObject(sameTrade(sent));
    expect(Object.keys(await held())).toContain('seed-exec-2');
    expect(Object.keys(await held())).toHaveLength(2);
    const other = second.side === 'long' ? 'short' : 'long';
    const taken = await post('/api/trade-entry/execute', { ...request, side: other });
    expect(taken).toMatchObject({
      status: 409,
      body: { code: 'client_order_id_in_use', error: expect.stringMatching(/client_order_id/) },
    });
  });

  it('a limit that refuses answers 422 with its reason, recorded', async () => {
    const [first] = planned;
    if (!first) throw new Error('no planned symbol');
    const refused = await post('/api/trade-entry/execute', {
      symbol: first.symbol,
      side: first.side,
      mode: 'regular',
      client_order_id: 'seed-exec-refused',
    });
    expect(refused).toMatchObject({
      status: 422,
      body: {
        status: 'skipped',
        client_order_id: 'seed-exec-refused',
        // The worker's entry waits for its zone, or already rests on the venue: either way the symbol is busy.
        raw: { reason: expect.stringMatching(/^symbol_has_(active_trade|open_order)$/), limit: true },
      },
    });
    expect(at((await get('/api/trades/seed-exec-refused')).body, 'data')).toMatchObject({ status: 'refused' });
    expect(Object.keys(await held())).toHaveLength(2);
  });
});

describe('POST /api/trade-tpsl/two-targets', { timeout: 120_000 }, () => {
  it('moves the stop and the targets of a position the worker opened, on the simulator', async () => {
    const [first] = planned;
    if (!first) throw new Error('no planned symbol');
    const [key] = Object.keys(await held()).filter((id) => id.startsWith(`mtf:${first.symbol}:`));
    if (!key) throw new Error('the first trade is not held by the worker');
    const plan = at((await get(`/api/trades/${key}`)).body, 'data', 'plan') as {
      zone: { low: string; high: string };
      stop: string;
    };
    const long = first.side === 'long';
    const [low, high, stop] = [new Dec(plan.zone.low), new Dec(plan.zone.high), new Dec(plan.stop)];
    const mid = low.add(high).div(2);
    const tick = kit.tickSize(first.symbol);
    const onTick = (price: Dec) => price.div(tick).floor().mul(tick).toFixed();
    // Into the zone: the worker rests a maker entry at the touch; past it (short of the stop): it fills.
    await kit.admin.price(first.symbol, onTick(mid));
    await waitFor(async () => (await ordersOn(first.symbol)).length > 0, 'the maker entry on the simulator');
    const through = long ? low.sub(low.sub(stop).div(4)) : high.add(stop.sub(high).div(4));
    await kit.admin.price(first.symbol, onTick(through));
    await waitFor(async () => key in (await kit.worker.ordersStatus()).positions, 'the entry to fill');
    await kit.admin.price(first.symbol, onTick(mid));
    const before = await plansOn(first.symbol);
    expect(before.map((one) => one.type).sort()).toEqual(['stop_loss', 'take_profit']);

    const dry = await post('/api/trade-tpsl/two-targets', { symbol: first.symbol, side: first.side, dry_run: true });
    expect(dry, JSON.stringify(dry.body)).toMatchObject({
      status: 200,
      body: { symbol: first.symbol, side: first.side, dry_run: true, submitted: [], cancelled: [], decision_key: key },
    });
    expect(await plansOn(first.symbol)).toEqual(before);

    const moved = await post('/api/trade-tpsl/two-targets', { symbol: first.symbol, side: first.side });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const { sl, tp1, tp2 } = moved.body as { sl: string; tp1: string; tp2: string };
    expect(moved.body).toMatchObject({ dry_run: false, applied: { stop: true, targets: true }, sl: dry.body['sl'] });
    const kinds = (moved.body['submitted'] as { kind: string; price: string }[]).map((order) => [
      order.kind,
      order.price,
    ]);
    expect(kinds.sort()).toEqual(
      [
        ['sl', sl],
        ['tp1', tp1],
        ['tp2', tp2],
      ].sort(),
    );
    const after = await plansOn(first.symbol);
    const waiting = after.map((one) => [one.type, one.plan_category, new Dec(one.trigger_price).toFixed()]).sort();
    expect(waiting).toEqual(
      [
        ['stop_loss', 2, new Dec(sl).toFixed()],
        ['take_profit', 1, new Dec(tp1).toFixed()],
        ['take_profit', 2, new Dec(tp2).toFixed()],
      ].sort(),
    );
    expect([...(moved.body['cancelled'] as string[])].sort()).toEqual(
      before.map((one) => String(one['order_id'])).sort(),
    );
    expect((await kit.worker.ordersStatus()).positions[key]).toMatchObject({ stop_loss: new Dec(sl).toFixed() });
  });

  it("closes the trade at the moved stop, with its entry's fills as the venue held them and its net PnL as the venue's ledger", async () => {
    const [first] = planned;
    if (!first) throw new Error('no planned symbol');
    const positions = (await kit.worker.ordersStatus()).positions;
    const [key] = Object.keys(positions).filter((id) => id.startsWith(`mtf:${first.symbol}:`));
    if (!key) throw new Error('the first trade holds no position');
    const { engine, account } = kit.simulator.simulator;
    const held = engine.positions(account.accountId, first.symbol).reduce((sum, one) => sum + one.amount, 0);
    expect(held).toBeGreaterThan(0);
    // Through the stop the two-targets route placed: the venue closes the position, the record follows.
    const stop = new Dec(String(positions[key]?.stop_loss));
    const tick = kit.tickSize(first.symbol);
    const beyond = first.side === 'long' ? stop.sub(tick.mul(5)) : stop.add(tick.mul(5));
    await kit.admin.price(first.symbol, beyond.div(tick).floor().mul(tick).toFixed());
    const trade = async () => at((await get(`/api/trades/${key}`)).body, 'data') as Record<string, unknown>;
    await waitFor(async () => (await trade())['accounting'] === 'final', 'the closed trade reconciled', 30_000);
    const closed = await trade();
    expect(closed).toMatchObject({ status: 'closed', exit_reason: 'stop_loss', quantity: String(held) });
    expect(engine.positions(account.accountId, first.symbol).every((one) => one.amount === 0)).toBe(true);
    const entry = (closed['orders'] as { role: string; fills: { size: string }[] }[]).find((o) => o.role === 'entry');
    expect(entry?.fills.reduce((sum, fill) => sum.add(fill.size), new Dec(0)).toNumber()).toBe(held);
    const net = engine
      .transactions(account.accountId, { symbol: first.symbol, startMs: 0, endMs: Date.now() })
      .filter((row) => row.flowType !== 1)
      .reduce((sum, row) => sum.add(row.amount), new Dec(0));
    expect(new Dec(String(closed['realized_pnl_net'])).sub(net).abs().toNumber()).toBeLessThan(0.01);
  });

  it('computes a position the platform does not manage, and never acts on it: 409 naming why', async () => {
    const venue = createBitmartExchange({ config: bitmart, clock: new SystemClock() });
    try {
      const contract = (await venue.contracts(UNMANAGED))[0];
      if (!contract) throw new Error(`no ${UNMANAGED}`);
      await venue.submitOrder({
        symbol: UNMANAGED,
        side: 'open_long',
        type: 'market',
        size: contract.minSize,
        leverage: new Dec(5),
        marginMode: 'isolated',
        clientOrderId: 'byhand1',
      });
      await waitFor(async () => (await venue.positions(UNMANAGED)).length > 0, 'the hand-made position');
    } finally {
      await venue.stop();
    }
    const dry = await post('/api/trade-tpsl/two-targets', { symbol: UNMANAGED, side: 'long', dry_run: true });
    expect(dry, JSON.stringify(dry.body)).toMatchObject({
      status: 200,
      body: { dry_run: true, position_source: 'exchange', decision_key: null, sl: expect.any(String) },
    });
    const refused = await post('/api/trade-tpsl/two-targets', { symbol: UNMANAGED, side: 'long' });
    expect(refused).toMatchObject({
      status: 409,
      body: { error: expect.stringMatching(/does not manage this position/), submitted: [], cancelled: [] },
    });
    expect(await plansOn(UNMANAGED)).toEqual([]);
    const none = await post('/api/trade-tpsl/two-targets', { symbol: UNMANAGED, side: 'short', dry_run: true });
    expect(none).toMatchObject({ status: 409, body: { error: expect.stringMatching(/no open short position/) } });
  });
});

describe('/api/trade-entry/monitoring', () => {
  it('counts today’s trade records, and a reset starts the count over', async () => {
    const rows = (await get('/api/trades?limit=500')).body['data'] as { status: string }[];
    const count = (...statuses: string[]) => rows.filter((row) => statuses.includes(row.status)).length;
    const expected = {
      submitted: count('submitted', 'open', 'closed', 'cancelled'),
      errors: count('failed'),
      skipped: count('skipped', 'refused'),
    };
    expect(expected.submitted).toBeGreaterThanOrEqual(2);
    expect(expected.skipped).toBeGreaterThanOrEqual(1);
    expect(await get('/api/trade-entry/monitoring/metrics')).toEqual({ status: 200, body: expected });
    const total = expected.submitted + expected.errors + expected.skipped;
    const health = await get('/api/trade-entry/monitoring/health');
    expect(health).toMatchObject({
      status: 200,
      body: {
        status: 'healthy',
        metrics: expected,
        error_rate: Math.round((expected.errors / total) * 10_000) / 100,
        success_rate: Math.round(((total - expected.errors) / total) * 10_000) / 100,
        timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
      },
    });
    expect(await post('/api/trade-entry/monitoring/reset-metrics', '')).toEqual({
      status: 200,
      body: { message: 'Metrics reset successfully' },
    });
    expect((await get('/api/trade-entry/monitoring/metrics')).body).toEqual({ submitted: 0, errors: 0, skipped: 0 });
    const [first] = planned;
    await post('/api/trade-entry/execute', {
      symbol: first?.symbol,
      side: first?.side,
      client_order_id: 'after-reset',
    });
    expect((await get('/api/trade-entry/monitoring/metrics')).body).toEqual({ submitted: 0, errors: 0, skipped: 1 });
    expect((await get('/api/trade-entry/monitoring/health')).body).toMatchObject({ success_rate: 100, error_rate: 0 });
  });
});

import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/platform/clock/index.ts';
import { Dec } from '../../src/platform/decimal/index.ts';
import { silentLogger } from '../../src/platform/logging/logger.ts';
import { createSimulatedVenue } from '../../src/simulator/adapter/createSimulatedVenue.ts';
import { createEngine } from '../../src/simulator/engine/index.ts';
import { createMarket } from '../../src/simulator/market/index.ts';
import { buildTradingAppServer } from '../../src/trading-app/api/buildTradingAppServer.ts';
import { tradeDto } from '../../src/trading-app/api/tradeRoutes.ts';
import { composeDashboardApi } from '../../src/trading-app/dashboard/composeDashboardApi.ts';
import { RetentionCleanup } from '../../src/trading-app/maintenance/RetentionCleanup.ts';
import { createMarketData } from '../../src/trading-app/market-data/createMarketData.ts';
import { TradingAppMetrics } from '../../src/trading-app/metrics/TradingAppMetrics.ts';
import { DEFAULT_CONFIG_DIRECTORY, MtfService, StoreCandleSource } from '../../src/trading-app/mtf-runner/index.ts';
import { createTradingAppStore, type Database } from '../../src/trading-app/store/index.ts';
import { composeTradeEntryApi } from '../../src/trading-app/trade-entry/composeTradeEntryApi.ts';
import { tradeEntryProfiles } from '../../src/trading-app/trade-entry/config/loadTradeEntryProfile.ts';
import { LiveTradeEntry } from '../../src/trading-app/trade-entry/LiveTradeEntry.ts';
import { TradeReconciler } from '../../src/trading-app/trades/TradeReconciler.ts';
import { TradeRepository } from '../../src/trading-app/trades/TradeRepository.ts';
import type { WsWorkerClient } from '../../src/trading-app/ws-worker-client/WsWorkerClient.ts';
import { SCHEDULER_JOB_BODY } from '../mtf-runner/support/mtfApiServer.ts';
import { freshPglite } from '../support/freshPglite.ts';
import { corpusFor, type FuzzCase, type RouteInputs, registeredRoutes } from '../support/httpFuzzCorpus.ts';
import { type FuzzRun, fuzzRandomRequests, runFuzzCases } from '../support/httpFuzzRunner.ts';
import { runSocketFuzz } from '../support/rawHttp.ts';
import { balanceSignal, newTraceId, orderSignal, signedHeaders, TEST_SECRET } from './support/signing.ts';

// The malformed-request corpus (issue 10) over every route of the app, on the real store and MTF
// service (in-memory PGlite): no 5xx, no hang, and a refusal changes no table and no switch or lock.
const SIGNED = new Set(['/api/ws-worker/balance', '/api/ws-worker/orders', '/api/orders/callback']);

/** The signals' trace id, replaced by a fresh one in each request: a repeated one is only a duplicate. */
const TRACE = 'fuzztrace0000000000000000000000';

/**
 * A control's body (decision 0024). Every control reads it with the same schema: its every field is
 * fuzzed on one route, the others get `confirm` alone.
 */
const CONTROL = { confirm: true, actor: 'fuzz', request_id: 'fuzz-1' };
const CONFIRM = { confirm: true };

/**
 * `GET /api/events` streams until the client goes, which `inject()` never does: only the cases
 * answered before the stream opens (the guard, a query: it takes no parameter) are sent;
 * test/dashboard/events.test.ts reads the stream itself.
 */
const STREAMS = new Set(['/api/events']);

/**
 * The worker's side of a close or cancel, answered done without acting: the fuzz is about what
 * reaches it. A valid control then succeeds (a refused one is recorded by design, decision 0024,
 * which the fuzz's rule that a refusal changes nothing would count against it).
 */
const idleWorker = {
  closePosition: async () => ({ status: 'done', answer: { closes: [] } }),
  cancelOrder: async () => ({ status: 'done', answer: {} }),
  status: async () => {
    throw new Error('the fuzz has no worker status');
  },
} as unknown as WsWorkerClient;

const INPUTS: Readonly<Record<string, RouteInputs>> = {
  'POST /api/ws-worker/balance': { body: balanceSignal({ trace_id: TRACE }) },
  'POST /api/ws-worker/orders': { body: orderSignal({ trace_id: TRACE }) },
  'POST /api/orders/callback': { body: { order_id: 'FUZZ1', status: 'failed', error: 'e', trace_id: TRACE } },
  'POST /api/mtf/run': { body: { ...SCHEDULER_JOB_BODY } },
  'GET /api/mtf/run': { query: ['symbols', 'dry_run', 'workers', 'current_tf'] },
  'POST /api/mtf/lock/force-release': { body: { lock_key: 'mtf_execution:BTCUSDT', reason: 'fuzz' } },
  'POST /api/mtf/switches': { body: { key: 'SYMBOL:BTCUSDT', is_on: false, duration: '1h', description: 'fuzz' } },
  'POST /api/maintenance/cleanup': { body: { dry_run: true, symbol: 'BTCUSDT', klines_limit: 500, audit_days: 3 } },
  'GET /api/maintenance/cleanup': { query: ['dry_run', 'symbol', 'klines_limit'] },
  'POST /api/mtf/sync-contracts': { body: { symbols: ['BTCUSDT'], workers: 5, dry_run: true } },
  'GET /api/balance/history': { query: ['from', 'to', 'interval'] },
  'GET /api/balance/metrics': { query: ['days'] },
  'GET /api/orders': { query: ['symbol', 'status', 'kind', 'limit'] },
  'GET /api/ws-worker/orders': { query: ['symbol', 'kind', 'limit'] },
  'GET /api/positions': { query: ['status'] },
  'GET /api/alerts': { query: ['limit'] },
  'GET /api/mtf/audit': { query: ['limit', 'symbol', 'step', 'run_id'] },
  'GET /api/mtf-audits': { query: ['page', 'runId', 'verdict', 'dateFrom', 'sort', 'order'] },
  'GET /api/trades': { query: ['symbol', 'status', 'from', 'limit'] },
  'GET /api/klines': { query: ['symbol', 'timeframe', 'limit', 'until'] },
  'POST /api/trade-entry/execute': {
    body: {
      symbol: 'BTCUSDT',
      side: 'long',
      mode: 'regular',
      risk_pct: 1,
      r_multiple: 2,
      client_order_id: 'fuzz-1',
      dry_run: true,
    },
  },
  'GET /api/mtf/diagnose': { query: ['symbol', 'profile', 'timeframe', 'at', 'run_id'] },
  'GET /api/audit': { query: ['limit'] },
  'POST /api/controls/entries/pause': { body: CONFIRM },
  'POST /api/controls/entries/resume': { body: CONFIRM },
  'POST /api/controls/kill-switch': { body: { ...CONFIRM, on: false } },
  'POST /api/controls/flatten': { body: CONTROL },
  'POST /api/controls/positions/BTCUSDT/close': { body: CONFIRM },
  'POST /api/mtf/switches/1/toggle': { body: { actor: 'fuzz' } },
  'POST /api/trade-tpsl/two-targets': {
    body: { symbol: 'BTCUSDT', side: 'long', entry_price: '95000', size: '2', split_pct: 50, dry_run: true },
  },
};

const ROUTE_PARAMETERS = { id: '1', clientOrderId: 'CLI1Q2W3E4R5T6Y7A1B2C3D4', symbol: 'BTCUSDT' };

let database: Database;
let dashboard: ReturnType<typeof composeDashboardApi>;
let run: FuzzRun;
let cases: FuzzCase[];
beforeAll(async () => {
  const clock = new ManualClock(Date.UTC(2025, 10, 7, 11, 7, 30));
  const logger = silentLogger();
  database = await freshPglite();
  const market = createMarket({ seed: 3, clock });
  const engine = createEngine({ market, clock });
  const venue = createSimulatedVenue({ engine, market, clock, accountId: 'fuzz' });
  // The dashboard's account exists and holds one resting order, far from the market: what a valid cancel finds.
  const account = engine.createAccount({
    apiKey: 'fuzz-dashboard',
    apiSecret: 'fuzz-secret',
    apiMemo: 'fuzz-memo',
    balanceUsdt: new Dec('10000'),
  });
  const held = createSimulatedVenue({ engine, market, clock, accountId: account.accountId }).exchange;
  const resting = await held.submitOrder({
    symbol: 'BTCUSDT',
    clientOrderId: 'fuzzresting1',
    side: 'open_long',
    type: 'limit',
    price: market.lastPrice('BTCUSDT').div(2).floor(),
    size: new Dec(1),
    leverage: new Dec(5),
    marginMode: 'isolated',
  });
  const trades = new TradeRepository(database.drizzle, clock);
  const reconciler = new TradeReconciler({ exchange: venue.exchange, db: database.drizzle, clock, logger });
  const profiles = tradeEntryProfiles(DEFAULT_CONFIG_DIRECTORY);
  const entriesPaused = async () => false;
  // No stored candles: every entry that gets past its checks ends as `no_market_data`, recording nothing.
  const live = new LiveTradeEntry({
    exchange: venue.exchange,
    trades,
    profileFor: profiles,
    placeOrder: async () => {
      throw new Error('the fuzz places no order');
    },
    entriesPaused,
    clock,
    logger,
  });
  const mtf = new MtfService({ db: database.drizzle, clock, logger });
  const store = createTradingAppStore(database, {
    clock,
    logger,
    alertPolicy: { minAvailable: '1', maxFrozenPercent: '80' },
  });
  // The dashboard over that account: no position (a flatten sends nothing), the one order.
  dashboard = composeDashboardApi({
    db: database.drizzle,
    exchange: held,
    market: undefined,
    trades,
    formatTrade: tradeDto,
    mtf,
    store,
    schedules: () => [],
    provider: { exchange: held },
    worker: () => idleWorker,
    clock,
    logger,
  });
  const app = buildTradingAppServer({
    store,
    clock,
    logger,
    metrics: new TradingAppMetrics(),
    sharedSecret: TEST_SECRET,
    exchange: venue.exchange,
    marketData: createMarketData({ database, exchange: venue.exchange, clock }),
    mtf,
    maintenance: new RetentionCleanup(database.drizzle, clock, logger),
    trades,
    tradeEntry: composeTradeEntryApi({
      exchange: venue.exchange,
      live,
      trades,
      profiles,
      activeProfile: 'scalper_micro',
      candles: new StoreCandleSource(database.drizzle),
      entriesPaused,
      worker: () => undefined,
      clock,
    }),
    tradeReconciliation: {
      reconcile: (key) => reconciler.reconcile(key),
      requestSoon: () => undefined,
    },
    dashboard: dashboard.dashboard,
    events: dashboard.events,
    controls: dashboard.controls,
    http: { requestTimeoutMs: 300 },
  });
  await app.ready();
  const tables = (
    (await database.drizzle.execute(
      "select table_name from information_schema.tables where table_schema = 'public' order by 1",
    )) as unknown as { rows: { table_name: string }[] }
  ).rows.map((row) => row.table_name);
  // What a refused request must not change: the row count of every table, and the content of those
  // whose rows change in place (hashing the tables that only grow would slow each request down).
  const inPlace = new Set(['orders', 'positions', 'alert_states', 'contracts', 'mtf_switch', 'mtf_lock']);
  const snapshot = tables
    .map((table) =>
      inPlace.has(table)
        ? `select '${table}' as t, md5(coalesce(string_agg(r::text, ',' order by r::text), '')) as n from "${table}" r`
        : `select '${table}' as t, count(*)::text as n from "${table}"`,
    )
    .join(' union all ');
  run = {
    app,
    state: async () => ((await database.drizzle.execute(snapshot)) as unknown as { rows: unknown[] }).rows,
    prepare: (request) => {
      if (!SIGNED.has(request.url) || typeof request.payload !== 'string') return request;
      const payload = request.payload.replace(TRACE, newTraceId());
      return { ...request, payload, headers: { ...signedHeaders(payload, clock.now()), ...request.headers } };
    },
  };
  const inputs = { ...INPUTS, [`POST /api/controls/orders/${resting.orderId}/cancel`]: { body: CONFIRM } };
  const routes = registeredRoutes(app, { ...ROUTE_PARAMETERS, orderId: resting.orderId });
  cases = routes
    .flatMap((route) => corpusFor(route, inputs[`${route.method} ${route.url}`]))
    .filter(
      (fuzzCase) => fuzzCase.mustRefuse || !STREAMS.has(decodeURIComponent(fuzzCase.request.url.split('?')[0] ?? '')),
    );
}, 60_000);
afterAll(async () => {
  dashboard?.stop();
  await run?.app.close();
  await database?.close();
});

/**
 * Values the app stores without sense (issue 10, item 14), refused by engineers B/C in
 * src/contracts/signals: accepted today, so the test below expects them to pass; once refused it
 * reports "expected to fail": make it a plain test.
 */
const SENSELESS = [
  'POST /api/ws-worker/balance with available_balance = negative text',
  'POST /api/ws-worker/balance with equity = negative text',
  'POST /api/ws-worker/orders with client_order_id = 100 KB string',
  'POST /api/ws-worker/orders with type = empty string',
];

describe('trading-app API fuzz', () => {
  it('covers every route', () => {
    const routes = new Set(cases.map((fuzzCase) => fuzzCase.name.split(' ').slice(0, 2).join(' ')));
    expect(routes.size).toBeGreaterThanOrEqual(33);
    expect(routes).toContain('GET /provider/health');
    expect(routes).toContain('GET /mtf/audit');
    for (const route of [
      'GET /api/dashboard/positions',
      'GET /api/events',
      'GET /api/mtf/diagnose',
      'POST /api/controls/flatten',
      'POST /api/mtf/switches/1/toggle',
    ]) {
      expect(routes).toContain(route);
    }
    // The cases the refusal test below runs exist (a renamed case must not pass it vacuously).
    expect(cases.filter((fuzzCase) => SENSELESS.includes(fuzzCase.name))).toHaveLength(SENSELESS.length);
  });

  it('answers every case within the bound, never with a 5xx, and a refusal changes nothing', async () => {
    expect(await runFuzzCases(run, cases)).toEqual([]);
  }, 120_000);

  it('answers random requests by fast-check without a 5xx or a hang', async () => {
    const routes = registeredRoutes(run.app, { ...ROUTE_PARAMETERS, clientOrderId: 'ABC' }).filter(
      (route) => !route.url.includes('/mtf/run') && !STREAMS.has(route.url),
    );
    const fields = [
      ...new Set(
        Object.values(INPUTS).flatMap((inputs) => [...Object.keys(inputs.body ?? {}), ...(inputs.query ?? [])]),
      ),
    ];
    await fuzzRandomRequests(run, routes, fields, 300);
  }, 60_000);

  it('answers what only a socket can send (duplicate Host, smuggling, a stalled body), never with a 5xx', async () => {
    await run.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = run.app.server.address() as AddressInfo;
    const before = await run.state();
    const failures = [
      ...(await runSocketFuzz(port, '/api/mtf/switches')),
      ...(await runSocketFuzz(port, '/api/ws-worker/balance')),
      ...(await runSocketFuzz(port, '/api/orders')),
    ];
    expect(failures).toEqual([]);
    expect(await run.state()).toEqual(before);
  });

  it('refuses signal values without sense: negative balances, a 100 KB client order id, an empty type', async () => {
    const senseless = cases.filter((fuzzCase) => SENSELESS.includes(fuzzCase.name));
    expect(senseless).toHaveLength(SENSELESS.length);
    expect(
      await runFuzzCases(
        run,
        senseless.map((fuzzCase) => ({ ...fuzzCase, mustRefuse: true })),
      ),
    ).toEqual([]);
  });
});

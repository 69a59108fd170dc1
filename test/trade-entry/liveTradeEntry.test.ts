import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBitmartExchange } from '../../src/exchange/bitmart/createBitmartExchange.ts';
import { SystemClock } from '../../src/platform/clock/index.ts';
import { loadBitmartConfig } from '../../src/platform/config/bitmartConfig.ts';
import { silentLogger } from '../../src/platform/logging/logger.ts';
import { DEFAULT_CONFIG_DIRECTORY } from '../../src/trading-app/mtf-runner/index.ts';
import { type Database, openDatabase } from '../../src/trading-app/store/index.ts';
import { tradeEntryProfiles } from '../../src/trading-app/trade-entry/config/loadTradeEntryProfile.ts';
import { LiveTradeEntry } from '../../src/trading-app/trade-entry/LiveTradeEntry.ts';
import type { TradeEntryRequest } from '../../src/trading-app/trade-entry/TradeEntry.ts';
import { TradeRepository } from '../../src/trading-app/trades/TradeRepository.ts';
import { WsWorkerClient } from '../../src/trading-app/ws-worker-client/WsWorkerClient.ts';
import { freshPglite } from '../support/freshPglite.ts';
import { venueMarket } from '../support/venueMarket.ts';
import { startWorkerE2e, type WorkerE2e } from '../support/workerE2e.ts';
import { postgresTarget } from '../trading-app-store/support/databaseTargets.ts';

/**
 * One order per decision, whatever happens: the real worker (`ws:run`), the simulator, the real
 * app's callbacks, and the trade record on PGlite. Each case counts the requests the worker holds.
 */
let kit: WorkerE2e;
let exchange: ReturnType<typeof createBitmartExchange>;
let database: Database;
let trades: TradeRepository;
let client: () => WsWorkerClient;
const clock = new SystemClock();

beforeAll(async () => {
  kit = await startWorkerE2e();
  const { account } = kit.simulator.simulator;
  exchange = createBitmartExchange({
    config: loadBitmartConfig({
      BITMART_BASE_URL: kit.simulator.restUrl,
      BITMART_PUBLIC_WS_URI: kit.simulator.publicWsUrl,
      BITMART_PRIVATE_WS_URI: kit.simulator.privateWsUrl,
      BITMART_API_KEY: account.apiKey,
      BITMART_API_SECRET: account.apiSecret,
      BITMART_API_MEMO: account.apiMemo,
    }),
    clock,
  });
  database = await freshPglite();
  trades = new TradeRepository(database.drizzle, clock);
  // A new client per call: the worker's address changes when it restarts.
  client = () =>
    new WsWorkerClient({ baseUrl: kit.worker.controlUrl, clock, callbackUrl: `${kit.app.url}/api/orders/callback` });
}, 60_000);
afterAll(async () => {
  await exchange?.stop();
  await database?.close();
  await kit?.teardown();
});

/** The trade entry as the app composes it; `fresh` is an app restarted on the same trade record. */
function liveEntry(record: TradeRepository = trades): LiveTradeEntry {
  return new LiveTradeEntry({
    exchange,
    trades: record,
    profileFor: tradeEntryProfiles(DEFAULT_CONFIG_DIRECTORY),
    placeOrder: (request) => client().placeOrder(request),
    entriesPaused: async () => false,
    clock,
    logger: silentLogger(),
  });
}

/** A READY decision on `symbol`, on the venue's own market (`venueMarket`). */
async function decision(symbol: string, side: 'LONG' | 'SHORT', klineTime: number): Promise<TradeEntryRequest> {
  const { market, atr, close } = await venueMarket(exchange, symbol);
  return {
    runId: 'live-test',
    profile: 'regular',
    symbol,
    side,
    executionTimeframe: '1m',
    klineTime,
    atr,
    referencePrice: close,
    market,
  };
}

const heldRequests = async () => Object.keys((await client().ordersStatus()).orders).sort();

describe('live trade entry: one order per decision', { timeout: 120_000 }, () => {
  let first: TradeEntryRequest;

  it('records the decision, then sends the plan to the worker with the decision key as request id', async () => {
    first = await decision('ETHUSDT', 'LONG', Date.UTC(2026, 0, 5, 12, 0));
    const outcome = await liveEntry().enter(first);
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ status: 'submitted' });
    const key = outcome.decision_key;
    expect(await heldRequests()).toEqual([key]);
    expect(await trades.find(key)).toMatchObject({ status: 'submitted', symbol: 'ETHUSDT', side: 'long' });
  });

  it('a re-run of the same decision, and an app restarted on the same record, place nothing more', async () => {
    const again = await liveEntry().enter(first);
    const restarted = await liveEntry().enter({ ...first, runId: 'another-run' });
    expect(again.status).toBe('submitted');
    expect(restarted.decision_key).toBe(again.decision_key);
    expect(await heldRequests()).toHaveLength(1);
  });

  it('a worker killed and restarted keeps the request; sending it again is a 409 the record absorbs', async () => {
    const before = await heldRequests();
    await kit.restartWorker({ crash: true });
    expect(await heldRequests()).toEqual(before);
    const entry = liveEntry();
    const second = await decision('SOLUSDT', 'LONG', Date.UTC(2026, 0, 5, 12, 1));
    const outcome = await entry.enter(second);
    expect(outcome.status).toBe('submitted');
    // The answer "got lost": the record says planned, the worker already has it.
    await database.drizzle.execute(
      `update trades set status = 'planned', created_at = now() - interval '1 minute' where decision_key = '${outcome.decision_key}'`,
    );
    expect(await entry.resendUnsent()).toBe(1);
    expect(await trades.find(outcome.decision_key)).toMatchObject({ status: 'submitted' });
    expect(await heldRequests()).toEqual([...before, outcome.decision_key].sort());
  });

  it('a decision taken while the worker is down stays planned, and goes out once when it is back', async () => {
    const before = await heldRequests();
    let key = '';
    await kit.restartWorker({
      crash: false,
      whileDown: async () => {
        const outcome = await liveEntry().enter(await decision('BNBUSDT', 'SHORT', Date.UTC(2026, 0, 5, 12, 2)));
        expect(outcome).toMatchObject({ status: 'error', error: expect.stringMatching(/will be sent again/) });
        key = outcome.decision_key;
        expect(await trades.find(key)).toMatchObject({ status: 'planned' });
      },
    });
    const entry = liveEntry();
    expect(await entry.resendUnsent(0)).toBe(1);
    expect(await entry.resendUnsent(0)).toBe(0);
    expect(await heldRequests()).toEqual([...before, key].sort());
  });
});

describe('two app processes on one PostgreSQL store (decision 0030)', { timeout: 120_000 }, () => {
  const server = postgresTarget();
  const stores: Database[] = [];
  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()));
    await server.dispose();
  });

  it('racing on one decision, each with its own connection, place one order between them', async () => {
    stores.push(await server.open(), await openDatabase({ databaseUrl: server.url, dataDir: 'unused' }));
    const [one, two] = stores.map((store) => liveEntry(new TradeRepository(store.drizzle, clock)));
    const before = await heldRequests();
    const raced = await decision('XRPUSDT', 'LONG', Date.UTC(2026, 0, 5, 12, 3));
    const outcomes = await Promise.all([one?.enter(raced), two?.enter({ ...raced, runId: 'the-other-app' })]);
    expect(outcomes[0]?.decision_key).toBe(outcomes[1]?.decision_key);
    const key = outcomes[0]?.decision_key ?? '';
    expect(await heldRequests()).toEqual([...before, key].sort());
    // One inserted the record and sent it; the other found the record and sent nothing.
    expect(outcomes.filter((outcome) => outcome?.status === 'submitted').length).toBeGreaterThanOrEqual(1);
    expect(await new TradeRepository(stores[0]?.drizzle as Database['drizzle'], clock).find(key)).toMatchObject({
      status: 'submitted',
    });
  });
});

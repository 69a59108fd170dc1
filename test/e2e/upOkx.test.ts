import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvePort } from '../../src/cli/freePort.ts';
import { type Platform, startPlatform } from '../../src/cli/startPlatform.ts';
import { Dec } from '../../src/platform/decimal/index.ts';
import { silentLogger } from '../../src/platform/logging/logger.ts';
import { RollingVwapIndicator } from '../../src/trading-app/indicators/RollingVwapIndicator.ts';
import { DEFAULT_CONFIG_DIRECTORY } from '../../src/trading-app/mtf-runner/MtfService.ts';
import { tradeEntryProfiles } from '../../src/trading-app/trade-entry/config/loadTradeEntryProfile.ts';
import { SimAdmin } from '../support/simAdmin.ts';
import { waitFor } from '../support/waitFor.ts';
import { SHORT_SIGNAL_RETRIES } from '../support/workerProcess.ts';

// `bin/console up --venue=okx` in process: the worker and the app speak OKX API v5 (the native
// client, decision 0028) to the simulator's OKX face (decision 0027); nothing else differs.
let platform: Platform;

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(`${platform.app.url}${path}`);
  return (await response.json()) as T;
}

/** The VWAP of the last 200 stored candles of the profile's zone timeframe, where its zone hangs. */
async function zoneAnchor(symbol: string, profile: string): Promise<Dec> {
  const { timeframe } = tradeEntryProfiles(DEFAULT_CONFIG_DIRECTORY)(profile).zone;
  const vwap = new RollingVwapIndicator();
  const klines = platform.app.marketData.klines;
  await waitFor(
    async () => (await klines.count(symbol, timeframe)) >= vwap.window,
    `the catch-up of ${vwap.window} ${symbol} ${timeframe} candles over OKX`,
    60_000,
  );
  for (const { openTime, open, high, low, close, volume } of await klines.lastClosed(symbol, timeframe, vwap.window)) {
    const [o, h, l, c, v] = [open, high, low, close, volume].map((value) => value.toNumber());
    vwap.update({ openTime, open: o!, high: h!, low: l!, close: c!, volume: v! });
  }
  if (vwap.value === undefined) throw new Error(`no ${timeframe} volume of ${symbol} in the store`);
  return new Dec(vwap.value);
}

beforeAll(async () => {
  const directory = mkdtempSync(join(tmpdir(), 'up-okx-'));
  const appAddress = await resolvePort({ host: '127.0.0.1', port: 0 });
  platform = await startPlatform(
    {
      EXCHANGE: 'okx',
      SIM_ADDR: '127.0.0.1:0',
      SIM_ORDER_VISIBILITY_MS: '0',
      SIM_OKX_WS_IDLE_CLOSE: '0',
      APP_ADDR: `127.0.0.1:${appAddress.port}`,
      CTRL_ADDR: '127.0.0.1:0',
      DATA_DIR: join(directory, 'app'),
      WORKER_DATA_DIR: join(directory, 'worker'),
      TRADING_APP_SIGNAL_FAILURE_LOG: join(directory, 'order-failures.log'),
      TRADING_APP_BALANCE_FAILURE_LOG: join(directory, 'balance-failures.log'),
      TRADING_APP_CALLBACK_FAILURE_LOG: join(directory, 'callback-failures.log'),
      BALANCE_SIGNAL_INTERVAL_S: '0',
      UP_SYMBOLS: 'BTCUSDT',
      UP_TIMEFRAMES: '1m',
      ...SHORT_SIGNAL_RETRIES,
    },
    () => silentLogger(),
  );
}, 120_000);

afterAll(async () => {
  await platform?.stop();
});

describe('the platform on OKX (up --venue=okx)', () => {
  it("runs the worker on OKX's channels in net mode, with the seeds' control API", async () => {
    expect(platform.config.venue).toBe('okx');
    const status = (await (await fetch(`${platform.worker.controlUrl}/status`)).json()) as Record<string, unknown>;
    expect(JSON.stringify(status)).toContain('candle1m:BTC-USDT-SWAP');
  });

  it('trades through the OKX face: entry with attached SL/TP, filled, closed by its stop, recorded by the app', async () => {
    const admin = new SimAdmin(platform.simulator.server.url);
    await admin.pause();
    const symbol = 'SOLUSDT';
    const tick = platform.simulator.market.contract(symbol)?.tickSize ?? new Dec(1);
    const onTick = (price: Dec) => price.div(tick).floor().mul(tick).toFixed();
    await admin.price(symbol, onTick(await zoneAnchor(symbol, 'regular')));
    const response = await fetch(`${platform.app.url}/api/trade-entry/execute`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ symbol, side: 'long', mode: 'regular' }),
    });
    const sent = (await response.json()) as Record<string, unknown>;
    expect(response.status, JSON.stringify(sent)).toBe(200);
    const key = String(sent['client_order_id']);
    type Trade = {
      status: string;
      quantity: string | null;
      exit_reason: string | null;
      plan: { zone: { low: string; high: string }; stop: string };
      orders?: { role: string; fills: { size: string }[] }[];
    };
    const trade = async () => (await getJson<{ data: Trade }>(`/api/trades/${key}`)).data;
    const { zone, stop } = (await trade()).plan;
    const [low, high] = [new Dec(zone.low), new Dec(zone.high)];
    // Into the zone (the worker rests its maker entry there), then through it, short of the stop.
    await admin.price(symbol, onTick(low.add(high).div(2)));
    const through = low.sub(low.sub(stop).div(4));
    await waitFor(
      async () => {
        await admin.price(symbol, onTick(through));
        return (await trade()).status === 'open';
      },
      'the entry to fill on the OKX face and the trade to open',
      30_000,
    );
    const { accountId } = platform.simulator.account;
    const engine = platform.simulator.engine;
    const held = engine.positions(accountId, symbol).reduce((sum, position) => sum + position.amount, 0);
    expect(held).toBeGreaterThan(0);
    // The stop the entry carried (OKX's attachAlgoOrds) and the target wait on the exchange.
    const waiting = (type: string) =>
      engine.currentPlanOrders(accountId, { symbol }).some((order) => order.type === type && order.state === 2);
    await waitFor(
      async () => waiting('stop_loss') && waiting('take_profit'),
      'the stop loss and the target on the exchange',
    );
    // The app's records of the entry: its order signal, with the seeds' side code of an opening long
    // (the client order id is the decision key made to fit OKX's letters and digits).
    const entryOrder = async () =>
      (
        await getJson<{ data: { client_order_id: string; kind: string; side: string; status: string }[] }>(
          `/api/orders?symbol=${symbol}&kind=ENTRY&limit=50`,
        )
      ).data.find((order) => order.client_order_id.startsWith(key.replace(/[^A-Za-z0-9]/g, '').slice(0, 16)));
    await waitFor(async () => (await entryOrder())?.status === 'FILLED', "the entry's order signal in the app");
    expect(await entryOrder()).toMatchObject({ side: '1', status: 'FILLED' });
    expect((await trade()).quantity).toBe(String(held));
    // Down through the stop: the exchange closes the position, the app closes the trade.
    await waitFor(
      async () => {
        await admin.price(symbol, onTick(new Dec(stop).sub(tick.mul(20))));
        return (await trade()).status === 'closed';
      },
      'the stop to close the position and the trade',
      60_000,
    );
    expect(engine.positions(accountId, symbol).reduce((sum, position) => sum + position.amount, 0)).toBe(0);
    const closed = await trade();
    expect(closed.exit_reason).toBe('stop_loss');
  }, 180_000);
});

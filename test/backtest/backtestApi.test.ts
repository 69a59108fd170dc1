import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appBacktestRunner } from '../../src/backtest/appBacktestRunner.ts';
import { seededHistory } from '../../src/backtest/data/seededHistory.ts';
import { codeVersion } from '../../src/cli/codeVersion.ts';
import type { Kline } from '../../src/exchange/port/types.ts';
import { SystemClock } from '../../src/platform/clock/index.ts';
import { loadTradingAppConfig } from '../../src/platform/config/tradingAppConfig.ts';
import { Dec } from '../../src/platform/decimal/index.ts';
import { silentLogger } from '../../src/platform/logging/logger.ts';
import { createSimulatedVenue } from '../../src/simulator/adapter/index.ts';
import { createEngine } from '../../src/simulator/engine/index.ts';
import { createMarket } from '../../src/simulator/market/index.ts';
import { startTradingApp, type TradingApp } from '../../src/trading-app/main.ts';
import { runConsoleInProcess } from '../support/consoleInProcess.ts';
import { migratedPglite } from '../support/freshPglite.ts';
import { waitFor } from '../support/waitFor.ts';

/**
 * The real trading-app with the real backtest runner (as `app:serve` composes it), on three hours of
 * the seeded simulator's BTCUSDT history stored in its own PGlite directory; then `backtest:run` on
 * the same directory, which must print what the API stored.
 */
const FROM = Date.UTC(2026, 0, 5, 10, 0);
const TO = FROM + 15 * 60_000;
const clock = new SystemClock();
let directory: string;
let app: TradingApp;

async function startApp(options: { restart?: boolean } = {}): Promise<TradingApp> {
  const market = createMarket({ seed: 3, clock, historyDays: 2 });
  const engine = createEngine({ market, clock, seed: 3 });
  const { accountId } = engine.createAccount({ apiKey: 'k', apiSecret: 's', apiMemo: 'm', balanceUsdt: new Dec(1000) });
  const venue = createSimulatedVenue({ engine, market, clock, accountId });
  const config = loadTradingAppConfig({
    APP_ADDR: '127.0.0.1:0',
    WS_WORKER_SHARED_SECRET: 'backtest-api-test-secret-0123456789',
    DATA_DIR: join(directory, 'data'),
    MTF_WORKERS_CRON: 'off',
    CLEANUP_CRON: 'off',
  });
  return startTradingApp(config, {
    clock,
    logger: silentLogger(),
    exchange: venue.exchange,
    ...(options.restart ? {} : { initialDataDir: await migratedPglite() }),
    backtests: appBacktestRunner({ codeVersion: codeVersion() }),
  });
}

async function call(method: string, path: string, body?: unknown) {
  const response = await fetch(`${app.url}${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type') ?? '', text };
}

interface Listed {
  readonly id: number;
  readonly state: string;
  readonly progress: number;
  readonly error: string | null;
}
interface Answer {
  readonly status: string;
  readonly message?: string;
  readonly data: { id: number; result: { run: unknown; hashes: { output: string } } } & Listed[] & Listed;
}

const json = (text: string) => JSON.parse(text) as Answer;

const BODY = {
  profile: 'scalper_micro',
  symbols: ['BTCUSDT'],
  from: '2026-01-05T10:00',
  to: '2026-01-05T10:15',
  balance: '5000',
  fees: '0.0001,0.0005',
  slippage: 3,
};

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'backtest-api-'));
  app = await startApp();
  const candles: Kline[] = [
    ...seededHistory({ seed: 0, symbol: 'BTCUSDT', fromMs: FROM - 3 * 3_600_000, toMs: TO }),
  ].map((candle) => ({ ...candle, symbol: 'BTCUSDT', timeframe: '1m' }));
  await app.marketData.klines.upsertClosed(candles, 'import', clock.now());
}, 30_000);

afterAll(async () => {
  await app?.stop();
  await rm(directory, { recursive: true, force: true });
});

describe('POST /api/backtests and its reads', () => {
  it('refuses a bad body naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...BODY, fees: '0.06,0.1' }, 'fees: "0.06,0.1": a rate of 1 % or more'],
      [{ ...BODY, slippage: -1 }, 'slippage: expected basis points'],
      [{ ...BODY, profile: 'nope' }, 'profile: expected one of'],
      [{ ...BODY, to: '2026-01-05T09:00' }, 'to: must come after from'],
      [{ ...BODY, from: '2026-01-05T10:00:30' }, 'from: "2026-01-05T10:00:30" is not on a whole minute'],
      [{ ...BODY, symbols: 'BTCUSDT' }, 'symbols: expected an array of symbols'],
      [{ ...BODY, leverage: 3 }, 'leverage'],
    ];
    for (const [body, message] of cases) {
      const answer = await call('POST', '/api/backtests', body);
      expect(answer.status, answer.text).toBe(400);
      expect(json(answer.text).message).toContain(message);
    }
  });

  it('runs one at a time on the stored klines, stores the CLI JSON and the report, and keeps them across a restart', async () => {
    const started = await call('POST', '/api/backtests', BODY);
    expect(started.status, started.text).toBe(202);
    const { id } = json(started.text).data;
    expect(json(started.text).status).toBe('accepted');

    const second = await call('POST', '/api/backtests', BODY);
    expect(second.status).toBe(409);
    expect(json(second.text).message).toBe(
      `backtest ${id} is still running; start another once it is done (GET /api/backtests/${id})`,
    );

    let listed: Listed | undefined;
    const progress: number[] = [];
    await waitFor(
      async () => {
        listed = json((await call('GET', '/api/backtests')).text).data[0];
        progress.push(listed?.progress ?? -1);
        if (listed?.state === 'failed') throw new Error(listed.error ?? 'failed');
        return listed?.state === 'done';
      },
      'the backtest to finish',
      50_000,
    );
    // The share replayed, read as it runs: from 0 up to 1, never back.
    expect(progress.every((value, index) => value >= 0 && value <= 1 && value >= (progress[index - 1] ?? 0))).toBe(
      true,
    );
    expect(listed).toMatchObject({
      id,
      state: 'done',
      progress: 1,
      params: {
        profile: 'scalper_micro',
        symbols: ['BTCUSDT'],
        from: '2026-01-05T10:00:00.000Z',
        fees: '0.0001,0.0005',
        slippage_bps: 3,
      },
      summary: { initial_balance: '5000' },
    });

    const one = await call('GET', `/api/backtests/${id}`);
    expect(one.status).toBe(200);
    const result = json(one.text).data.result;
    expect(result.run).toMatchObject({ balance: '5000', fees: '0.0001,0.0005', slippage_bps: 3 });

    const report = await call('GET', `/api/backtests/${id}/report.html`);
    expect(report.status).toBe(200);
    expect(report.type).toContain('text/html');
    expect(report.text).toContain(result.hashes.output);
    expect(report.text).toContain('fees maker,taker 0.0001,0.0005 · slippage 3 bps');
    expect((await call('GET', '/api/backtests/99999')).status).toBe(404);
    expect(json((await call('GET', '/api/backtests/abc')).text).message).toContain('id: expected a backtest id');

    // The same data through `bin/console backtest:run` prints the same JSON, byte for byte.
    await app.stop();
    const cli = await runConsoleInProcess(
      [
        'backtest:run',
        '--symbols=BTCUSDT',
        '--from=2026-01-05T10:00',
        '--to=2026-01-05T10:15',
        '--balance=5000',
        '--fees=0.0001,0.0005',
        '--slippage=3',
        '--json',
      ],
      { DATA_DIR: join(directory, 'data') },
    );
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout.trim()).toBe(JSON.stringify(result));

    app = await startApp({ restart: true });
    const afterRestart = json((await call('GET', '/api/backtests')).text).data;
    expect(afterRestart).toMatchObject([{ id, state: 'done', summary: { initial_balance: '5000' } }]);

    // A symbol the store has no candles of: the run fails, saying what to fetch.
    const missing = json((await call('POST', '/api/backtests', { ...BODY, symbols: ['ETHUSDT'] })).text).data;
    await waitFor(
      async () => json((await call('GET', `/api/backtests/${missing.id}`)).text).data.state === 'failed',
      'the backtest without candles to fail',
    );
    const failed = json((await call('GET', `/api/backtests/${missing.id}`)).text).data;
    expect(failed.error).toContain('ETHUSDT: no stored 1m candle at --from 2026-01-05T10:00:00.000Z (none at all)');
    expect((await call('GET', `/api/backtests/${missing.id}/report.html`)).status).toBe(404);
  }, 60_000);
});

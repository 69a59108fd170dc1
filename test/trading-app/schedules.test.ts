import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/platform/clock/index.ts';
import { loadTradingAppConfig } from '../../src/platform/config/tradingAppConfig.ts';
import { Dec } from '../../src/platform/decimal/index.ts';
import { silentLogger } from '../../src/platform/logging/logger.ts';
import { createSimulatedVenue } from '../../src/simulator/adapter/index.ts';
import { createEngine } from '../../src/simulator/engine/index.ts';
import { createMarket } from '../../src/simulator/market/index.ts';
import { startTradingApp, type TradingApp } from '../../src/trading-app/main.ts';
import type { ScheduleStatus } from '../../src/trading-app/schedules/Scheduler.ts';
import { runConsoleInProcess } from '../support/consoleInProcess.ts';
import { migratedPglite } from '../support/freshPglite.ts';
import { runConsole } from '../support/runConsole.ts';
import { waitFor } from '../support/waitFor.ts';
import { TEST_SECRET } from './support/signing.ts';

// The app's in-process schedules through its composition root and HTTP API, on a manual clock.
const START = Date.UTC(2026, 0, 5, 12, 0, 0);
let clock: ManualClock;
let app: TradingApp;

beforeAll(async () => {
  clock = new ManualClock(START);
  const market = createMarket({ seed: 7, clock });
  const engine = createEngine({ market, clock, seed: 7 });
  engine.start();
  const { accountId } = engine.createAccount({ apiKey: 'k', apiSecret: 's', apiMemo: 'm', balanceUsdt: new Dec(1000) });
  const venue = createSimulatedVenue({ engine, market, clock, accountId });
  const config = loadTradingAppConfig({
    APP_ADDR: '127.0.0.1:0',
    WS_WORKER_SHARED_SECRET: TEST_SECRET,
    DATA_DIR: 'memory://',
    CLEANUP_CRON: '0 30 3 * * *',
  });
  app = await startTradingApp(config, {
    clock,
    logger: silentLogger(),
    exchange: venue.exchange,
    initialDataDir: await migratedPglite(),
  });
}, 60_000);
afterAll(async () => app?.stop());

async function schedules(): Promise<ScheduleStatus[]> {
  const response = await fetch(`${app.url}/api/schedules`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { data: ScheduleStatus[] }).data;
}

const byName = async (name: string) => (await schedules()).find((schedule) => schedule.name === name);

describe('schedules', () => {
  it('lists the original three schedules, the resend and the trade reconciliation with their next run; the contract sync waits for a venue the app was pointed at', async () => {
    const list = await schedules();
    expect(list.map((schedule) => [schedule.name, schedule.enabled, schedule.next_run_at])).toEqual([
      ['mtf-run', true, '2026-01-05T12:00:05.000Z'],
      ['contract-sync', false, null],
      ['trade-resend', true, '2026-01-05T12:00:20.000Z'],
      ['trade-reconcile', true, '2026-01-05T12:00:35.000Z'],
      ['retention-cleanup', true, '2026-01-06T03:30:00.000Z'],
    ]);
  });

  it('reconciles the trades with the venue once at start-up (those that closed while the app was down)', async () => {
    await waitFor(async () => (await byName('trade-reconcile'))?.runs === 1, 'the start-up reconciliation');
    expect(await byName('trade-reconcile')).toMatchObject({
      last_run_at: '2026-01-05T12:00:00.000Z',
      last_outcome: 'ok',
      last_summary: '0 updated, 0 unchanged, 0 pending, 0 failed',
    });
  });

  it('runs the MTF run every minute on the clock, and shows its outcome, duration and next run', async () => {
    clock.advance(5_000);
    await waitFor(async () => (await byName('mtf-run'))?.runs === 1, 'the first scheduled MTF run');
    expect(await byName('mtf-run')).toMatchObject({
      last_run_at: '2026-01-05T12:00:05.000Z',
      last_outcome: 'ok',
      last_summary: expect.stringMatching(/^scalper_micro dry run: \d+ processed/),
      next_run_at: '2026-01-05T12:01:05.000Z',
    });
    const status = (await (await fetch(`${app.url}/api/mtf/status`)).json()) as { data: { last_run: unknown } };
    expect(status.data.last_run).not.toBeNull();
    clock.advance(60_000);
    await waitFor(async () => (await byName('mtf-run'))?.runs === 2, 'the second scheduled MTF run');
  });

  it('runs a schedule on demand, and answers 404 for an unknown one', async () => {
    const run = await fetch(`${app.url}/api/schedules/retention-cleanup/run`, { method: 'POST' });
    expect(run.status).toBe(202);
    await waitFor(async () => (await byName('retention-cleanup'))?.runs === 1, 'the cleanup run');
    expect((await byName('retention-cleanup'))?.last_summary).toMatch(/^deleted /);
    expect((await fetch(`${app.url}/api/schedules/nope/run`, { method: 'POST' })).status).toBe(404);
  });
});

describe('bin/console schedule:status', () => {
  it('prints the running app schedules, and exits 2 naming --url when it is not a URL', async () => {
    // A real process once; the refusal runs in process.
    const shown = await runConsole(['schedule:status', `--url=${app.url}`]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/^mtf-run\s+5 \* \* \* \* \*\s+2026-01-05T12:01:05.000Z\s+ok/m);
    expect(shown.stdout).toMatch(/^contract-sync\s+off/m);
    const bad = await runConsoleInProcess(['schedule:status', '--url=nope']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--url');
  });
});

describe('schedule configuration', () => {
  it.each([
    ['MTF_WORKERS_CRON', 'every minute'],
    ['CLEANUP_DRY_RUN', 'maybe'],
    ['MTF_WORKERS_COUNT', '0'],
  ])('app:serve exits 2 naming %s when it is malformed', async (variable, value) => {
    const result = await runConsoleInProcess(['app:serve'], {
      APP_ADDR: '127.0.0.1:0',
      WS_WORKER_SHARED_SECRET: TEST_SECRET,
      DATA_DIR: 'memory://',
      [variable]: value,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(variable);
  });
});

import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConsoleInProcess } from '../support/consoleInProcess.ts';
import { runConsole, startConsole, waitForOutput } from '../support/runConsole.ts';
import { type MtfHarness, openMtfHarness } from './support/mtfHarness.ts';

/**
 * bin/console in process on the harness database (no DATABASE_URL, no BitMart keys), at the
 * harness's run time: the decisions do not depend on when the test runs.
 */
const console = (args: string[], dataDir: string) => runConsoleInProcess(args, { DATA_DIR: dataDir }, harness.clock);

let harness: MtfHarness;
beforeAll(async () => {
  harness = await openMtfHarness(7);
  await harness.database.close();
}, 60_000);
afterAll(async () => harness?.close());

describe('bin/console mtf:run', () => {
  it('prints a readable summary, and the run response with --json, with two workers', async () => {
    const text = await console(['mtf:run', '--symbols=BTCUSDT,ETHUSDT', '--profile=scalper_micro'], harness.dataDir);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/MTF run .* \(scalper_micro, dry run, workers 1\)/);
    expect(text.stdout).toContain('requested 2, processed 2');
    expect(text.stdout).toContain('open positions/orders NOT checked');
    const json = await console(
      ['mtf:run', '--symbols=BTCUSDT,ETHUSDT', '--workers=2', '--dry-run=1', '--json'],
      harness.dataDir,
    );
    expect(json.code).toBe(0);
    const body = JSON.parse(json.stdout);
    expect(body).toMatchObject({
      message: 'MTF run completed',
      data: { summary: { workers: 2, symbols_processed: 2 } },
    });
  }, 60_000);

  it.each([
    [['mtf:run', '--profile=nope'], '--profile'],
    [['mtf:run', '--workers=0'], '--workers'],
    [['mtf:run', '--tf=2h'], '--tf'],
    [['mtf:run', '--dry-run=maybe'], '--dry-run'],
  ])('exits 2 naming the flag for %j', async (args, flag) => {
    const result = await console(args, harness.dataDir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(flag);
  });
});

describe('bin/console app:indicator:conditions:diagnose', () => {
  it('prints the decision tree of a symbol from the stored candles', async () => {
    const result = await console(
      ['app:indicator:conditions:diagnose', 'BTCUSDT', '1m', '--profile=scalper_micro'],
      harness.dataDir,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^BTCUSDT: (READY|INVALID|GRACE_WINDOW|ERROR)/);
    expect(result.stdout).toContain('[5m]');
    expect(result.stdout).toMatch(/[✓✗] /);
  });

  it('exits 2 on an unknown profile', async () => {
    const result = await console(
      ['app:indicator:conditions:diagnose', 'BTCUSDT', '1m', '--profile=nope'],
      harness.dataDir,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--profile');
  });
});

describe('one process owns the PGlite directory', () => {
  it('runs mtf:run through the trading-app that holds DATA_DIR, and refuses a second app:serve naming the directory and the holder', async () => {
    const app = startConsole(['app:serve'], {
      APP_ADDR: '127.0.0.1:0',
      WS_WORKER_SHARED_SECRET: 'ownership-test-secret',
      DATA_DIR: harness.dataDir,
      // Its own schedule would make another run the last one.
      MTF_WORKERS_CRON: 'off',
    });
    try {
      const [, url] = await waitForOutput(app, /listening on (http:\/\/127\.0\.0\.1:\d+)\n/);
      // Other processes than the holder: the run (a real bin/console) goes to the app's API, and
      // app:serve (in this test's process) is refused.
      const run = await runConsole(['mtf:run', '--symbols=BTCUSDT', '--json'], { DATA_DIR: harness.dataDir });
      expect(run.code).toBe(0);
      expect(run.stderr).toContain(`run by the trading-app at ${url}`);
      const response = JSON.parse(run.stdout) as { data: { summary: { run_id: string } } };
      const status = (await (await fetch(`${url}/api/mtf/status`)).json()) as {
        data: { last_run: { run_id: string } };
      };
      expect(status.data.last_run.run_id).toBe(response.data.summary.run_id);

      const second = await runConsoleInProcess(['app:serve'], {
        APP_ADDR: '127.0.0.1:0',
        WS_WORKER_SHARED_SECRET: 'ownership-test-secret',
        DATA_DIR: harness.dataDir,
      });
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(`${harness.dataDir} is in use by another process: pid ${app.pid}`);
      expect(second.stderr).toContain('app:serve');
    } finally {
      app.kill('SIGTERM');
      await once(app, 'exit');
    }
  }, 90_000);
});

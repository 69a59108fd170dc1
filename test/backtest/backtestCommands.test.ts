import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../dashboard-browser/chromium.ts';
import { runConsoleInProcess } from '../support/consoleInProcess.ts';
import { runConsole } from '../support/runConsole.ts';

/**
 * `klines:import` then `backtest:run` as a user runs them, on one PGlite directory: a CSV of a day of
 * warm-up and half an hour of candles, stored, then replayed through the platform.
 */
let directory: string;
let env: Record<string, string>;
const FROM = Date.UTC(2026, 0, 5, 10, 0);
const MINUTE = 60_000;

/** `count` minutes from `start` (Unix s in the file), a slow zigzag around 100000. */
function csv(start: number, count: number, skip: (index: number) => boolean = () => false): string {
  const lines = ['timestamp,open,high,low,close,volume'];
  for (let index = 0; index < count; index++) {
    if (skip(index)) continue;
    const base = 100_000 + ((index % 20) - 10) * 5;
    lines.push(
      `${(start + index * MINUTE) / 1000},${base}.0,${base + 8}.0,${base - 8}.0,${base + 5}.0,${40 + (index % 7)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'backtest-commands-'));
  env = { DATA_DIR: join(directory, 'data') };
  await writeFile(join(directory, 'btc.csv'), csv(FROM - 1_440 * MINUTE, 1_440 + 30));
  await writeFile(
    join(directory, 'eth.csv'),
    csv(FROM - 60 * MINUTE, 90, (index) => index === 70 || index === 71),
  );
  await writeFile(join(directory, 'twice.csv'), `${csv(FROM, 3)}${(FROM + MINUTE) / 1000},1,1,1,1,1\n`);
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('bin/console klines:import and backtest:run', () => {
  it('imports a CSV, then replays it through the platform and prints JSON with both hashes', async () => {
    const imported = await runConsole(['klines:import', join(directory, 'btc.csv'), '--symbol=BTCUSDT', '--json'], env);
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({
      symbol: 'BTCUSDT',
      timeframe: '1m',
      imported: 1_470,
      gaps: [],
    });
    const run = await runConsole(
      [
        'backtest:run',
        '--symbols=BTCUSDT',
        '--from=2026-01-05T10:00',
        '--to=2026-01-05T10:30',
        '--balance=5000',
        '--fees=0.0001,0.0005',
        '--slippage=2.5',
        '--json',
        `--report=${join(directory, 'report.html')}`,
      ],
      env,
    );
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as {
      run: Record<string, unknown>;
      summary: { initial_balance: string };
      statistics: { days: number };
      hashes: Record<string, string>;
    };
    expect(report.summary.initial_balance).toBe('5000');
    expect(report.run).toMatchObject({ balance: '5000', fees: '0.0001,0.0005', slippage_bps: 2.5 });
    expect(report.statistics.days).toBe(1);
    expect(report.hashes.input).toMatch(/^[0-9a-f]{64}$/);
    expect(report.hashes.output).toMatch(/^[0-9a-f]{64}$/);
    expect(run.stderr).toMatch(/30 candles in [\d.]+ s: \d+ candles\/s/);

    // The HTML report opens from disk, with no server, and draws its charts.
    const html = await readFile(join(directory, 'report.html'), 'utf8');
    expect(html).toContain(report.hashes.output);
    expect(html).toContain('fees maker,taker 0.0001,0.0005 · slippage 2.5 bps');
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('request', (request) => {
        if (!request.url().startsWith('file:')) errors.push(`requested ${request.url()}`);
      });
      await page.goto(`file://${join(directory, 'report.html')}`);
      await page.waitForSelector('body[data-charts="drawn"]');
      expect(errors).toEqual([]);
      expect(await page.locator('#equity canvas').count()).toBeGreaterThan(0);
      expect(await page.locator('div[data-symbol="BTCUSDT"] canvas').count()).toBeGreaterThan(0);
      expect(await page.locator('h3').allTextContents()).toEqual(['BTCUSDT (1 min bars)']);
    } finally {
      await browser.close();
    }
  }, 120_000);

  it('refuses a file that gives a candle twice, naming it', async () => {
    const result = await runConsoleInProcess(['klines:import', join(directory, 'twice.csv'), '--symbol=SOLUSDT'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('SOLUSDT 1m: 1 candle given twice: 2026-01-05T10:01:00.000Z; nothing imported');
  }, 60_000);

  it('reports the gaps of a range before running anything', async () => {
    const imported = await runConsoleInProcess(['klines:import', join(directory, 'eth.csv'), '--symbol=ETHUSDT'], env);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain(
      'warning: ETHUSDT 1m: 2 candles missing in 1 gap: 2026-01-05T10:10:00.000Z to 2026-01-05T10:11:00.000Z',
    );
    const run = await runConsoleInProcess(
      ['backtest:run', '--symbols=ETHUSDT', '--from=2026-01-05T10:00', '--to=2026-01-05T10:30'],
      env,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'ETHUSDT 1m: 2 candles missing in 1 gap: 2026-01-05T10:10:00.000Z to 2026-01-05T10:11:00.000Z',
    );
  }, 60_000);

  it('names the flag that is wrong, with exit code 2', async () => {
    const balance = await runConsoleInProcess(
      ['backtest:run', '--symbols=BTCUSDT', '--from=2026-01-05', '--to=2026-01-06', '--balance=-5'],
      env,
    );
    expect(balance.code).toBe(2);
    expect(balance.stderr).toContain('--balance');
    const order = await runConsoleInProcess(
      ['backtest:run', '--symbols=BTCUSDT', '--from=2026-01-06', '--to=2026-01-05'],
      env,
    );
    expect(order.code).toBe(2);
    expect(order.stderr).toContain('--to: 2026-01-05T00:00:00.000Z must come after --from 2026-01-06T00:00:00.000Z');
    const profile = await runConsoleInProcess(
      ['backtest:run', '--symbols=BTCUSDT', '--from=2026-01-05', '--to=2026-01-06', '--profile=nope'],
      env,
    );
    expect(profile.code).toBe(2);
    expect(profile.stderr).toContain('--profile: unknown profile "nope"');
    const fees = await runConsoleInProcess(
      ['backtest:run', '--symbols=BTCUSDT', '--from=2026-01-05', '--to=2026-01-06', '--fees=0.02,0.06'],
      env,
    );
    expect(fees.code).toBe(2);
    expect(fees.stderr).toContain("option '--fees <maker,taker>' argument '0.02,0.06' is invalid");
    expect(fees.stderr).toContain('rates are decimals, 0.0006 for 0.06 %');
    const oneFee = await runConsoleInProcess(
      ['backtest:run', '--symbols=BTCUSDT', '--from=2026-01-05', '--to=2026-01-06', '--fees=0.0006'],
      env,
    );
    expect(oneFee.code).toBe(2);
    expect(oneFee.stderr).toContain('--fees');
    const slippage = await runConsoleInProcess(
      ['backtest:run', '--symbols=BTCUSDT', '--from=2026-01-05', '--to=2026-01-06', '--slippage=-3'],
      env,
    );
    expect(slippage.code).toBe(2);
    expect(slippage.stderr).toContain("option '--slippage <bps>' argument '-3' is invalid");
    const report = await runConsoleInProcess(
      ['backtest:run', '--symbols=BTCUSDT', '--from=2026-01-05', '--to=2026-01-06', '--report=/nonexistent/r.html'],
      env,
    );
    expect(report.code).toBe(2);
    expect(report.stderr).toContain(
      '--report: cannot write /nonexistent/r.html: /nonexistent is not a writable directory',
    );
  }, 60_000);
});

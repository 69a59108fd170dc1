import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator/main.ts';
import { runConsoleInProcess } from '../support/consoleInProcess.ts';
import { startTestSimulator } from '../support/testSimulator.ts';

let simulator: Simulator;
let env: Record<string, string>;

beforeAll(async () => {
  const started = await startTestSimulator();
  simulator = started.simulator;
  env = { BITMART_BASE_URL: started.restUrl };
});
afterAll(async () => {
  await simulator.stop();
});

describe('bin/console bitmart:fetch-* against the simulator', () => {
  it('prints the latest klines as JSON, aligned to the timeframe', async () => {
    const result = await runConsoleInProcess(
      ['bitmart:fetch-klines', 'BTCUSDT', '--timeframe=1h', '--limit=5', '--json'],
      env,
    );
    expect(result.code, result.stderr).toBe(0);
    const klines = JSON.parse(result.stdout) as { open_time: string; close: string }[];
    expect(klines).toHaveLength(5);
    for (const kline of klines) expect(kline.open_time).toMatch(/T\d{2}:00:00\.000Z$/);
    const last = simulator.market.currentCandle('BTCUSDT', 60);
    expect(klines.at(-1)?.open_time).toBe(new Date(last.openTime * 1000).toISOString());
  });

  it('prints a readable table by default', async () => {
    const result = await runConsoleInProcess(
      ['bitmart:fetch-klines', 'ethusdt', '--timeframe', '15m', '--limit', '3'],
      env,
    );
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^open time \(UTC\)\s+open\s+high\s+low\s+close\s+volume$/);
    expect(lines).toHaveLength(2 + 3);
  });

  it('lists one contract with --symbol', async () => {
    const result = await runConsoleInProcess(['bitmart:fetch-contracts', '--symbol=SOLUSDT', '--json'], env);
    expect(result.code, result.stderr).toBe(0);
    const contracts = JSON.parse(result.stdout) as { symbol: string; tickSize: string }[];
    expect(contracts.map((contract) => contract.symbol)).toEqual(['SOLUSDT']);
  });

  it('refuses an unknown timeframe with exit code 2, naming the flag', async () => {
    const result = await runConsoleInProcess(['bitmart:fetch-klines', 'BTCUSDT', '--timeframe=7m'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--timeframe');
    expect(result.stderr).toContain('7m');
  });

  it('refuses a limit out of range with exit code 2', async () => {
    const result = await runConsoleInProcess(['bitmart:fetch-klines', 'BTCUSDT', '--limit=0'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--limit');
  });
});

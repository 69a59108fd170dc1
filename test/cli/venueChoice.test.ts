import { describe, expect, it } from 'vitest';
import { runConsoleInProcess } from '../support/consoleInProcess.ts';

describe('the venue a command runs on: EXCHANGE, OKX_*, up --venue', () => {
  it.each([
    [
      ['app:serve'],
      { WS_WORKER_SHARED_SECRET: 'a-secret-of-the-test-0123456789', EXCHANGE: 'kraken' },
      /EXCHANGE: expected bitmart or okx/,
    ],
    [
      ['ws:run', '--dotenv', '/nonexistent'],
      { EXCHANGE: 'okx', OKX_WS_PRIVATE_URI: 'not a url' },
      /OKX_WS_PRIVATE_URI: /,
    ],
    [
      ['ws:run', '--dotenv', '/nonexistent'],
      { EXCHANGE: 'okx', OKX_API_KEY: 'key', OKX_API_SECRET: 's' },
      /OKX_API_PASSPHRASE: required/,
    ],
    [['up'], { EXCHANGE: 'kraken' }, /EXCHANGE: expected bitmart or okx/],
  ])('%s refuses a bad value with exit 2, naming the variable', async (args, env, message) => {
    const result = await runConsoleInProcess(args, env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('up refuses an unknown --venue with exit 2, naming the flag', async () => {
    const result = await runConsoleInProcess(['up', '--venue=kraken']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--venue <name>.*kraken/);
  });

  it('refuses scheduled live runs on a real OKX host without LIVE_TRADING, before it opens anything', async () => {
    const result = await runConsoleInProcess(['app:serve'], {
      WS_WORKER_SHARED_SECRET: 'a-secret-of-the-test-0123456789',
      EXCHANGE: 'okx',
      OKX_API_KEY: 'key',
      OKX_API_SECRET: 'secret',
      OKX_API_PASSPHRASE: 'phrase',
      OKX_DEMO: '1',
      MTF_WORKERS_DRY_RUN: 'false',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/LIVE_TRADING: .*https:\/\/www\.okx\.com.*OKX_BASE_URL/);
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractRepository } from '../../src/trading-app/market-data/ContractRepository.ts';
import { lastClosedOpenTime } from '../../src/trading-app/market-data/closedCandles.ts';
import { KlineRepository } from '../../src/trading-app/market-data/KlineRepository.ts';
import { openDatabase } from '../../src/trading-app/store/index.ts';
import { runConsoleInProcess } from '../support/consoleInProcess.ts';
import { freshPglite } from '../support/freshPglite.ts';
import { runConsole } from '../support/runConsole.ts';
import { startTestSimulator } from '../support/testSimulator.ts';

describe('bitmart:fetch-contracts and bitmart:fetch-klines persist what they print', () => {
  let directory: string;
  let env: Record<string, string>;
  let stopSimulator: () => Promise<void>;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'market-data-cli-'));
    const { simulator, restUrl } = await startTestSimulator();
    stopSimulator = () => simulator.stop();
    // No WS_WORKER_SHARED_SECRET: these commands must not need it.
    env = { BITMART_BASE_URL: restUrl, DATA_DIR: join(directory, 'data', 'pglite') };
    // The database the commands open, made from the run's migrated copy (a new one costs seconds).
    await (await freshPglite(env.DATA_DIR)).close();
  }, 60_000);

  afterAll(async () => {
    await stopSimulator();
    await rm(directory, { recursive: true, force: true });
  });

  const readStore = async <T>(read: (db: { contracts: ContractRepository; klines: KlineRepository }) => Promise<T>) => {
    const database = await openDatabase({ dataDir: env.DATA_DIR ?? '' });
    try {
      return await read({
        contracts: new ContractRepository(database.drizzle),
        klines: new KlineRepository(database.drizzle),
      });
    } finally {
      await database.close();
    }
  };

  // A real process once (the loader, the BitMart family's exit code as the shell sees it); the rest in process.
  it('only prints with --no-store', async () => {
    const result = await runConsole(['bitmart:fetch-contracts', '--symbol=BTCUSDT', '--no-store'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('BTCUSDT');
    expect(result.stderr).not.toContain('stored');
  }, 60_000);

  it('stores the contracts it lists, and keeps --json output pure', async () => {
    const result = await runConsoleInProcess(['bitmart:fetch-contracts', '--json'], env);
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout) as { symbol: string }[];
    expect(result.stderr).toMatch(/stored \d+ contracts in PGlite/);
    const stored = await readStore((db) => db.contracts.listAll());
    expect(stored.map((contract) => contract.symbol)).toEqual(printed.map((contract) => contract.symbol).sort());
  }, 60_000);

  it('stores the closed candles it fetches, over several pages, never the forming one', async () => {
    const result = await runConsoleInProcess(
      ['bitmart:fetch-klines', 'ETHUSDT', '--timeframe=1m', '--limit=700', '--json'],
      env,
    );
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout) as { open_time: string; close: string }[];
    expect(printed).toHaveLength(700);
    const { count, last, newest } = await readStore(async (db) => ({
      count: await db.klines.count('ETHUSDT', '1m'),
      last: (await db.klines.lastClosed('ETHUSDT', '1m', 1))[0],
      newest: await db.klines.latestOpenTime('ETHUSDT', '1m'),
    }));
    // 700 printed, the newest of which may be forming.
    expect(count).toBeGreaterThanOrEqual(699);
    expect(count).toBeLessThanOrEqual(700);
    expect(newest).toBeLessThanOrEqual(lastClosedOpenTime('1m', Date.now()));
    const same = printed.find((row) => row.open_time === new Date(last?.openTime ?? 0).toISOString());
    expect(same?.close).toBe(last?.close.toFixed());
  }, 60_000);
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FuturesExchange } from '../../../src/exchange/port/FuturesExchange.ts';
import { ManualClock } from '../../../src/platform/clock/index.ts';
import { KlineRepository } from '../../../src/trading-app/market-data/index.ts';
import {
  type ClosedCandleSource,
  DEFAULT_CONFIG_DIRECTORY,
  type ExposureVenue,
  loadMtfContractsConfig,
  MtfRunner,
  MtfService,
  StoreCandleSource,
} from '../../../src/trading-app/mtf-runner/index.ts';
import { ContractUniverse } from '../../../src/trading-app/mtf-runner/universe/ContractUniverse.ts';
import type { Database } from '../../../src/trading-app/store/index.ts';
import { DryRunTradeEntry } from '../../../src/trading-app/trade-entry/DryRunTradeEntry.ts';
import { freshPglite } from '../../support/freshPglite.ts';
import { simulatorKlines } from './simulatorCandles.ts';

/** The simulator's history ends here; runs happen at or before it. 2025-11-07 12:00:00 UTC. */
export const MARKET_END = Date.UTC(2025, 10, 7, 12, 0, 0);
/** A run time with no timeframe in its grace window: 11:07:30, so 12:00's candles are the future. */
export const RUN_AT = Date.UTC(2025, 10, 7, 11, 7, 30);

export interface MtfHarness {
  /** PGlite's directory, for a child process once `database` is closed. */
  readonly dataDir: string;
  readonly database: Database;
  readonly clock: ManualClock;
  readonly klines: KlineRepository;
  readonly symbols: readonly string[];
  service(options?: { exchange?: FuturesExchange; lockTtlMs?: number }): MtfService;
  /**
   * A runner over this database and the repository's config, with only what a test gives it: the
   * account reads of the exposure exclusion, another candle source. Its dry runs record only.
   */
  runner(options: { exchange?: ExposureVenue; candles?: ClosedCandleSource }): MtfRunner;
  close(): Promise<void>;
}

/**
 * A PGlite database in a temporary directory holding the simulator market's closed candles for
 * its 10 contracts on the five MTF timeframes, written through the market-data KlineRepository.
 */
export async function openMtfHarness(seed = 7, options: { end?: number; runAt?: number } = {}): Promise<MtfHarness> {
  const directory = await mkdtemp(join(tmpdir(), 'mtf-runner-test-'));
  const dataDir = join(directory, 'pglite');
  const database = await freshPglite(dataDir);
  const end = options.end ?? MARKET_END;
  const clock = new ManualClock(options.runAt ?? RUN_AT);
  const klines = new KlineRepository(database.drizzle);
  const { symbols, klines: candles } = simulatorKlines({ seed, end });
  await klines.upsertClosed(candles, 'rest', end);
  const opened: { close(): Promise<void> }[] = [];
  return {
    dataDir,
    database,
    clock,
    klines,
    symbols,
    service: (options = {}) => {
      const service = new MtfService({ db: database.drizzle, clock, ...options });
      opened.push(service);
      return service;
    },
    runner: (options) => {
      // A service over the same database lends the runner its repositories (and reads them back).
      const repositories = new MtfService({ db: database.drizzle, clock });
      const runner = new MtfRunner({
        clock,
        configDirectory: DEFAULT_CONFIG_DIRECTORY,
        candles: options.candles ?? new StoreCandleSource(database.drizzle),
        universe: new ContractUniverse(
          database.drizzle,
          loadMtfContractsConfig(`${DEFAULT_CONFIG_DIRECTORY}/mtf_contracts.yaml`),
        ),
        switches: repositories.switches,
        locks: repositories.locks,
        audits: repositories.audits,
        snapshots: repositories.snapshots,
        runs: repositories.runs,
        dryRunEntry: new DryRunTradeEntry(),
        exchange: options.exchange,
      });
      opened.push(repositories, runner);
      return runner;
    },
    close: async () => {
      await Promise.all(opened.map((item) => item.close()));
      await database.close().catch(() => undefined);
      await rm(directory, { recursive: true, force: true });
    },
  };
}

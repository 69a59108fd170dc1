import type { Env } from '../platform/config/env.ts';
import { loadStorageConfig } from '../platform/config/storageConfig.ts';
import type { ContractRepository } from '../trading-app/market-data/ContractRepository.ts';
import type { KlineRepository } from '../trading-app/market-data/KlineRepository.ts';

export interface MarketDataStore {
  readonly contracts: ContractRepository;
  readonly klines: KlineRepository;
  /** For humans: `PGlite in ./var/data` or the server URL without its password. */
  readonly storage: string;
  close(): Promise<void>;
}

/**
 * The trading-app's database (DATABASE_URL or DATA_DIR, as `app:serve`), migrated, with the
 * market-data repositories over it. Loaded lazily: `--no-store` runs never pay for PGlite.
 */
export async function openMarketDataStore(env: Env): Promise<MarketDataStore> {
  const config = loadStorageConfig(env);
  const [{ openDatabase }, { ContractRepository }, { KlineRepository }] = await Promise.all([
    import('../trading-app/store/openDatabase.ts'),
    import('../trading-app/market-data/ContractRepository.ts'),
    import('../trading-app/market-data/KlineRepository.ts'),
  ]);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDirectory });
  return {
    contracts: new ContractRepository(database.drizzle),
    klines: new KlineRepository(database.drizzle),
    storage: describe(config.databaseUrl, config.dataDirectory),
    close: () => database.close(),
  };
}

function describe(databaseUrl: string | undefined, dataDirectory: string): string {
  if (databaseUrl === undefined) return `PGlite in ${dataDirectory}`;
  const url = new URL(databaseUrl);
  if (url.password) url.password = '***';
  return `PostgreSQL at ${url.toString()}`;
}

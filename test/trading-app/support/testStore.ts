import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../../src/platform/clock/index.ts';
import { silentLogger } from '../../../src/platform/logging/logger.ts';
import { createTradingAppStore } from '../../../src/trading-app/store/index.ts';
import type { AlertPolicy, TradingAppStore } from '../../../src/trading-app/TradingAppServices.ts';
import { freshPglite } from '../../support/freshPglite.ts';

export interface TestStore {
  readonly store: TradingAppStore;
  /** Closes the store (and its database) and removes the directory. */
  close(): Promise<void>;
}

/**
 * The real store on PGlite in a fresh temporary DATA_DIR, from the run's migrated copy. Each test
 * file opens one and shares it (tests use distinct ids and trace ids).
 */
export async function openTestStore(
  clock: Clock,
  alertPolicy: AlertPolicy = { minAvailable: undefined, maxFrozenPercent: '80' },
): Promise<TestStore> {
  const directory = await mkdtemp(join(tmpdir(), 'trading-app-test-'));
  const database = await freshPglite(join(directory, 'pglite'));
  const store = createTradingAppStore(database, { clock, logger: silentLogger(), alertPolicy });
  return {
    store,
    close: async () => {
      await store.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/platform/clock/index.ts';
import { silentLogger } from '../../src/platform/logging/logger.ts';
import { createTradingAppStore, type Database, openDatabase } from '../../src/trading-app/store/index.ts';
import { MIGRATION_COUNT, postgresTarget } from './support/databaseTargets.ts';
import { balanceSignal, OPEN_TIMEOUT_MS, RECEIVED_AT } from './support/storeFixture.ts';

const appliedMigrations = async (database: Database) => {
  const result = (await database.drizzle.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`)) as {
    rows: { n: number }[];
  };
  return Number(result.rows[0]?.n);
};

const storeOptions = {
  clock: new ManualClock(),
  logger: silentLogger(),
  alertPolicy: { minAvailable: undefined, maxFrozenPercent: '80' },
};

describe('openDatabase', () => {
  const directories: string[] = [];
  afterAll(async () => {
    for (const directory of directories) await rm(directory, { recursive: true, force: true });
  });

  it(
    'keeps PGlite data across a restart and does not migrate twice',
    async () => {
      const directory = await mkdtemp(join(tmpdir(), 'trading-app-open-'));
      directories.push(directory);
      const dataDir = join(directory, 'var', 'data');
      const first = createTradingAppStore(await openDatabase({ dataDir }), storeOptions);
      await first.ingestBalance(balanceSignal({ equity: '42.000000000001' }), RECEIVED_AT);
      await first.close();

      const database = await openDatabase({ dataDir });
      const second = createTradingAppStore(database, storeOptions);
      expect(await appliedMigrations(database)).toBe(MIGRATION_COUNT);
      expect((await second.currentBalance())?.equity).toBe('42.000000000001');
      await second.close();
    },
    OPEN_TIMEOUT_MS,
  );

  it(
    'lets two processes open one fresh PostgreSQL database at once (migrations serialised)',
    async () => {
      const target = postgresTarget();
      const first = await target.open();
      try {
        await first.drizzle.execute(sql`drop schema drizzle cascade`);
        await first.drizzle.execute(sql`drop schema public cascade`);
        await first.drizzle.execute(sql`create schema public`);
        const both = await Promise.all([
          openDatabase({ databaseUrl: target.url, dataDir: 'unused' }),
          openDatabase({ databaseUrl: target.url, dataDir: 'unused' }),
        ]);
        expect(await appliedMigrations(first)).toBe(MIGRATION_COUNT);
        for (const database of both) await database.close();
      } finally {
        await first.close();
        await target.dispose();
      }
    },
    OPEN_TIMEOUT_MS,
  );
});

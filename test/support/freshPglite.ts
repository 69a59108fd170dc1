import { readFile } from 'node:fs/promises';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../../src/trading-app/store/index.ts';

let dump: Promise<Blob> | undefined;

/**
 * The migrated PGlite data directory the run's global setup made (test/support/migratedPgliteSetup.ts),
 * for `openDatabase`'s and `startTradingApp`'s `initialDataDir`. Read once per test file.
 */
export function migratedPglite(): Promise<Blob> {
  dump ??= readFile(inject('migratedPglite')).then((bytes) => new Blob([bytes]));
  return dump;
}

/**
 * A new, migrated PGlite database, started from the run's migrated copy instead of a new cluster:
 * in memory by default, or in `dataDir` (a new directory, claimed as `openDatabase` claims it).
 * Tests of the migrations themselves open the database the real way (openDatabase.test.ts).
 */
export async function freshPglite(dataDir = 'memory://'): Promise<Database> {
  // A benchmark (`npm run bench`) runs outside vitest, without its global setup: it migrates its own.
  if (process.env['VITEST'] === undefined) return openDatabase({ dataDir });
  return openDatabase({ dataDir, initialDataDir: await migratedPglite() });
}

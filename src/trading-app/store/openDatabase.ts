import { mkdir } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzleNodePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePostgres } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import type { Logger } from '../../platform/logging/logger.ts';
import { claimDirectory, type DirectoryOwnership } from '../../platform/ownership/directoryOwnership.ts';

/** What both drivers have in common: drizzle's pg-core database. */
export type StoreDatabase = PgDatabase<PgQueryResultHKT>;

/** An open database: PGlite in a directory, or a PostgreSQL server through a `pg` pool. */
export interface Database {
  readonly drizzle: StoreDatabase;
  readonly driver: 'pglite' | 'postgres';
  /** Tells a second process where this one answers (PGlite: the directory is ours alone). */
  advertise(apiUrl: string): Promise<void>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** A `postgres://` URL; without it the database is PGlite in `dataDir`. */
  readonly databaseUrl?: string | undefined;
  /** PGlite's directory (created with its parents), or `memory://` for a throw-away database. */
  readonly dataDir: string;
  readonly logger?: Logger | undefined;
  /** Who opens it, for the message a second opener of the PGlite directory gets (default: this command line). */
  readonly owner?: string;
  /**
   * PGlite only: a data directory to start a new database from, as PGlite's `dumpDataDir()` wrote
   * it, instead of an empty cluster (tests start from one migrated copy: creating a cluster costs
   * seconds). PGlite refuses it for a directory that already holds a database. The migrations
   * still run, and change nothing when the copy is current.
   */
  readonly initialDataDir?: Blob | undefined;
}

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

/** Any number that is ours: serialises migrations of several processes on one server. */
const MIGRATION_LOCK_KEY = 727_001;

/** Opens the database and brings its schema up to date before anything else touches it. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const database = options.databaseUrl
    ? await openPostgres(options.databaseUrl, options.logger)
    : await openPglite(options.dataDir, options.owner ?? commandLine(), options.initialDataDir);
  options.logger?.info(
    { driver: database.driver, ...(database.driver === 'pglite' ? { dataDir: options.dataDir } : {}) },
    'trading-app database ready',
  );
  return database;
}

/**
 * PGlite is PostgreSQL inside this process: a second process opening the same directory would
 * write the same files with no lock between them, so the directory is claimed first and a second
 * opener is refused with the holder's name (`DirectoryInUseError`).
 */
async function openPglite(dataDir: string, owner: string, initialDataDir: Blob | undefined): Promise<Database> {
  const options = initialDataDir ? { loadDataDir: initialDataDir } : {};
  if (dataDir.startsWith('memory://')) return pgliteDatabase(await PGlite.create(dataDir, options), undefined);
  // PGlite creates its own directory but not the parents (DEPENDENCIES.md pitfall).
  await mkdir(dirname(dataDir), { recursive: true });
  const ownership = await claimDirectory(dataDir, owner);
  try {
    return await pgliteDatabase(await PGlite.create(dataDir, options), ownership);
  } catch (error) {
    await ownership.release();
    throw error;
  }
}

async function pgliteDatabase(client: PGlite, ownership: DirectoryOwnership | undefined): Promise<Database> {
  const db = drizzlePglite({ client });
  try {
    await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
  } catch (error) {
    await client.close();
    throw error;
  }
  return {
    drizzle: db,
    driver: 'pglite',
    advertise: async (apiUrl) => ownership?.advertise(apiUrl),
    close: async () => {
      await client.close();
      await ownership?.release();
    },
  };
}

/** `bin/console app:serve`, for the holder's description. */
function commandLine(): string {
  return process.argv
    .slice(1)
    .map((part, index) => (index === 0 ? relative(process.cwd(), part) || part : part))
    .join(' ');
}

async function openPostgres(databaseUrl: string, logger: Logger | undefined): Promise<Database> {
  const pool = new pg.Pool({ connectionString: databaseUrl });
  // An idle client losing its server must not crash the process; the next query reconnects.
  pool.on('error', (error) => logger?.error({ err: error }, 'idle PostgreSQL connection failed'));
  const db = drizzleNodePostgres({ client: pool });
  try {
    await withAdvisoryLock(pool, () => migrateNodePostgres(db, { migrationsFolder: MIGRATIONS_FOLDER }));
  } catch (error) {
    await pool.end();
    throw error;
  }
  // A server serialises its clients itself: any number of processes may share it.
  return { drizzle: db, driver: 'postgres', advertise: async () => undefined, close: () => pool.end() };
}

/** drizzle's migrator takes no lock: two processes starting together would both migrate. */
async function withAdvisoryLock(pool: pg.Pool, work: () => Promise<void>): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await work();
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}

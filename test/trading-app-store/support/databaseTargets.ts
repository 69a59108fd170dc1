import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type Database, openDatabase } from '../../../src/trading-app/store/index.ts';
import { MIGRATIONS_FOLDER } from '../../../src/trading-app/store/openDatabase.ts';
import { freshPglite } from '../../support/freshPglite.ts';

/** How many migrations the repository holds: each applies once per database. */
export const MIGRATION_COUNT = (
  JSON.parse(readFileSync(`${MIGRATIONS_FOLDER}/meta/_journal.json`, 'utf8')) as { entries: unknown[] }
).entries.length;

/** Where a store suite runs: a way to open a fresh, migrated database and to throw it away. */
export interface DatabaseTarget {
  readonly name: string;
  open(): Promise<Database>;
  dispose(): Promise<void>;
}

/**
 * PGlite in a new temporary directory, two levels down so that the parents must be created, from
 * the run's migrated copy (openDatabase.test.ts creates and migrates a cluster the real way).
 */
export function pgliteTarget(): DatabaseTarget {
  let directory: string | undefined;
  return {
    name: 'PGlite',
    async open() {
      directory = await mkdtemp(join(tmpdir(), 'trading-app-store-'));
      return freshPglite(join(directory, 'nested', 'pglite'));
    },
    async dispose() {
      if (directory) await rm(directory, { recursive: true, force: true });
    },
  };
}

/**
 * A database of its own on the PostgreSQL server (CI and this machine run one on 127.0.0.1),
 * created for this run and dropped after it, so test files running in parallel never meet.
 * `TEST_DATABASE_URL` points elsewhere: any database there that we may CREATE DATABASE from.
 */
export function postgresTarget(): DatabaseTarget & { readonly url: string } {
  const adminUrl = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
  const name = `trading_app_store_${process.pid}_${randomBytes(4).toString('hex')}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let created = false;
  return {
    name: 'PostgreSQL',
    url: url.toString(),
    async open() {
      await withAdmin(adminUrl, (client) => client.query(`create database ${name}`));
      created = true;
      return openDatabase({ databaseUrl: url.toString(), dataDir: 'unused' });
    },
    async dispose() {
      if (created) await withAdmin(adminUrl, (client) => client.query(`drop database if exists ${name} with (force)`));
    },
  };
}

async function withAdmin(url: string, work: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

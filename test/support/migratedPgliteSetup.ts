import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import type { TestProject } from 'vitest/node';
import { MIGRATIONS_FOLDER } from '../../src/trading-app/store/openDatabase.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A tarball of a PGlite data directory with every migration applied (see `freshPglite`). */
    migratedPglite: string;
  }
}

/** What the tarball depends on: the migrations, and the two packages that wrote it. */
async function cacheKey(): Promise<string> {
  const hash = createHash('sha256');
  for (const pkg of ['@electric-sql/pglite', 'drizzle-orm']) {
    const manifest = new URL(`../../node_modules/${pkg}/package.json`, import.meta.url);
    hash.update(`${pkg}@${(JSON.parse(await readFile(manifest, 'utf8')) as { version: string }).version}\n`);
  }
  for (const folder of [MIGRATIONS_FOLDER, join(MIGRATIONS_FOLDER, 'meta')]) {
    for (const entry of (await readdir(folder, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.isFile()) hash.update(entry.name).update(await readFile(join(folder, entry.name)));
    }
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * Vitest global setup: one migrated PGlite for the whole run. A new PGlite cluster costs 1-3 s of
 * initdb (more on a loaded machine) before the migrations; loading this tarball costs well under
 * one. Kept in the temporary directory under a key of its inputs, so later runs skip even this one.
 */
export default async function setup(project: TestProject): Promise<void> {
  const path = join(tmpdir(), `trading-app-migrated-pglite-${await cacheKey()}.tar`);
  if (!existsSync(path)) {
    // The migrations as openDatabase applies them to PGlite.
    const client = await PGlite.create('memory://');
    try {
      await migrate(drizzle({ client }), { migrationsFolder: MIGRATIONS_FOLDER });
      // Uncompressed: gunzipping 40 MB in every test file would cost more than reading it.
      const dump = await client.dumpDataDir('none');
      // Written whole, then renamed: two runs starting together never read half a file.
      const partial = `${path}.${process.pid}.partial`;
      await writeFile(partial, new Uint8Array(await dump.arrayBuffer()));
      await rename(partial, path);
    } finally {
      await client.close();
    }
  }
  project.provide('migratedPglite', path);
}

import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

/** Whole processes, real time, and third-party clients with their own global state (ccxt, bitmart-api). */
const ISOLATED = ['test/e2e/**/*.test.ts', 'test/conformance/**/*.test.ts'];
/** One migrated PGlite per run, which tests copy (test/support/freshPglite.ts). */
const MIGRATED_PGLITE = ['test/support/migratedPgliteSetup.ts'];

/**
 * Isolation (a new module graph per file) costs about a second per file on this machine, more than
 * most files' tests take: files share their worker's modules unless they touch what outlives them.
 * Checked for the shared ones: no env mutation, module mocks, fake timers or process listeners;
 * the module-level caches are pure; every file closes what it starts.
 */
export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Tests wait (loopback, timers, fsync, child processes) more than they compute, so one worker
    // more than cores; vitest's default is one fewer, a single worker on two cores. Unit and
    // integration projects on this machine under load: 1 worker 191 s, 2: 114 s, 3: 93 s, 4: 89 s.
    maxWorkers: availableParallelism() + 1,
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts'], isolate: false } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...ISOLATED],
          isolate: false,
          globalSetup: MIGRATED_PGLITE,
        },
      },
      { extends: true, test: { name: 'e2e', include: ISOLATED, globalSetup: MIGRATED_PGLITE } },
    ],
  },
});

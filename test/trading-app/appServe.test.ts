import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConsoleInProcess } from '../support/consoleInProcess.ts';
import { freshPglite } from '../support/freshPglite.ts';
import { startConsole, waitForOutput } from '../support/runConsole.ts';
import { balanceSignal, signedHeaders, TEST_SECRET } from './support/signing.ts';

let dataRoot: string;

beforeAll(async () => {
  dataRoot = await mkdtemp(join(tmpdir(), 'app-serve-'));
  // Migrated already, from the run's copy: the child's initdb and migrations are openDatabase.test.ts's.
  await (await freshPglite(join(dataRoot, 'pglite'))).close();
});
afterAll(async () => {
  await rm(dataRoot, { recursive: true, force: true });
});

describe('bin/console app:serve', () => {
  // The one real process: the loader, the address it prints, and the exit on SIGTERM.
  it('prints its real address and storage, stores a signed signal over loopback, and exits 0 on SIGTERM', async () => {
    const child = startConsole(['app:serve'], {
      APP_ADDR: '127.0.0.1:0',
      WS_WORKER_SHARED_SECRET: TEST_SECRET,
      DATA_DIR: join(dataRoot, 'pglite'),
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    // One pattern for both lines: they may arrive in one chunk, before a second waiter listens.
    const [, url, storage] = await waitForOutput(
      child,
      /listening on (http:\/\/127\.0\.0\.1:\d+)\n\s+storage\s+(.+)\n/,
    );
    expect(url).not.toMatch(/:0$/);
    expect(storage).toBe(`PGlite in ${join(dataRoot, 'pglite')}`);

    const body = JSON.stringify(balanceSignal({ equity: '4242.42' }));
    const accepted = await fetch(`${url}/api/ws-worker/balance`, {
      method: 'POST',
      headers: signedHeaders(body, Date.now()),
      body,
    });
    expect(accepted.status).toBe(202);
    const current = (await (await fetch(`${url}/api/balance/current`)).json()) as { data: { equity: string } };
    expect(current.data.equity).toBe('4242.42');
    expect((await fetch(`${url}/metrics`)).status).toBe(200);

    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(stdout).toContain('trading-app stopped');
  }, 60_000);

  it('refuses to start without WS_WORKER_SHARED_SECRET: exit 2 naming it', async () => {
    const result = await runConsoleInProcess(['app:serve'], {
      APP_ADDR: '127.0.0.1:0',
      DATA_DIR: join(dataRoot, 'unused'),
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('WS_WORKER_SHARED_SECRET');
  });

  it('names a malformed APP_ADDR and exits 2', async () => {
    const result = await runConsoleInProcess(['app:serve'], {
      APP_ADDR: 'nowhere',
      WS_WORKER_SHARED_SECRET: TEST_SECRET,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('APP_ADDR');
  });
});

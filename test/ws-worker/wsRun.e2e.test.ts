import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConsoleInProcess } from '../support/consoleInProcess.ts';
import { startConsole, waitForOutput } from '../support/runConsole.ts';
import { startTestSimulator } from '../support/testSimulator.ts';

let sim: Awaited<ReturnType<typeof startTestSimulator>>;
let directory: string;
let env: Record<string, string>;

beforeAll(async () => {
  sim = await startTestSimulator();
  directory = await mkdtemp(join(tmpdir(), 'ws-run-'));
  env = {
    ...sim.bitmartEnv,
    CTRL_ADDR: '127.0.0.1:0',
    WORKER_DATA_DIR: join(directory, 'data'),
    ORDERS_CONFIG: join(directory, 'orders.yaml'),
  };
});

afterAll(async () => {
  await sim?.simulator.stop();
  await rm(directory, { recursive: true, force: true });
});

const CONTROL = /control API listening on (http:\/\/127\.0\.0\.1:\d+)/;
const noEnvFile = () => ['--dotenv', join(directory, 'absent.env')];

describe('bin/console ws:run', { timeout: 30_000 }, () => {
  it('prints where the control API listens and exits 0 on SIGTERM', async () => {
    const child = startConsole(['ws:run', ...noEnvFile()], env);
    const [, url] = await waitForOutput(child, CONTROL);
    const status = (await (await fetch(`${url}/status`)).json()) as { is_running: boolean; authenticated: boolean };
    expect(status).toMatchObject({ is_running: true, authenticated: true });
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });

  it('exits 0 after POST /stop', async () => {
    const child = startConsole(['ws:run', ...noEnvFile()], env);
    const [, url] = await waitForOutput(child, CONTROL);
    const exited = once(child, 'exit');
    const answer = await fetch(`${url}/stop`, { method: 'POST' });
    expect(await answer.json()).toEqual({ ok: true, message: 'Worker stopped' });
    const [code] = await exited;
    expect(code).toBe(0);
  });

  it('refuses a non-loopback CTRL_ADDR without CTRL_TOKEN, naming CTRL_TOKEN, exit 2', async () => {
    const result = await runConsoleInProcess(['ws:run', ...noEnvFile()], { ...env, CTRL_ADDR: '0.0.0.0:0' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('CTRL_TOKEN');
  });

  it('reads .env, with the real environment winning over it', async () => {
    const file = join(directory, 'bad.env');
    await writeFile(file, 'TRADING_APP_REQUEST_TIMEOUT=two-seconds\n');
    const refused = await runConsoleInProcess(['ws:run', '--dotenv', file], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('TRADING_APP_REQUEST_TIMEOUT');

    const child = startConsole(['ws:run', '--dotenv', file], { ...env, TRADING_APP_REQUEST_TIMEOUT: '2.0' });
    await waitForOutput(child, CONTROL);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });
});

import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerWsReplayFailures } from '../../src/cli/commands/wsReplayFailures.ts';
import { SystemClock } from '../../src/platform/clock/index.ts';
import { createWorkspace, SECRET, type Workspace } from './support/harness.ts';
import { type Receiver, startReceiver } from './support/receiver.ts';

const VARIABLES = [
  'TRADING_APP_BASE_URI',
  'TRADING_APP_SHARED_SECRET',
  'TRADING_APP_SIGNAL_FAILURE_LOG',
  'TRADING_APP_BALANCE_FAILURE_LOG',
  'TRADING_APP_CALLBACK_FAILURE_LOG',
  'WORKER_DATA_DIR',
] as const;

describe('bin/console ws:replay-failures', () => {
  let workspace: Workspace;
  let receiver: Receiver;
  const saved = new Map<string, string | undefined>();

  beforeEach(async () => {
    workspace = await createWorkspace();
    receiver = await startReceiver({ secret: SECRET, clock: new SystemClock() });
    for (const name of VARIABLES) saved.set(name, process.env[name]);
    Object.assign(process.env, {
      TRADING_APP_BASE_URI: `http://127.0.0.1:${receiver.port}`,
      TRADING_APP_SHARED_SECRET: SECRET,
      TRADING_APP_SIGNAL_FAILURE_LOG: workspace.failureLogs.order,
      TRADING_APP_BALANCE_FAILURE_LOG: workspace.failureLogs.balance,
      TRADING_APP_CALLBACK_FAILURE_LOG: workspace.failureLogs.callback,
      WORKER_DATA_DIR: join(workspace.root, 'worker'),
    });
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await receiver.close();
    await workspace.remove();
  });

  it('replays the chosen kind to the app endpoints from the worker config and renames its log', async () => {
    const phpLine = {
      status_code: 500,
      response: 'max_retries_reached',
      payload: { trace_id: 'a1b2c3d4e5f6a7b8', retry_count: 0 },
    };
    await mkdir(join(workspace.root, 'var'), { recursive: true });
    await writeFile(workspace.failureLogs.order, `${JSON.stringify(phpLine)}\n`);
    await writeFile(
      workspace.failureLogs.balance,
      `${JSON.stringify({ ...phpLine, payload: { trace_id: 'ffffffffffffffff' } })}\n`,
    );

    const program = new Command().exitOverride();
    registerWsReplayFailures(program);
    await program.parseAsync(['ws:replay-failures', '--kind', 'order', '--dotenv', join(workspace.root, 'none.env')], {
      from: 'user',
    });

    expect(receiver.received.map((request) => [request.path, request.signature.ok, request.body['trace_id']])).toEqual([
      ['/api/ws-worker/orders', true, 'a1b2c3d4e5f6a7b8'],
    ]);
    const logs = await readdir(join(workspace.root, 'var'));
    expect(logs.sort()).toEqual([
      'balance-signal-failures.log',
      expect.stringMatching(/^order-signal-failures\.log\.replayed-\d{8}T\d{6}\.\d{3}Z$/),
    ]);
  });
});

import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SystemClock } from '../../src/platform/clock/index.ts';
import { silentLogger } from '../../src/platform/logging/logger.ts';
import { Callbacks } from '../../src/ws-worker/execution/Callbacks.ts';
import { runConsoleInProcess } from '../support/consoleInProcess.ts';
import { CALLBACK_PATH, type RealTradingApp, startRealTradingApp } from '../support/realTradingApp.ts';
import { createWorkspace, outboxIn, SECRET, settled, type Workspace } from './support/harness.ts';

/** A request as the execution names it in callbacks: its id is its own client order id base. */
const target = (id: string) => ({ id, clientOrderIdBase: id, callbackUrl: undefined });

/** The command against the real app (system clock: the command signs with the time of day). */
let app: RealTradingApp;

beforeAll(async () => {
  app = await startRealTradingApp({ sharedSecret: SECRET });
}, 120_000);
afterAll(async () => {
  await app?.close();
});

/** The command in process, with the worker's variables pointing at the workspace and the real app. */
async function runCommand(kind: string, workspace: Workspace): Promise<string> {
  const result = await runConsoleInProcess(
    ['ws:replay-failures', '--kind', kind, '--dotenv', join(workspace.root, 'none.env')],
    {
      TRADING_APP_BASE_URI: app.url,
      TRADING_APP_SHARED_SECRET: SECRET,
      TRADING_APP_SIGNAL_FAILURE_LOG: workspace.failureLogs.order,
      TRADING_APP_BALANCE_FAILURE_LOG: workspace.failureLogs.balance,
      TRADING_APP_CALLBACK_FAILURE_LOG: workspace.failureLogs.callback,
      WORKER_DATA_DIR: join(workspace.root, 'worker'),
    },
  );
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

describe('bin/console ws:replay-failures', { timeout: 60_000 }, () => {
  let workspace: Workspace;

  beforeEach(async () => {
    workspace = await createWorkspace();
  });
  afterEach(async () => {
    await workspace.remove();
  });

  it('replays a PHP worker’s order failure line to the order endpoint, and renames only that log', async () => {
    const phpPayload = {
      kind: 'ENTRY',
      status: 'SUBMITTED',
      client_order_id: 'CLIREPLAYPHP1',
      order_id: '2311234599',
      symbol: 'BTCUSDT',
      side: '1',
      type: 'limit',
      price: '99950.0',
      size: '2',
      submitted_at: '2025-11-05T10:00:00+00:00',
      trace_id: 'a1b2c3d4e5f6a7b8',
      retry_count: 0,
      payload_version: '1.0',
    };
    const phpLine = { status_code: 500, response: 'max_retries_reached', payload: phpPayload };
    await mkdir(join(workspace.root, 'var'), { recursive: true });
    await writeFile(workspace.failureLogs.order, `${JSON.stringify(phpLine)}\n`);
    await writeFile(
      workspace.failureLogs.balance,
      `${JSON.stringify({ ...phpLine, payload: { trace_id: 'ffffffffffffffff' } })}\n`,
    );

    await runCommand('order', workspace);

    expect(await app.api.order('CLIREPLAYPHP1')).toMatchObject({ status: 'SUBMITTED', order_id: '2311234599' });
    const logs = await readdir(join(workspace.root, 'var'));
    expect(logs.sort()).toEqual([
      'balance-signal-failures.log',
      expect.stringMatching(/^order-signal-failures\.log\.replayed-\d{8}T\d{6}\.\d{3}Z$/),
    ]);
  });

  it('--kind=callback delivers the callbacks the worker logged while the app was down, and the app acts on them', async () => {
    await app.down();
    const failing = outboxIn(workspace, new SystemClock(), { maxRetries: 0 });
    await failing.start();
    const callbacks = new Callbacks({
      outbox: failing,
      clock: new SystemClock(),
      logger: silentLogger(),
      defaultUrl: `${app.url}${CALLBACK_PATH}`,
    });
    await callbacks.send(target('REPLAYCB1'), {
      status: 'placed',
      order_id: 'REPLAYCB1',
      exchange_order_id: '3100000040',
      entry_price: '65000',
      quantity: '2',
    });
    await callbacks.send(target('REPLAYCB1'), {
      status: 'closed',
      position_id: 'REPLAYCB1',
      close_order_id: '3100000041',
      reason: 'stop_loss',
      close_price: '61750',
    });
    await settled(failing, () => failing.status().failed === 2, 'both callbacks in the failure log');
    await failing.stop();
    await app.up();

    const printed = await runCommand('callback', workspace);

    expect(await app.api.position('REPLAYCB1')).toMatchObject({
      status: 'closed',
      entry_price: '65000',
      close_reason: 'stop_loss',
      close_price: '61750',
    });
    const logs = await readdir(join(workspace.root, 'var', 'logs'));
    expect(logs).toEqual([expect.stringMatching(/^callback-failures\.log\.replayed-/)]);
    expect(printed).toContain('delivered 2, failed again 0 (back in the failure logs), left for the next run 0\n');
  });
});

import { access, readdir, writeFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../src/platform/clock/index.ts';
import { type DurableSignalOutbox, replayFailures } from '../../src/ws-worker/signals/index.ts';
import {
  createWorkspace,
  newClock,
  outboxIn,
  readJsonLines,
  SECRET,
  settled,
  signal,
  type Workspace,
} from './support/harness.ts';
import { type Receiver, startReceiver } from './support/receiver.ts';

describe('replayFailures', () => {
  let workspace: Workspace;
  let clock: ManualClock;
  let receiver: Receiver | undefined;
  const outboxes: DurableSignalOutbox[] = [];

  beforeEach(async () => {
    workspace = await createWorkspace();
    clock = newClock();
  });
  afterEach(async () => {
    for (const outbox of outboxes.splice(0)) await outbox.stop();
    await receiver?.close();
    await workspace.remove();
  });

  it('re-sends each logged signal with its trace_id, in order, then renames the log so a second run replays nothing', async () => {
    let refusing = true;
    receiver = await startReceiver({ secret: SECRET, clock, answer: () => (refusing ? 400 : 202) });
    const worker = outboxIn(workspace, clock);
    outboxes.push(worker);
    await worker.start();
    const signals = Array.from({ length: 4 }, () => signal(receiver?.url() ?? '', 'order-1'));
    for (const sent of signals) await worker.enqueue(sent);
    await settled(worker, () => worker.status().failed === 4, 'refusals');
    expect(await readJsonLines(workspace.failureLogs.order)).toHaveLength(4);

    refusing = false;
    const replayOutbox = outboxIn({ ...workspace, directory: `${workspace.root}/replay-outbox` }, clock);
    outboxes.push(replayOutbox);
    const result = await replayFailures({ logPath: workspace.failureLogs.order, outbox: replayOutbox, clock });
    await replayOutbox.start();
    await replayOutbox.whenIdle();

    expect(result).toMatchObject({ replayed: 4, skipped: 0 });
    expect(basename(result.renamedTo ?? '')).toBe('order-signal-failures.log.replayed-20260105T100000.000Z');
    const replayed = receiver.verifiedBodies().slice(4);
    expect(replayed.map((body) => body['trace_id'])).toEqual(signals.map((sent) => sent.traceId));
    expect(replayed.map((body) => body['retry_count'])).toEqual([0, 0, 0, 0]);
    await expect(access(workspace.failureLogs.order)).rejects.toThrow();
    expect(await readdir(dirname(workspace.failureLogs.order))).toContain(basename(result.renamedTo ?? ''));

    const again = await replayFailures({ logPath: workspace.failureLogs.order, outbox: replayOutbox, clock });
    expect(again).toEqual({ replayed: 0, skipped: 0, renamedTo: undefined });
  });

  it('replays the PHP worker lines (no url or kind) to the legacy target, and skips lines it cannot use', async () => {
    receiver = await startReceiver({ secret: SECRET, clock });
    const phpPayload = {
      kind: 'ENTRY',
      client_order_id: 'CLI1',
      trace_id: '9f0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e',
      retry_count: 0,
    };
    const logPath = `${workspace.root}/php.log`;
    await writeFile(
      logPath,
      [
        JSON.stringify({
          timestamp: '2025-11-05T10:00:00+00:00',
          status_code: 500,
          response: 'max_retries_reached',
          payload: phpPayload,
        }),
        '{"timestamp":"2025-11-05T10:00:00+00:00","status_',
        JSON.stringify({ status_code: 0, response: 'x', payload: { no: 'trace id' } }),
        '',
      ].join('\n'),
    );
    const outbox = outboxIn(workspace, clock);
    outboxes.push(outbox);
    const result = await replayFailures({
      logPath,
      outbox,
      clock,
      legacyTarget: { kind: 'order', url: receiver.url() },
    });
    await outbox.start();
    await outbox.whenIdle();

    expect(result).toMatchObject({ replayed: 1, skipped: 2 });
    expect(receiver.verifiedBodies()).toEqual([phpPayload]);
  });
});

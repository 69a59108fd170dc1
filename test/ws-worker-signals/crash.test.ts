import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../src/platform/clock/index.ts';
import type { DurableSignalOutbox } from '../../src/ws-worker/signals/index.ts';
import { createWorkspace, newClock, outboxIn, SECRET, settled, type Workspace } from './support/harness.ts';
import { type Receiver, startReceiver } from './support/receiver.ts';

const CHILD = fileURLToPath(new URL('./fixtures/enqueueUntilKilled.ts', import.meta.url));
const KILL_AFTER = 40;

describe('signal outbox after a kill -9', () => {
  let workspace: Workspace;
  let clock: ManualClock;
  let receiver: Receiver | undefined;
  let outbox: DurableSignalOutbox | undefined;

  beforeEach(async () => {
    workspace = await createWorkspace();
    clock = newClock();
  });
  afterEach(async () => {
    await outbox?.stop();
    await receiver?.close();
    await workspace.remove();
  });

  it('delivers every signal whose enqueue had resolved when the process was SIGKILLed', async () => {
    receiver = await startReceiver({ secret: SECRET, clock });
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', CHILD, workspace.directory, receiver.url(), workspace.root],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const reported: string[] = [];
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) reported.push(line.replace('enqueued ', ''));
      // Killed mid-stream: the next enqueue is usually half-way through its write.
      if (reported.length >= KILL_AFTER && child.exitCode === null && !child.killed) child.kill('SIGKILL');
    });
    const [, signal] = (await once(child, 'close')) as [number | null, string | null];
    expect(signal).toBe('SIGKILL');
    expect(reported.length).toBeGreaterThanOrEqual(KILL_AFTER);

    outbox = outboxIn(workspace, clock);
    await outbox.start();
    const box = outbox;
    await settled(box, () => box.status().depth === 0, 'the backlog');

    const delivered = new Set(receiver.verifiedBodies().map((body) => body['trace_id']));
    expect(reported.filter((traceId) => !delivered.has(traceId))).toEqual([]);
    // At most the one signal being written at the kill arrives beyond what was reported.
    expect(delivered.size - reported.length).toBeLessThanOrEqual(1);
    expect(await readdir(workspace.directory)).toEqual([]);
  });
});

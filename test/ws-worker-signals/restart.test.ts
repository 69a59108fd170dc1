import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../src/platform/clock/index.ts';
import type { DurableSignalOutbox } from '../../src/ws-worker/signals/index.ts';
import { waitFor } from '../support/waitFor.ts';
import { createWorkspace, newClock, outboxIn, SECRET, settled, signal, type Workspace } from './support/harness.ts';
import { type Receiver, refusedPort, startReceiver } from './support/receiver.ts';

describe('signal outbox across restarts', () => {
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

  function open(): DurableSignalOutbox {
    const outbox = outboxIn(workspace, clock);
    outboxes.push(outbox);
    return outbox;
  }

  it('delivers, after a restart, what was enqueued but never sent, with the same trace_ids and order', async () => {
    const port = await refusedPort();
    const url = `http://127.0.0.1:${port}/api/ws-worker/orders`;
    const first = open();
    const signals = Array.from({ length: 12 }, (_, index) => signal(url, `order-${index % 2}`));
    for (const sent of signals) await first.enqueue(sent);
    await first.stop();

    receiver = await startReceiver({ secret: SECRET, clock, port });
    const second = open();
    await second.start();
    await settled(second, () => second.status().delivered === 12, 'the backlog');

    const bodies = receiver.verifiedBodies();
    expect(bodies.map((body) => body['trace_id']).sort()).toEqual(signals.map((sent) => sent.traceId).sort());
    for (const key of ['order-0', 'order-1']) {
      expect(bodies.filter((body) => body['key'] === key).map((body) => body['trace_id'])).toEqual(
        signals.filter((sent) => sent.orderingKey === key).map((sent) => sent.traceId),
      );
    }
    expect(await readdir(workspace.directory)).toEqual([]);
  });

  it('resumes the retry schedule where it stopped: attempt count and next attempt time are on disk', async () => {
    const port = await refusedPort();
    const first = open();
    await first.start();
    const sent = signal(`http://127.0.0.1:${port}/api/ws-worker/orders`, 'order-1');
    await first.enqueue(sent);
    await settled(first, () => first.status().waitingForRetry === 1, 'attempt 0');
    clock.advance(5_000);
    await settled(first, () => first.status().waitingForRetry === 1 && clock.pendingTimers === 1, 'attempt 1');
    await first.stop();

    receiver = await startReceiver({ secret: SECRET, clock, port });
    const second = open();
    await second.start();
    clock.advance(14_999);
    await settled(second, () => true, 'nothing due yet');
    expect(receiver.received).toHaveLength(0);
    clock.advance(1);
    await settled(second, () => second.status().delivered === 1, 'attempt 2');
    expect(receiver.verifiedBodies()).toEqual([{ ...sent.payload, retry_count: 2 }]);
  });

  it('ignores a torn signal file and a leftover temporary file without losing the other signals', async () => {
    const port = await refusedPort();
    const url = `http://127.0.0.1:${port}/api/ws-worker/orders`;
    const first = open();
    const signals = Array.from({ length: 5 }, () => signal(url, 'order-1'));
    for (const sent of signals) await first.enqueue(sent);
    await first.stop();
    const files = (await readdir(workspace.directory)).sort();
    const torn = join(workspace.directory, files[2] ?? '');
    await writeFile(torn, (await readFile(torn, 'utf8')).slice(0, 40));
    await writeFile(join(workspace.directory, `${files[4]}.7.tmp`), '{"version":1,"seq":');

    receiver = await startReceiver({ secret: SECRET, clock, port });
    const second = open();
    await second.start();
    await settled(second, () => second.status().delivered === 4, 'the readable signals');

    const delivered = receiver.verifiedBodies().map((body) => body['trace_id']);
    expect(delivered).toEqual(signals.filter((_, index) => index !== 2).map((sent) => sent.traceId));
    expect(await readdir(workspace.directory)).toEqual([`${files[2]}.corrupt`]);
  });

  it('sends a signal whose delivery was not yet recorded again after a restart, under the same trace_id', async () => {
    receiver = await startReceiver({ secret: SECRET, clock, answer: () => 'hang' });
    const first = open();
    await first.start();
    const sent = signal(receiver.url(), 'order-1');
    await first.enqueue(sent);
    await waitFor(() => receiver?.received.length === 1, 'the request the app received but never answered');
    await first.stop();
    await receiver.close();

    receiver = await startReceiver({ secret: SECRET, clock, port: receiver.port });
    const second = open();
    await second.start();
    await settled(second, () => second.status().delivered === 1, 'the second delivery');
    expect(receiver.verifiedBodies().map((body) => body['trace_id'])).toEqual([sent.traceId]);
  });
});

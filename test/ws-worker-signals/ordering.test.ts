import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../src/platform/clock/index.ts';
import type { DurableSignalOutbox, OutgoingSignal } from '../../src/ws-worker/signals/index.ts';
import { createWorkspace, newClock, outboxIn, SECRET, settled, signal, type Workspace } from './support/harness.ts';
import { type Receiver, refusedPort, startReceiver } from './support/receiver.ts';

/** The `n` of each body per ordering key, in arrival order. */
function sequencesByKey(bodies: readonly Record<string, unknown>[]): Map<string, number[]> {
  const byKey = new Map<string, number[]>();
  for (const body of bodies) {
    const key = String(body['key']);
    byKey.set(key, [...(byKey.get(key) ?? []), Number(body['n'])]);
  }
  return byKey;
}

function expectedByKey(signals: readonly OutgoingSignal[]): Map<string, number[]> {
  return sequencesByKey(signals.map((sent) => sent.payload));
}

describe('signal outbox ordering', () => {
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

  it('keeps enqueue order per key under concurrent enqueues and retries, each signal waiting for the previous', async () => {
    const failedOnce = new Set<unknown>();
    receiver = await startReceiver({
      secret: SECRET,
      clock,
      // Every third signal is refused with a 503 on its first attempt.
      answer: (request) => {
        const traceId = request.body['trace_id'];
        if (Number(request.body['n']) % 3 !== 0 || failedOnce.has(traceId)) return 202;
        failedOnce.add(traceId);
        return 503;
      },
    });
    outbox = outboxIn(workspace, clock, { backoffSeconds: [0, 1] });
    await outbox.start();
    const url = receiver.url();
    const signals = Array.from({ length: 60 }, (_, index) => signal(url, `order-${index % 3}`));
    await Promise.all(signals.map((sent) => outbox?.enqueue(sent)));
    const box = outbox;
    for (let round = 0; round < 100 && box.status().delivered < signals.length; round += 1) {
      await settled(box, () => box.status().waitingForRetry > 0 || box.status().depth === 0, 'a pause');
      clock.advance(1_000);
    }

    expect(box.status()).toMatchObject({ depth: 0, delivered: 60, failed: 0 });
    const attempted = sequencesByKey(receiver.verifiedBodies());
    for (const [key, expected] of expectedByKey(signals)) {
      // Strictly non-decreasing: a signal is never attempted before its predecessor is delivered.
      const sequence = attempted.get(key) ?? [];
      expect(sequence).toEqual([...sequence].sort((left, right) => left - right));
      expect([...new Set(sequence)]).toEqual(expected);
    }
  });

  it('delivers balance signals while a dead callback URL keeps its own key retrying', async () => {
    receiver = await startReceiver({ secret: SECRET, clock });
    outbox = outboxIn(workspace, clock);
    await outbox.start();
    const deadUrl = `http://127.0.0.1:${await refusedPort()}/callback`;
    await outbox.enqueue({ ...signal(deadUrl, 'callback-1'), kind: 'callback' });
    await outbox.enqueue({ ...signal(deadUrl, 'callback-1'), kind: 'callback' });
    const balances = Array.from({ length: 5 }, () => ({
      ...signal(receiver?.url('/api/ws-worker/balance') ?? '', 'balance'),
      kind: 'balance' as const,
    }));
    for (const sent of balances) await outbox.enqueue(sent);
    const box = outbox;
    await settled(box, () => box.status().delivered === 5, 'balance deliveries');
    expect(box.status()).toMatchObject({ depth: 2, waitingForRetry: 1, failed: 0 });
  });

  it('loses nothing while the app is down: every signal arrives once it is back, in order per key', async () => {
    const port = await refusedPort();
    outbox = outboxIn(workspace, clock);
    await outbox.start();
    const url = `http://127.0.0.1:${port}/api/ws-worker/orders`;
    const signals = Array.from({ length: 30 }, (_, index) => signal(url, `order-${index % 3}`));
    for (const sent of signals) await outbox.enqueue(sent);
    const box = outbox;
    await settled(box, () => box.status().waitingForRetry === 3, 'first refusals');
    clock.advance(5_000);
    await settled(box, () => box.status().waitingForRetry === 3 && clock.pendingTimers === 3, 'second refusals');

    receiver = await startReceiver({ secret: SECRET, clock, port });
    clock.advance(15_000);
    await settled(box, () => box.status().depth === 0, 'the backlog');

    expect(box.status()).toMatchObject({ delivered: 30, failed: 0 });
    expect(sequencesByKey(receiver.verifiedBodies())).toEqual(expectedByKey(signals));
    const heads = receiver.verifiedBodies().filter((body) => body['retry_count'] !== 0);
    expect(heads.map((body) => body['retry_count'])).toEqual([2, 2, 2]);
  });
});

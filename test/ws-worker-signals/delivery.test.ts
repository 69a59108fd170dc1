import { access } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../src/platform/clock/index.ts';
import type { DurableSignalOutbox } from '../../src/ws-worker/signals/index.ts';
import { waitFor } from '../support/waitFor.ts';
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
import { type Answer, type Receiver, startReceiver } from './support/receiver.ts';

describe('signal outbox delivery', () => {
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

  async function setUp(
    answer?: (index: number) => Answer,
  ): Promise<{ receiver: Receiver; outbox: DurableSignalOutbox }> {
    receiver = await startReceiver({
      secret: SECRET,
      clock,
      ...(answer ? { answer: (_request, index) => answer(index) } : {}),
    });
    outbox = outboxIn(workspace, clock);
    await outbox.start();
    return { receiver, outbox };
  }

  it('posts the exact signed JSON body, with retry_count 0, that the app verifies', async () => {
    const { receiver, outbox } = await setUp();
    const sent = signal(receiver.url(), 'order-1', { price: '99950.0' });
    await outbox.enqueue(sent);
    await settled(outbox, () => outbox.status().delivered === 1, 'delivery');

    const [request] = receiver.received;
    expect(request?.signature).toEqual({ ok: true });
    expect(request?.contentType).toBe('application/json');
    expect(request?.timestampHeader).toBe(String(clock.now()));
    expect(request?.body).toEqual({ ...sent.payload, retry_count: 0 });
    expect(outbox.status()).toMatchObject({ depth: 0, delivered: 1, failed: 0 });
  });

  it('counts a 409 (the app already has this trace_id) as delivered, without retrying', async () => {
    const { receiver, outbox } = await setUp(() => 409);
    await outbox.enqueue(signal(receiver.url(), 'order-1'));
    await settled(outbox, () => outbox.status().delivered === 1, 'delivery');
    expect(receiver.received).toHaveLength(1);
    await expect(access(workspace.failureLogs.order)).rejects.toThrow();
  });

  it('writes a 400 to the failure log at once, with the fields of the PHP line plus url, kind and trace_id', async () => {
    const { receiver, outbox } = await setUp((index) => (index === 0 ? 503 : 400));
    const sent = signal(receiver.url(), 'order-1');
    await outbox.enqueue(sent);
    await settled(outbox, () => receiver.received.length === 1, 'first attempt');
    clock.advance(5_000);
    await settled(outbox, () => outbox.status().failed === 1, 'refusal');

    expect(receiver.received).toHaveLength(2);
    const lines = await readJsonLines(workspace.failureLogs.order);
    expect(lines).toEqual([
      {
        timestamp: new Date(clock.now()).toISOString().replace('.000Z', '+00:00'),
        status_code: 400,
        response: JSON.stringify({ status: 'error', code: 400 }),
        payload: { ...sent.payload, retry_count: 1 },
        url: sent.url,
        kind: 'order',
        trace_id: sent.traceId,
        ordering_key: 'order-1',
      },
    ]);
    clock.advance(600_000);
    await settled(outbox, () => true, 'quiet');
    expect(receiver.received).toHaveLength(2);
    expect(outbox.status()).toMatchObject({ depth: 0, delivered: 0, failed: 1 });
  });

  it('retries a 500 on the 0, 5, 20, 65, 185, 305 s schedule and logs max_retries_reached after 6 attempts', async () => {
    const { receiver, outbox } = await setUp(() => 500);
    const start = clock.now();
    const sent = signal(receiver.url(), 'order-1');
    await outbox.enqueue(sent);
    for (const [attempt, delay] of [5, 15, 45, 120, 120].entries()) {
      await settled(outbox, () => receiver.received.length === attempt + 1, `attempt ${attempt}`);
      expect(outbox.status().waitingForRetry).toBe(1);
      clock.advance(delay * 1000 - 1);
      await settled(outbox, () => true, 'not yet');
      expect(receiver.received).toHaveLength(attempt + 1);
      clock.advance(1);
    }
    await settled(outbox, () => outbox.status().failed === 1, 'exhaustion');

    expect(receiver.received.map((request) => (request.at - start) / 1000)).toEqual([0, 5, 20, 65, 185, 305]);
    expect(receiver.received.map((request) => request.body['retry_count'])).toEqual([0, 1, 2, 3, 4, 5]);
    expect(new Set(receiver.received.map((request) => request.body['trace_id']))).toEqual(new Set([sent.traceId]));
    const [line] = await readJsonLines(workspace.failureLogs.order);
    expect(line).toMatchObject({
      status_code: 500,
      response: 'max_retries_reached',
      trace_id: sent.traceId,
      payload: { ...sent.payload, retry_count: 5 },
    });
    clock.advance(3_600_000);
    await settled(outbox, () => true, 'quiet');
    expect(receiver.received).toHaveLength(6);
  });

  it('retries 408 and 429 like a 5xx, and stops at the first success', async () => {
    const { receiver, outbox } = await setUp((index) => [408, 429, 204][index] ?? 500);
    await outbox.enqueue(signal(receiver.url(), 'order-1'));
    await settled(outbox, () => receiver.received.length === 1, 'attempt 0');
    clock.advance(5_000);
    await settled(outbox, () => receiver.received.length === 2, 'attempt 1');
    clock.advance(15_000);
    await settled(outbox, () => outbox.status().delivered === 1, 'delivery');
    expect(outbox.status()).toMatchObject({ depth: 0, failed: 0 });
  });

  it('treats an app that never answers as a timeout after requestTimeoutMs, then retries', async () => {
    const { receiver, outbox } = await setUp((index) => (index === 0 ? 'hang' : 202));
    await outbox.enqueue(signal(receiver.url(), 'order-1'));
    await waitFor(() => receiver.received.length === 1 && outbox.status().inFlight === 1, 'hung request');
    clock.advance(2_000);
    await settled(outbox, () => outbox.status().waitingForRetry === 1, 'timeout');
    clock.advance(5_000);
    await settled(outbox, () => outbox.status().delivered === 1, 'delivery');
    expect(receiver.received.map((request) => request.body['retry_count'])).toEqual([0, 1]);
  });

  it('writes each kind to its own failure log, creating the parent directories', async () => {
    const { receiver, outbox } = await setUp(() => 422);
    await outbox.enqueue({ ...signal(receiver.url('/callback'), 'cb'), kind: 'callback' });
    await outbox.enqueue({ ...signal(receiver.url('/api/ws-worker/balance'), 'balance'), kind: 'balance' });
    await settled(outbox, () => outbox.status().failed === 2, 'refusals');
    expect(await readJsonLines(workspace.failureLogs.callback)).toMatchObject([{ kind: 'callback', status_code: 422 }]);
    expect(await readJsonLines(workspace.failureLogs.balance)).toMatchObject([{ kind: 'balance', status_code: 422 }]);
  });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PlaceOrderRequestSchema } from '../../src/contracts/api/placeOrder.ts';
import { ManualClock } from '../../src/platform/clock/index.ts';
import { silentLogger } from '../../src/platform/logging/logger.ts';
import { createSignalOutbox } from '../../src/ws-worker/signals/index.ts';
import { CALLBACK_URL, type Harness, harness, longRequest, SYMBOL, settle } from './harness.ts';

const request = (id: string, extra: Record<string, unknown> = {}) =>
  PlaceOrderRequestSchema.parse(longRequest(id, extra));

describe('execution restart and request checks', () => {
  let h: Harness;
  afterEach(async () => h.teardown());

  it('resumes a pending entry and a monitored position after a restart, and still fires', async () => {
    h = await harness();
    await h.execution.placeOrder(request('held1'));
    h.setPrice(94_400);
    await settle();
    h.setPrice(94_300);
    await settle();
    await h.execution.placeOrder(
      request('wait1', { entry_zone_min: '90000', entry_zone_max: '90500', stop_loss: '89000', take_profit: '99000' }),
    );
    expect(h.execution.status()).toMatchObject({ pending_orders: 1, monitored_positions: 1 });

    await h.restart();
    expect(h.execution.status()).toMatchObject({ pending_orders: 1, monitored_positions: 1 });
    h.setPrice(93_040); // held1's stop, by the worker (the exchange-side one is at 93000)
    await settle();
    expect(h.outbox.last('closed')).toMatchObject({ position_id: 'held1', reason: 'stop_loss' });
    expect(h.exchange.submitted.filter((sent) => sent.side === 'close_long')).toHaveLength(1);
    h.setPrice(90_400);
    await settle();
    expect(h.exchange.submitted.at(-1)).toMatchObject({ clientOrderId: 'wait1', side: 'open_long' });
    expect((await h.venue.exchange.openOrders(SYMBOL)).map((order) => order.clientOrderId)).toEqual(['wait1']);
  });

  it('refuses what the contract does not allow with 400 and a replayed id with 409', async () => {
    h = await harness();
    const outcome = (extra: Record<string, unknown>, id = 'bad1') => h.execution.placeOrder(request(id, extra));
    expect(await outcome({ quantity: '1.5' })).toMatchObject({
      accepted: false,
      status: 400,
      error: expect.stringMatching(/whole number/),
    });
    expect(await outcome({ quantity: '0' })).toMatchObject({ status: 400 });
    expect(await outcome({ quantity: '900000' })).toMatchObject({
      status: 400,
      error: expect.stringMatching(/maximum/),
    });
    expect(await outcome({ symbol: 'NOPEUSDT' })).toMatchObject({ status: 400, error: 'unknown symbol NOPEUSDT' });
    expect(await outcome({ leverage: 500 })).toMatchObject({ status: 400, error: expect.stringMatching(/leverage/) });
    expect(await outcome({ entry_zone_min: '94000.01', entry_zone_max: '94000.09' })).toMatchObject({
      status: 400,
      error: expect.stringMatching(/tick/),
    });
    expect(h.execution.status().pending_orders).toBe(0);

    expect(await h.execution.placeOrder(request('dup1'))).toEqual({ accepted: true, id: 'dup1' });
    expect(await h.execution.placeOrder(request('dup1'))).toMatchObject({ accepted: false, status: 409 });
    const [first, second] = await Promise.all([
      h.execution.placeOrder(request('race1')),
      h.execution.placeOrder(request('race1')),
    ]);
    expect([first?.accepted, second?.accepted].sort()).toEqual([false, true]);
    await h.restart();
    expect(await h.execution.placeOrder(request('dup1'))).toMatchObject({ status: 409 });
  });

  it('queues callbacks the real outbox accepts', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'execution-outbox-'));
    const outbox = createSignalOutbox({
      directory,
      clock: new ManualClock(),
      logger: silentLogger(),
      sharedSecret: 'test-secret',
      requestTimeoutMs: 1_000,
      maxRetries: 0,
      failureLogs: {
        order: join(directory, 'o.log'),
        balance: join(directory, 'b.log'),
        callback: join(directory, 'c.log'),
      },
    });
    h = await harness();
    for (const signal of h.outbox.signals) await outbox.enqueue(signal);
    await h.execution.placeOrder(request('real1', { timeout_seconds: 5 }));
    h.clock.advance(5_000);
    await settle();
    const [timeout] = h.outbox.signals;
    expect(timeout?.url).toBe(CALLBACK_URL);
    if (!timeout) throw new Error('no timeout callback');
    await outbox.enqueue(timeout);
    expect(outbox.status().depth).toBe(1);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { PlaceOrderRequestSchema } from '../../src/contracts/api/placeOrder.ts';
import { type Harness, harness, longRequest, openLong, recordingLogger, settle } from './harness.ts';

const request = (id: string, extra: Record<string, unknown> = {}) =>
  PlaceOrderRequestSchema.parse(longRequest(id, extra));
/** A long zone above the market (95,000): entered when the price rises into it. */
const ABOVE = { entry_zone_min: '95500', entry_zone_max: '96000', stop_loss: '95000', take_profit: '99000' };

/**
 * `held1` is a monitored position (SL 93000); `lost1`'s entry order was handed to the exchange
 * port and never reached the venue (the request hangs), then the worker restarts.
 */
async function positionAndLostEntry(h: Harness): Promise<void> {
  await openLong(h, 'held1');
  await h.execution.placeOrder(request('lost1', ABOVE));
  h.exchange.hold = () => undefined; // never released: the venue never sees it
  h.setPrice(95_800);
  await settle();
  expect(h.exchange.submitted.at(-1)).toMatchObject({ clientOrderId: 'lost1' });
  expect(h.execution.status().orders['lost1']).toMatchObject({ state: 'submitting' });
}

/**
 * True when `start` finishes without the clock moving: before the fix it awaited the 30 s lookup,
 * which on the manual clock never ends (the wall-clock deadline only bounds a failing run).
 */
async function startsAtOnce(start: Promise<unknown>): Promise<boolean> {
  let deadline: NodeJS.Timeout | undefined;
  const blocked = new Promise<boolean>((resolve) => {
    deadline = setTimeout(() => resolve(false), 3_000);
  });
  try {
    return await Promise.race([start.then(() => true), blocked]);
  } finally {
    clearTimeout(deadline);
  }
}

describe('start-up with an entry order the venue does not know', () => {
  let h: Harness;
  afterEach(async () => h.teardown());

  it('comes up at once, protects meanwhile, and resolves the order in the background', async () => {
    const log = recordingLogger();
    h = await harness({ logger: log.logger });
    await positionAndLostEntry(h);

    expect(await startsAtOnce(h.restart())).toBe(true);
    const far = { entry_zone_min: '80000', entry_zone_max: '80500', stop_loss: '79000', take_profit: '99000' };
    expect(await h.execution.placeOrder(request('new1', far))).toEqual({ accepted: true, id: 'new1' });
    h.setPrice(93_040); // held1's stop, while lost1's lookup is still running
    await settle();
    expect(h.outbox.last('closed')).toMatchObject({ position_id: 'held1', reason: 'stop_loss' });
    expect(h.execution.status().orders['lost1']).toMatchObject({ state: 'submitting' });

    h.clock.advance(30_000); // the venue's visibility window passes without the order
    await settle();
    expect(h.execution.status().orders['lost1']).toMatchObject({ state: 'waiting', attempts: 1 });
    const said = log.lines.find((line) => String(line['msg']).includes('lost1 is unknown to the venue'));
    expect(said).toMatchObject({ level: 40, id: 'lost1', clientOrderId: 'lost1' });
    h.setPrice(95_800);
    expect(h.exchange.submitted.map((sent) => sent.clientOrderId)).toContain('lost1r2');
  });

  it('rules out at once an order sent longer ago than the visibility window', async () => {
    const log = recordingLogger();
    h = await harness({ logger: log.logger });
    await positionAndLostEntry(h);
    await h.execution.stop();
    h.clock.advance(31_000); // the worker was down for longer than the window

    expect(await startsAtOnce(h.restart())).toBe(true);
    await settle();
    expect(log.lines.some((line) => String(line['msg']).includes('31000 ms after it was sent'))).toBe(true);
    // Waiting again, and the price read at start-up is in its zone: the next attempt goes out at once.
    expect(h.exchange.submitted.at(-1)).toMatchObject({ clientOrderId: 'lost1r2' });
    expect(h.execution.status().orders['lost1']).toMatchObject({ state: 'live', attempts: 2 });
  });
});

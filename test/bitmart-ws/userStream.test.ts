import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BitmartUserStream } from '../../src/exchange/bitmart/streams/BitmartUserStream.ts';
import { createBitmartStreams } from '../../src/exchange/bitmart/streams/createBitmartStreams.ts';
import type { UserEvent } from '../../src/exchange/port/streams.ts';
import { SystemClock } from '../../src/platform/clock/index.ts';
import { Dec } from '../../src/platform/decimal/index.ts';
import type { Simulator } from '../../src/simulator/main.ts';
import { startTestSimulator } from '../support/testSimulator.ts';
import { waitFor } from '../support/waitFor.ts';
import { configFor, simulatorKlineSource } from './support.ts';

let simulator: Simulator;
let user: BitmartUserStream;
const events: UserEvent[] = [];

beforeAll(async () => {
  const started = await startTestSimulator();
  simulator = started.simulator;
  const streams = createBitmartStreams({
    config: configFor(started),
    clock: new SystemClock(),
    klineSource: simulatorKlineSource(simulator.market),
  });
  user = streams.user!;
  user.onEvent((event) => events.push(event));
  user.subscribe(['orders', 'positions', 'balance']);
  await user.start();
});
afterAll(async () => {
  await user.stop();
  await simulator.stop();
});

describe('BitmartUserStream against the simulator', () => {
  it('logs in before subscribing: every private topic is accepted', () => {
    // Sent before the login reply, the simulator would have refused them ("need authenication").
    expect(user.health().map(({ topic, subscribed }) => ({ topic, subscribed }))).toEqual([
      { topic: 'futures/order', subscribed: true },
      { topic: 'futures/position', subscribed: true },
      { topic: 'futures/asset:USDT', subscribed: true },
    ]);
    expect(simulator.wsStats().subscriptions).toBe(3);
  });

  it('reports the order, its fill, the position and the balance after a market buy fills', async () => {
    events.length = 0;
    const placed = simulator.engine.submitOrder(simulator.account.accountId, {
      symbol: 'SOLUSDT',
      side: 1,
      type: 'market',
      mode: 1,
      size: 4,
      leverage: new Dec(5),
      openType: 'cross',
      clientOrderId: 'wsTest1',
    });
    if (!placed.ok) throw new Error(`order refused: ${placed.error.message}`);
    const orderId = placed.value.orderId;

    await waitFor(
      () => events.some((event) => event.type === 'order' && event.order.orderId === orderId && event.fill),
      'the fill',
    );
    await waitFor(() => events.some((event) => event.type === 'positions'), 'the position');
    await waitFor(() => events.some((event) => event.type === 'balance'), 'the balance');

    const filled = events.find((event) => event.type === 'order' && event.fill !== undefined);
    if (filled?.type !== 'order' || !filled.fill) throw new Error('no fill');
    expect(filled.order).toMatchObject({
      clientOrderId: 'wsTest1',
      symbol: 'SOLUSDT',
      side: 'open_long',
      type: 'market',
    });
    expect(filled.order.status).toBe('filled');
    expect(filled.order.filledSize.toString()).toBe('4');
    expect(filled.order.leverage?.toString()).toBe('5');
    expect(filled.fill).toMatchObject({ orderId, symbol: 'SOLUSDT', side: 'open_long' });
    expect(filled.fill.size.toString()).toBe('4');
    expect(filled.fill.fee.isPositive()).toBe(true);

    const positions = events.findLast((event) => event.type === 'positions');
    if (positions?.type !== 'positions') throw new Error('no positions');
    expect(positions.positions).toHaveLength(1);
    expect(positions.positions[0]).toMatchObject({ symbol: 'SOLUSDT', side: 'long', marginMode: 'cross' });
    expect(positions.positions[0]!.size.toString()).toBe('4');
    expect(positions.positions[0]!.leverage?.toString()).toBe('5');
    expect(positions.positions[0]!.entryPrice.toString()).toBe(filled.fill.price.toString());

    const balance = events.findLast((event) => event.type === 'balance');
    if (balance?.type !== 'balance') throw new Error('no balance');
    expect(balance.balance.currency).toBe('USDT');
    expect(balance.balance.positionMargin.isPositive()).toBe(true);
    expect(balance.balance.available.lt(10_000)).toBe(true);
  });
});

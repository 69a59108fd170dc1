import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dec } from '../../src/platform/decimal/index.ts';
import { createSimulatedVenue } from '../../src/simulator/adapter/index.ts';
import type { PositionView } from '../../src/trading-app/dashboard/positionView.ts';
import { type InProcessPlatform, startInProcessPlatform } from '../support/inProcessPlatform.ts';
import { SseClient } from './sseClient.ts';

// The event stream on one manual clock: the real app and worker over loopback, the simulator in
// process. Time moves only when the test says, so what arrives without it moving was pushed by an
// event, not found by a poll.
let platform: InProcessPlatform;
let stream: SseClient;
const SYMBOL = 'BTCUSDT';

beforeAll(async () => {
  platform = await startInProcessPlatform({
    start: Date.UTC(2025, 0, 6, 12, 0, 0),
    seed: 11,
    env: { MTF_WORKERS_CRON: 'off', CONTRACT_SYNC_CRON: 'off', CLEANUP_CRON: 'off' },
  });
  platform.market.pause();
  const tool = createSimulatedVenue({ ...platform, clock: platform.clock }).exchange;
  await tool.submitOrder({
    symbol: SYMBOL,
    clientOrderId: 'manualclock1',
    side: 'open_short',
    type: 'market',
    size: new Dec(5),
  });
  stream = await SseClient.open(`${platform.app.url}/api/events`);
}, 60_000);

afterAll(async () => {
  stream.close();
  await platform.stop();
});

const row = (data: unknown) => (data as PositionView[]).find((position) => position.symbol === SYMBOL);

describe('GET /api/events on a manual clock', () => {
  it('pushes a price move on the exchange while the clock stands still', async () => {
    await stream.next('hello');
    const first = await stream.next('positions', (data) => row(data)?.size === '5');
    const entry = new Dec((row(first.data) as PositionView).entry_price);
    const frozenAt = platform.clock.now();
    for (const ratio of ['0.99', '0.98', '1.01']) {
      const price = entry.mul(ratio).toDecimalPlaces(1, Dec.ROUND_DOWN);
      const from = stream.events.length;
      platform.market.setPrice(SYMBOL, price);
      const seen = await stream.next('positions', (data) => row(data)?.mark_price === price.toFixed(), { from });
      // A short gains as the price falls.
      const pnl = entry.sub(price).mul(5).mul('0.001');
      expect(row(seen.data)?.unrealized_pnl).toBe(pnl.toFixed(4));
    }
    expect(platform.clock.now()).toBe(frozenAt);
  });

  it('pushes the open positions once for each second the clock moves, and not while it stands still', async () => {
    await platform.settle();
    const from = stream.events.length;
    await platform.run(5_000);
    await platform.settle();
    const pushes = stream.events.slice(from).filter((event) => event.event === 'positions').length;
    expect(pushes).toBeGreaterThanOrEqual(5);
    expect(pushes).toBeLessThanOrEqual(7);
    const still = stream.events.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(stream.events.slice(still).filter((event) => event.event === 'positions')).toEqual([]);
  });
});

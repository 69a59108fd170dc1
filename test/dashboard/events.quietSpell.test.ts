import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/platform/clock/index.ts';
import { Dec } from '../../src/platform/decimal/index.ts';
import { silentLogger } from '../../src/platform/logging/logger.ts';
import { createSimulatedVenue } from '../../src/simulator/adapter/index.ts';
import { createEngine } from '../../src/simulator/engine/index.ts';
import { createMarket } from '../../src/simulator/market/index.ts';
import { Dashboard } from '../../src/trading-app/dashboard/Dashboard.ts';
import { type DashboardEventName, DashboardEvents } from '../../src/trading-app/dashboard/DashboardEvents.ts';
import type { DashboardHealthReport } from '../../src/trading-app/dashboard/DashboardHealth.ts';
import type { PositionView } from '../../src/trading-app/dashboard/positionView.ts';
import { waitFor } from '../support/waitFor.ts';

// A watcher who comes back after nobody watched: what it is first sent is the exchange as it is
// now. The venue is the simulator in process, on a manual clock that never moves: only reads happen.
const clock = new ManualClock(Date.UTC(2025, 0, 6, 12, 0, 0));
const market = createMarket({ seed: 5, clock });
const engine = createEngine({ market, clock });
const { accountId } = engine.createAccount({
  apiKey: 'quiet-key',
  apiSecret: 'quiet-secret',
  apiMemo: 'quiet-memo',
  balanceUsdt: new Dec('10000'),
});
const venue = createSimulatedVenue({ engine, market, clock, accountId }).exchange;
const logger = silentLogger();
const dashboard = new Dashboard({
  exchange: venue,
  market: undefined,
  trades: undefined,
  mtf: undefined,
  store: { alerts: async () => [] },
  schedules: undefined,
  provider: { exchange: venue },
  workerStatus: undefined,
  clock,
  logger,
});
const events = new DashboardEvents({
  dashboard,
  trades: undefined,
  formatTrade: (row) => row,
  mtf: undefined,
  clock,
  logger,
});

function watcher() {
  const received: { event: DashboardEventName; data: unknown }[] = [];
  const disconnect = events.connect({ send: (event, data) => received.push({ event, data }) });
  const of = <T>(event: DashboardEventName) =>
    received.filter((row) => row.event === event).map((row) => row.data as T);
  return {
    disconnect,
    positions: () => of<PositionView[]>('positions'),
    health: () => of<DashboardHealthReport>('health'),
  };
}

beforeAll(() => {
  market.pause();
});
afterAll(() => {
  events.stop();
  dashboard.stop();
});

describe('a watcher after a quiet spell', () => {
  it('is sent the positions and health as the exchange holds them now, never those of the last visit', async () => {
    const first = watcher();
    await waitFor(async () => first.positions().length > 0, 'the first watcher to hear the positions');
    expect(first.positions()[0]).toEqual([]);
    first.disconnect();
    // Longer than the positions' refresh period (2 s): nobody kept the last read current meanwhile.
    clock.advance(60_000);

    await venue.submitOrder({
      symbol: 'BTCUSDT',
      clientOrderId: 'quiet1',
      side: 'open_long',
      type: 'market',
      size: new Dec(2),
    });
    const second = watcher();
    await waitFor(
      async () => second.positions().length > 0 && second.health().length > 0,
      'the second watcher to hear both',
    );
    for (const positions of second.positions())
      expect(positions.map((row) => [row.symbol, row.size])).toEqual([['BTCUSDT', '2']]);
    for (const health of second.health()) expect(health.unprotected_positions).toBe(1);
    second.disconnect();

    // Back within the period (a reload): the last read is as fresh as a watcher gets, and is sent at once.
    const third = watcher();
    expect(third.positions().map((positions) => positions.map((row) => row.symbol))).toEqual([['BTCUSDT']]);
    third.disconnect();
  });
});

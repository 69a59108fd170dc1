import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dec } from '../../src/platform/decimal/index.ts';
import type { DashboardHealthReport } from '../../src/trading-app/dashboard/DashboardHealth.ts';
import type { OrderView } from '../../src/trading-app/dashboard/orderView.ts';
import type { PositionView } from '../../src/trading-app/dashboard/positionView.ts';
import { waitFor } from '../support/waitFor.ts';
import { DashboardPlatform } from './dashboardPlatform.ts';

// The dashboard's reads against the platform as `up` runs it: the simulator is the exchange, a
// second client on the account opens and protects positions as a person would.
let kit: DashboardPlatform;

beforeAll(async () => {
  kit = await DashboardPlatform.start();
}, 120_000);

afterAll(async () => {
  await kit.stop();
});

async function positions(): Promise<PositionView[]> {
  const answer = await kit.get('/api/dashboard/positions');
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body.data as PositionView[];
}

async function position(symbol: string): Promise<PositionView | undefined> {
  return (await positions()).find((row) => row.symbol === symbol);
}

async function health(): Promise<DashboardHealthReport> {
  const answer = await kit.get('/api/dashboard/health');
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body.data as DashboardHealthReport;
}

describe('GET /api/dashboard/positions', () => {
  it('shows a position opened on the exchange with its stop, its PnL at the mark, and an alert once the stop is gone', async () => {
    const symbol = 'ETHUSDT';
    const price = await kit.lastPrice(symbol);
    await kit.open(symbol, 'long', 4, 'dashpos1');
    const stopPrice = kit.onTick(symbol, price.mul('0.9'));
    const stop = await kit.venue.submitPositionTpSl({
      symbol,
      kind: 'stop_loss',
      positionSide: 'long',
      triggerPrice: new Dec(stopPrice),
      priceSource: 'last',
    });
    await waitFor(async () => (await position(symbol))?.protection.stop !== null, 'the stop in the view');
    const opened = (await position(symbol)) as PositionView;
    expect(opened).toMatchObject({
      side: 'long',
      size: '4',
      leverage: '10',
      margin_mode: 'isolated',
      protection: { stop: { order_id: stop.orderId, price: stopPrice, size: '4' }, targets: [] },
      unprotected: false,
      trade_id: null,
    });
    expect(opened.liquidation_price).toMatch(/^\d+(\.\d+)?$/);

    // The mark moves with the exchange; the PnL is exact: (mark − entry) × size × contract size.
    const moved = kit.onTick(symbol, price.mul('1.02'));
    await kit.admin.price(symbol, moved);
    await waitFor(async () => (await position(symbol))?.mark_price === moved, 'the new mark');
    const marked = (await position(symbol)) as PositionView;
    const expected = new Dec(moved).sub(marked.entry_price).mul(4).mul(kit.contractSize(symbol));
    expect(marked.unrealized_pnl).toBe(expected.toFixed(4));
    const margin = new Dec(marked.entry_price).mul(4).mul(kit.contractSize(symbol)).div(10);
    expect(marked.unrealized_pnl_pct).toBe(expected.div(margin).mul(100).toFixed(2));
    const liquidation = new Dec(marked.liquidation_price as string);
    expect(marked.liquidation_distance_pct).toBe(new Dec(moved).sub(liquidation).div(moved).mul(100).toFixed(2));

    await kit.venue.cancelPlanOrder({ symbol, orderId: stop.orderId });
    await waitFor(async () => (await position(symbol))?.unprotected === true, 'the unprotected alert');
    expect((await position(symbol))?.protection.stop).toBeNull();
    const report = await health();
    expect(report.unprotected_positions).toBeGreaterThanOrEqual(1);
    expect(report.reconciliation.drift).toContainEqual(
      expect.objectContaining({ symbol, side: 'long', kind: 'not_ours', exchange_size: '4' }),
    );
  });

  it('counts a stop smaller than the position as leaving it unprotected, and lists targets nearest first', async () => {
    const symbol = 'SOLUSDT';
    const price = await kit.lastPrice(symbol);
    await kit.open(symbol, 'short', 10, 'dashpos2');
    const plan = (trigger: string, size: number, kind: 'stop_loss' | 'take_profit') =>
      kit.venue.submitPlanOrder({
        symbol,
        side: 'close_short',
        size: new Dec(size),
        triggerPrice: new Dec(trigger),
        priceSource: 'last',
        triggerDirection: kind === 'stop_loss' ? 'rise' : 'fall',
        leverage: new Dec(10),
        marginMode: 'isolated',
      });
    await plan(kit.onTick(symbol, price.mul('1.05')), 6, 'stop_loss');
    const far = kit.onTick(symbol, price.mul('0.8'));
    const near = kit.onTick(symbol, price.mul('0.9'));
    await plan(far, 5, 'take_profit');
    await plan(near, 5, 'take_profit');
    await waitFor(async () => (await position(symbol))?.protection.targets.length === 2, 'both targets');
    const row = (await position(symbol)) as PositionView;
    expect(row.protection.stop).toMatchObject({ size: '6' });
    expect(row.unprotected).toBe(true);
    expect(row.protection.targets.map((target) => target.price)).toEqual([near, far]);
    expect(row.unrealized_pnl).not.toBeNull();
  });

  it('refuses a query parameter it does not know', async () => {
    const answer = await kit.get('/api/dashboard/positions?symbol=BTCUSDT');
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 'invalid_parameter' });
  });
});

describe('GET /api/dashboard/orders', () => {
  it("lists the exchange's open orders and waiting triggers with the ids a cancel takes", async () => {
    const symbol = 'LINKUSDT';
    const price = await kit.lastPrice(symbol);
    const resting = await kit.venue.submitOrder({
      symbol,
      clientOrderId: 'dashord1',
      side: 'open_long',
      type: 'limit',
      price: new Dec(kit.onTick(symbol, price.mul('0.7'))),
      size: new Dec(1),
      leverage: new Dec(5),
      marginMode: 'isolated',
    });
    await waitFor(async () => {
      const answer = await kit.get('/api/dashboard/orders');
      return (answer.body.data as OrderView[]).some((order) => order.order_id === resting.orderId);
    }, 'the resting order in the list');
    const listed = ((await kit.get('/api/dashboard/orders')).body.data as OrderView[]).find(
      (order) => order.order_id === resting.orderId,
    );
    expect(listed).toMatchObject({ symbol, kind: 'order', side: 'open_long', type: 'limit', size: '1' });
    await kit.venue.cancelOrder({ symbol, orderId: resting.orderId });
  });
});

describe('GET /api/dashboard/health', () => {
  it('aggregates the exchange, the worker, the schedules and the switches', async () => {
    const report = await health();
    expect(report.exchange.reachable).toBe(true);
    expect(report.exchange.clock_offset_ms).not.toBeNull();
    expect(report.worker).toMatchObject({ reachable: true });
    expect(report.worker.outbox_depth).toBeGreaterThanOrEqual(0);
    expect(report.websocket.state).toBe('connected');
    expect(report.websocket.channels.some((channel) => channel.source === 'worker')).toBe(true);
    expect(report.schedules.map((schedule) => schedule.name)).toContain('mtf-run');
    expect(report.runner).toMatchObject({ enabled: false, missed_minutes: null });
    expect(report.rate_limits.lowest_headroom).toBeGreaterThan(0);
    expect(report).toMatchObject({ entries_paused: false, kill_switch: false, balance_alerts: 0 });
  });
});

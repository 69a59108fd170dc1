import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dec } from '../../src/platform/decimal/index.ts';
import type { AuditRecordView } from '../../src/trading-app/controls/ControlAuditRepository.ts';
import type { DashboardHealthReport } from '../../src/trading-app/dashboard/DashboardHealth.ts';
import type { PositionView } from '../../src/trading-app/dashboard/positionView.ts';
import type { RunEvent } from '../../src/trading-app/dashboard/runEvent.ts';
import { waitFor } from '../support/waitFor.ts';
import { DashboardPlatform } from './dashboardPlatform.ts';
import { SseClient } from './sseClient.ts';

// The event stream against the platform as `up` runs it: the simulator's /sim/price moves the
// exchange, the app's market stream carries the tickers, the stream carries the rows.
let kit: DashboardPlatform;
let stream: SseClient;

beforeAll(async () => {
  kit = await DashboardPlatform.start();
  stream = await SseClient.open(`${kit.app.url}/api/events`);
}, 120_000);

afterAll(async () => {
  stream.close();
  await kit.stop();
});

const rowsOf = (data: unknown) => data as PositionView[];
const hasRow =
  (symbol: string, check: (row: PositionView) => boolean = () => true) =>
  (data: unknown) =>
    rowsOf(data).some((row) => row.symbol === symbol && check(row));

describe('GET /api/events', () => {
  it('greets, then pushes a position opened on the exchange, and each price move', async () => {
    await stream.next('hello');
    await stream.next('health');
    const symbol = 'ETHUSDT';
    await kit.open(symbol, 'long', 3, 'events1');
    await stream.next(
      'positions',
      hasRow(symbol, (row) => row.size === '3'),
      { timeoutMs: 5_000 },
    );

    const start = await kit.lastPrice(symbol);
    for (let step = 1; step <= 10; step++) {
      const price = kit.onTick(symbol, start.mul(new Dec(1).add(new Dec(step).div(1000))));
      const from = stream.events.length;
      await kit.admin.price(symbol, price);
      const seen = await stream.next(
        'positions',
        hasRow(symbol, (row) => row.mark_price === price),
        { from },
      );
      const row = rowsOf(seen.data).find((candidate) => candidate.symbol === symbol) as PositionView;
      const pnl = new Dec(price).sub(row.entry_price).mul(3).mul(kit.contractSize(symbol));
      expect(row.unrealized_pnl).toBe(pnl.toFixed(4));
    }
  });

  // How often (each second) is events.manualClock.test.ts's: here, that the pushes go on unasked.
  it('keeps pushing the positions while one is open, prices unchanged', async () => {
    const from = stream.events.length;
    const first = await stream.next(
      'positions',
      hasRow('ETHUSDT', () => true),
      { from },
    );
    await stream.next(
      'positions',
      hasRow('ETHUSDT', () => true),
      { from: stream.events.indexOf(first) + 1 },
    );
  });

  it("pushes a stop taken off the exchange as the row's alert", async () => {
    const symbol = 'ETHUSDT';
    const stop = await kit.venue.submitPositionTpSl({
      symbol,
      kind: 'stop_loss',
      positionSide: 'long',
      triggerPrice: new Dec(kit.onTick(symbol, (await kit.lastPrice(symbol)).mul('0.9'))),
      priceSource: 'last',
    });
    await stream.next(
      'positions',
      hasRow(symbol, (row) => !row.unprotected),
      { from: stream.events.length },
    );
    const from = stream.events.length;
    await kit.venue.cancelPlanOrder({ symbol, orderId: stop.orderId });
    await stream.next(
      'positions',
      hasRow(symbol, (row) => row.unprotected),
      { from, timeoutMs: 5_000 },
    );
  });

  it('pushes the record of a control, the health it changed, and the trade row a refused entry wrote', async () => {
    const from = stream.events.length;
    const paused = await kit.post('/api/controls/entries/pause', { confirm: true, actor: 'dave' });
    expect(paused.status).toBe(200);
    const audit = await stream.next('audit', (data) => (data as AuditRecordView).id === paused.body['audit_id'], {
      from,
    });
    expect(audit.data).toMatchObject({ actor: 'dave', action: 'entries.pause', outcome: 'ok' });
    await stream.next('health', (data) => (data as DashboardHealthReport).entries_paused, { from });

    let key: string | undefined;
    await waitFor(
      async () => {
        const answer = await kit.post('/api/trade-entry/execute', { symbol: 'SOLUSDT', side: 'long', mode: 'regular' });
        const reason = (answer.body['raw'] as { reason?: string } | undefined)?.reason;
        if (answer.status === 422 && reason !== 'no_market_data') key = String(answer.body['client_order_id']);
        return key !== undefined;
      },
      'an entry the app records (its candles caught up)',
      90_000,
    );
    const trade = await stream.next('trade', (data) => (data as { decision_key: string }).decision_key === key, {
      from,
      timeoutMs: 5_000,
    });
    expect(trade.data).toMatchObject({ symbol: 'SOLUSDT', side: 'long' });
    expect(['refused', 'skipped']).toContain((trade.data as { status: string }).status);
    await kit.post('/api/controls/entries/resume', { confirm: true, actor: 'dave' });
  }, 120_000);

  it('pushes each MTF run once it ends, with its counts and top rejections', async () => {
    const from = stream.events.length;
    const answer = await kit.post('/api/mtf/run', { dry_run: true, symbols: ['BTCUSDT', 'XRPUSDT'] });
    expect(answer.status).toBe(200);
    const runId = (answer.body.data as { summary: { run_id: string } }).summary.run_id;
    const run = (await stream.next('run', (data) => (data as RunEvent).run_id === runId, { from })).data as RunEvent;
    const counts = Object.values(run.counts).reduce((sum, count) => sum + count, 0);
    expect(counts).toBe(2);
    expect(run.duration_ms).toBeGreaterThanOrEqual(0);
    expect(run.top_rejections.reduce((sum, row) => sum + row.count, 0)).toBe(2 - run.counts.READY);
  }, 60_000);

  it('refuses an unknown parameter, and a cross-site reader', async () => {
    expect((await fetch(`${kit.app.url}/api/events?since=1`)).status).toBe(400);
    const foreign = await fetch(`${kit.app.url}/api/events`, { headers: { 'sec-fetch-site': 'cross-site' } });
    expect(foreign.status).toBe(403);
  });

  it('ends the stream when the app stops, and a new one greets again after the restart', async () => {
    await kit.restartApp();
    await waitFor(async () => stream.ended, 'the old stream to end');
    stream = await SseClient.open(`${kit.app.url}/api/events`);
    await stream.next('hello');
    await stream.next('positions', hasRow('ETHUSDT'), { timeoutMs: 5_000 });
  }, 60_000);
});

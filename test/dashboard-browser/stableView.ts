import type { Page } from 'playwright-core';
import type { DashboardHealthReport } from '../../src/trading-app/dashboard/DashboardHealth.ts';
import type { PositionView } from '../../src/trading-app/dashboard/positionView.ts';
import type { SwitchView } from '../../src/trading-app/mtf-runner/index.ts';

/**
 * A fixed data set for the page's look: the real app serves the page, its script and style, and
 * these answers stand in for the live reads (prices, latencies and ages move from run to run, so no
 * screenshot of them could match a baseline). One protected long with a stop and two targets, one
 * short without a stop (the red alert), one symbol switched off.
 */
const POSITIONS: PositionView[] = [
  {
    symbol: 'BTCUSDT',
    side: 'long',
    size: '2',
    entry_price: '95000.0',
    mark_price: '95640.5',
    unrealized_pnl: '1.2810',
    unrealized_pnl_pct: '6.74',
    leverage: '10',
    margin_mode: 'isolated',
    liquidation_price: '86012.3',
    liquidation_distance_pct: '10.07',
    protection: {
      stop: { order_id: '5001', price: '93100.0', size: '2' },
      targets: [
        { order_id: '5002', price: '97850.0', size: '1' },
        { order_id: '5003', price: '99200.0', size: '1' },
      ],
    },
    unprotected: false,
    trade_id: 'mtf:BTCUSDT:0a1b2c3d4e5f',
  },
  {
    symbol: 'ETHUSDT',
    side: 'short',
    size: '5',
    entry_price: '3510.25',
    mark_price: '3498.10',
    unrealized_pnl: '0.6075',
    unrealized_pnl_pct: '1.73',
    leverage: '5',
    margin_mode: 'isolated',
    liquidation_price: '4195.60',
    liquidation_distance_pct: '19.94',
    protection: { stop: null, targets: [] },
    unprotected: true,
    trade_id: null,
  },
];

const HEALTH: DashboardHealthReport = {
  exchange: { reachable: true, latency_ms: 24, clock_offset_ms: 3 },
  websocket: {
    state: 'connected',
    channels: [
      { source: 'worker', channel: 'futures/ticker', last_message_age_ms: 800 },
      { source: 'app', channel: 'futures/klineBin1m', last_message_age_ms: 1_200 },
    ],
  },
  runner: { enabled: true, last_run_at: null, last_outcome: null, missed_minutes: null },
  schedules: [],
  rate_limits: { lowest_headroom: 0.92 },
  worker: { reachable: true, outbox_depth: 0, delivery_failures: 0 },
  balance_alerts: 0,
  reconciliation: { drift: [] },
  entries_paused: false,
  kill_switch: false,
  unprotected_positions: 1,
  timestamp: '2025-11-07T11:07:30.000Z',
};

const SWITCHES: SwitchView[] = [
  {
    id: 3,
    key: 'SYMBOL:DOGEUSDT',
    is_on: false,
    effective_on: false,
    description: 'dashboard',
    expires_at: null,
    updated_at: '2025-11-07T10:00:00.000Z',
  },
];

/**
 * Serves the fixed data to `page` and refuses the event stream, so that the page reads by polling
 * ("Live (polling)") and nothing it shows moves.
 */
export async function serveStableView(page: Page): Promise<void> {
  const json = (body: unknown) => ({ status: 200, contentType: 'application/json', body: JSON.stringify(body) });
  await page.route('**/api/events', (route) => route.fulfill({ status: 404, body: '' }));
  await page.route('**/api/dashboard/positions', (route) =>
    route.fulfill(json({ status: 'ok', count: POSITIONS.length, data: POSITIONS })),
  );
  await page.route('**/api/dashboard/health', (route) => route.fulfill(json({ status: 'ok', data: HEALTH })));
  await page.route('**/api/mtf/switches', (route) => route.fulfill(json({ status: 'success', data: SWITCHES })));
}

/** Once everything of the fixed view is drawn (fonts included), its screenshot, full page. */
export async function stableScreenshot(page: Page): Promise<Buffer> {
  await page.locator('table.positions tr[data-symbol="ETHUSDT"]').waitFor();
  await page.locator('.switch-list li', { hasText: 'DOGEUSDT' }).waitFor();
  await page.locator('[data-health="Kill switch"]').waitFor();
  await page.getByTestId('unprotected-alert').waitFor();
  await page.evaluate('document.fonts.ready.then(() => undefined)');
  return page.screenshot({ fullPage: true, animations: 'disabled', caret: 'hide' });
}

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isFlat } from '../support/simAdmin.ts';
import { type Browser, launchChromium } from './chromium.ts';
import { type DashboardPlatform, startDashboardPlatform } from './dashboardPlatform.ts';

// The controls, clicked in the browser and confirmed in the dialog, against the real platform.
let platform: DashboardPlatform;
let browser: Browser;
let page: Page;

/** Clicks `button`, checks what the dialog asks, confirms, and waits for the outcome in the live region. */
async function confirmControl(button: string, confirmLabel: string): Promise<string> {
  await page.getByRole('button', { name: button, exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: confirmLabel }).click();
  await dialog.waitFor({ state: 'hidden' });
  const outcome = page.getByRole('status').filter({ hasText: ':' }).last();
  await expect.poll(async () => outcome.textContent(), { timeout: 15_000 }).toMatch(/: (done|.+)/);
  return (await outcome.textContent()) ?? '';
}

interface AuditRow {
  actor: string;
  action: string;
  target: string | null;
  outcome: string;
}

beforeAll(async () => {
  [platform, browser] = await Promise.all([startDashboardPlatform(['BTCUSDT']), launchChromium()]);
  page = await browser.newPage();
  await page.goto(platform.url);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

describe('the controls in the browser', () => {
  it('hears the app over its event stream', async () => {
    await expect.poll(async () => page.getByTestId('connection').textContent(), { timeout: 10_000 }).toBe('Live');
  });

  it('pause entries: confirmed, audited, shown in the health banner, and new trades are refused', async () => {
    const outcome = await confirmControl('Pause entries', 'Pause entries');
    expect(outcome).toMatch(/^Pause entries: done \(audit #\d+\)$/);
    const entries = page.locator('[data-health="Entries"]');
    await expect.poll(async () => entries.textContent(), { timeout: 10_000 }).toBe('Entries paused');
    await page.getByRole('button', { name: 'Resume entries', exact: true }).waitFor();
    const audit = await platform.get<{ data: AuditRow[] }>('/api/audit?limit=5');
    expect(audit.data[0]).toMatchObject({ actor: 'dashboard', action: 'entries.pause', outcome: 'ok' });
    const entry = await platform.post('/api/trade-entry/execute', {
      symbol: 'BTCUSDT',
      side: 'long',
      client_order_id: 'paused-1',
    });
    expect(JSON.stringify(entry.body)).toContain('entries_paused');
    await browser.screenshot(page, 'controls-paused');
    expect(await confirmControl('Resume entries', 'Resume entries')).toMatch(/^Resume entries: done/);
    await expect.poll(async () => entries.textContent(), { timeout: 10_000 }).toBe('Entries active');
  });

  it('close: the position is closed at market on the exchange', async () => {
    platform.marketOrder('BTCUSDT', 'buy', 1, 'dashclose1');
    const row = page.locator('table.positions tr[data-symbol="BTCUSDT"]');
    await row.waitFor({ timeout: 10_000 });
    await row.getByRole('button', { name: 'Close BTCUSDT' }).click();
    const dialog = page.getByRole('dialog', { name: 'Close BTCUSDT' });
    await dialog.getByRole('button', { name: 'Close BTCUSDT at market' }).click();
    await row.waitFor({ state: 'detached', timeout: 15_000 });
    const state = await platform.sim.state();
    expect(isFlat(state, platform.platform.config.simulator.apiKey, 'BTCUSDT')).toBe(true);
    const audit = await platform.get<{ data: AuditRow[] }>('/api/audit?limit=5');
    expect(audit.data[0]).toMatchObject({ action: 'position.close', target: 'BTCUSDT', outcome: 'ok' });
  });

  it('cancel: an order resting on the exchange is cancelled from the orders view', async () => {
    const far = String(Math.floor(Number(await platform.sim.lastPrice('BTCUSDT')) * 0.5));
    platform.restingBuy('BTCUSDT', far, 'dashcancel1');
    await page.getByRole('link', { name: 'Orders & schedules' }).click();
    const open = page.getByTestId('open-orders').locator('tbody tr', { hasText: far });
    await open.waitFor({ timeout: 15_000 });
    await open.getByRole('button', { name: /^Cancel/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel the order' }).click();
    await open.waitFor({ state: 'detached', timeout: 15_000 });
    const state = await platform.sim.state();
    expect(
      state.accounts.flatMap((account) => account.open_orders).some((order) => order.client_order_id === 'dashcancel1'),
    ).toBe(false);
    await page.getByRole('link', { name: 'Positions' }).click();
  });

  it('flatten: every position on the exchange is closed at market', async () => {
    platform.marketOrder('BTCUSDT', 'buy', 2, 'dashflat1');
    platform.marketOrder('ETHUSDT', 'sell', 3, 'dashflat2');
    const rows = page.locator('table.positions tr[data-symbol]');
    await expect.poll(async () => rows.count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    expect(await confirmControl('Flatten all', 'Close everything at market')).toMatch(/^Flatten all: done/);
    await page.getByTestId('no-positions').waitFor({ timeout: 15_000 });
    const state = await platform.sim.state();
    const account = state.accounts.find((row) => row.api_key === platform.platform.config.simulator.apiKey);
    expect(account?.positions.filter((position) => Number(position.position_amount) !== 0)).toEqual([]);
    const audit = await platform.get<{ data: (AuditRow & { detail: { data: { symbol: string }[] } })[] }>(
      '/api/audit?limit=5',
    );
    expect(audit.data[0]).toMatchObject({ actor: 'dashboard', action: 'flatten', outcome: 'ok' });
    expect(audit.data[0]?.detail.data.map((row) => row.symbol).sort()).toEqual(['BTCUSDT', 'ETHUSDT']);
  });

  it('symbol switch: off, the next run skips the symbol; on, it evaluates it again; each recorded', async () => {
    const run = async () => {
      const answer = await platform.post('/api/mtf/run', { dry_run: true, symbols: ['SOLUSDT'] });
      type Result = { status: string; failed_timeframe: string | null };
      return (answer.body.data as { results: Record<string, Result> }).results.SOLUSDT;
    };
    expect(await run()).not.toMatchObject({ status: 'SKIPPED' });
    await page.getByLabel('Symbol', { exact: true }).fill('solusdt');
    expect(await confirmControl('Switch off', 'Switch SOLUSDT off')).toMatch(/^Switch SOLUSDT off: done/);
    const listed = page.locator('.switch-list li', { hasText: 'SOLUSDT' });
    await expect.poll(async () => listed.locator('strong').textContent(), { timeout: 10_000 }).toBe('off');
    expect(await run()).toMatchObject({ status: 'SKIPPED', failed_timeframe: 'symbol' });

    await listed.getByRole('button', { name: 'Switch on SOLUSDT' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Switch SOLUSDT on' }).click();
    await expect.poll(async () => listed.locator('strong').textContent(), { timeout: 10_000 }).toBe('on');
    expect(await run()).not.toMatchObject({ status: 'SKIPPED' });
    const audit = await platform.get<{ data: AuditRow[] }>('/api/audit?limit=5');
    expect(audit.data.slice(0, 2)).toMatchObject([
      { actor: 'dashboard', action: 'switch.set', target: 'SYMBOL:SOLUSDT', outcome: 'ok' },
      { actor: 'dashboard', action: 'switch.set', target: 'SYMBOL:SOLUSDT', outcome: 'ok' },
    ]);
    await browser.screenshot(page, 'controls-switches');
  }, 60_000);

  it('kill switch: the runner stops deciding until it is turned off', async () => {
    expect(await confirmControl('Kill switch: off', 'Stop the runner')).toMatch(/^Kill switch on: done/);
    const kill = page.locator('[data-health="Kill switch"]');
    await expect.poll(async () => kill.textContent(), { timeout: 10_000 }).toBe('Kill switch ON');
    const run = await platform.post('/api/mtf/run', { dry_run: true, symbols: ['ETHUSDT'] });
    const results = (run.body.data as { results: Record<string, { status: string }> }).results;
    expect(results.ETHUSDT?.status).toBe('SKIPPED');
    await browser.screenshot(page, 'controls-killed');
    expect(await confirmControl('Kill switch: ON', 'Turn the kill switch off')).toMatch(/^Kill switch off: done/);
    await expect.poll(async () => kill.textContent(), { timeout: 10_000 }).toBe('Kill switch off');
  });
});

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, launchChromium } from './chromium.ts';
import { type DashboardPlatform, startDashboardPlatform } from './dashboardPlatform.ts';

// Positions as the exchange holds them, in the browser: the row, its protection, the no-stop alert.
let platform: DashboardPlatform;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [platform, browser] = await Promise.all([startDashboardPlatform(['BTCUSDT']), launchChromium()]);
  // The runner stays off: the only positions on the account are the ones these tests open.
  const off = await platform.post('/api/mtf/switches', { key: 'GLOBAL', is_on: false, description: 'positions test' });
  if (off.status !== 200) throw new Error(`the GLOBAL switch answered ${off.status}`);
  page = await browser.newPage();
  await page.goto(platform.url);
  await page.getByTestId('no-positions').waitFor();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

describe('open positions in the browser', () => {
  const row = () => page.locator('table.positions tr[data-symbol="BTCUSDT"]');
  const alert = () => page.getByTestId('unprotected-alert');
  let stopId = '';

  it('shows a position opened on the exchange, without a stop: red alert at the top', async () => {
    platform.marketOrder('BTCUSDT', 'buy', 2, 'dashpos1');
    await row().waitFor();
    expect(await row().locator('td.long').textContent()).toBe('long');
    expect(await row().locator('td.number').first().textContent()).toBe('2');
    expect(await row().locator('[data-field="stop"]').textContent()).toBe('NO STOP');
    await alert().waitFor();
    expect(await alert().textContent()).toContain('BTCUSDT long 2');
    await browser.screenshot(page, 'positions-unprotected');
  });

  it('a stop placed on the exchange shows in the row and clears the alert', async () => {
    const last = Number(await platform.sim.lastPrice('BTCUSDT'));
    const trigger = String(Math.floor(last * 0.9));
    stopId = platform.stopLoss('BTCUSDT', trigger);
    await expect
      .poll(async () => row().locator('[data-field="stop"]').textContent(), { timeout: 10_000 })
      .toBe(`${trigger} × 2`);
    await alert().waitFor({ state: 'detached' });
    await browser.screenshot(page, 'positions-protected');
  });

  it('removing the stop on the exchange turns the alert on again, on every view', async () => {
    platform.cancelTrigger('BTCUSDT', stopId);
    await alert().waitFor({ timeout: 10_000 });
    await page.getByRole('link', { name: 'Trades' }).click();
    await page.getByRole('heading', { name: 'Trades' }).waitFor();
    expect(await alert().isVisible()).toBe(true);
    await page.getByRole('link', { name: 'Positions' }).click();
  });

  it('a price move on the exchange reaches the row', async () => {
    // The simulator's market keeps ticking after the move: a 5 % jump, read within 1 %.
    const moved = Math.round(Number(await platform.sim.lastPrice('BTCUSDT')) * 1.05);
    await platform.sim.price('BTCUSDT', String(moved));
    await expect
      .poll(async () => Math.abs(Number(await row().locator('[data-field="mark"]').textContent()) / moved - 1), {
        timeout: 10_000,
      })
      .toBeLessThan(0.01);
  });
});

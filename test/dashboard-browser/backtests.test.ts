import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, launchChromium } from './chromium.ts';
import { type DashboardPlatform, startDashboardPlatform } from './dashboardPlatform.ts';

// The dashboard of `npm start` in Debian's Chromium: a backtest started from its form runs in the
// real app on the klines the app stored from the simulator, and its report opens from the list.
let platform: DashboardPlatform;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  [platform, browser] = await Promise.all([startDashboardPlatform(['BTCUSDT']), launchChromium()]);
  page = await browser.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

/** `2026-01-05T10:00`, as a person types it in the form (UTC). */
const minute = (time: number) => new Date(time).toISOString().slice(0, 16);

describe('the Backtests view', () => {
  it('starts a backtest from the form with the keyboard, shows it done and opens its report', async () => {
    // The app's catch-up stores the simulator's recent 1m history; the run replays ten minutes of it.
    await expect
      .poll(async () => platform.app().marketData.klines.count('BTCUSDT', '1m'), { timeout: 30_000 })
      .toBeGreaterThan(60);
    const [last] = await platform.app().marketData.klines.lastClosed('BTCUSDT', '1m', 1);
    const to = (last?.openTime ?? 0) + 60_000;

    await page.goto(`${platform.url}#/backtests`);
    await page.getByRole('heading', { name: 'Start a backtest' }).waitFor();
    await page.getByLabel('From (UTC)').fill(minute(to - 10 * 60_000));
    await page.getByLabel('To (UTC)').fill(minute(to));
    await page.getByLabel('Fees maker,taker').fill('0.0002,0.0007');
    await page.getByLabel('Slippage (bps)').fill('2');
    // A wrong field is named by the API and shown, and nothing starts.
    await page.getByLabel('Balance (USDT)').fill('-1');
    await page.getByLabel('Balance (USDT)').press('Enter');
    const message = page.getByTestId('backtest-message');
    await expect.poll(async () => message.textContent()).toContain('balance: expected a positive amount');
    expect(await message.getAttribute('role')).toBe('alert');
    await page.getByLabel('Balance (USDT)').fill('2500');
    await page.getByLabel('Balance (USDT)').press('Enter');

    await expect.poll(async () => message.textContent()).toMatch(/^Backtest \d+ started\.$/);
    expect(await message.getAttribute('role')).toBe('status');
    const id = /\d+/.exec((await message.textContent()) ?? '')?.[0];
    const row = page.locator(`tr[data-backtest="${id}"]`);
    await expect.poll(async () => row.getAttribute('data-state'), { timeout: 45_000 }).toBe('done');
    expect(await row.textContent()).toContain('0.0002,0.0007 / 2 bps');

    const [report] = await Promise.all([
      browser.context.waitForEvent('page'),
      row.getByRole('link', { name: `Report #${id}` }).click(),
    ]);
    await report.waitForSelector('body[data-charts="drawn"]');
    expect(await report.title()).toMatch(/^Backtest scalper_micro /);
    expect(await report.locator('p.meta').textContent()).toContain('fees maker,taker 0.0002,0.0007 · slippage 2 bps');
    await report.close();
    expect(pageErrors).toEqual([]);
  }, 90_000);
});

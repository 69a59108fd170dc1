import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, launchChromium, SCREENSHOTS } from './chromium.ts';
import { type DashboardPlatform, startDashboardPlatform } from './dashboardPlatform.ts';
import { compareWithBaseline, UPDATE_BASELINES } from './screenshotBaseline.ts';
import { serveStableView, stableScreenshot } from './stableView.ts';

// The dashboard of `npm start` in Debian's Chromium: the real platform, one browser for the file.
let platform: DashboardPlatform;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  [platform, browser] = await Promise.all([startDashboardPlatform(['BTCUSDT']), launchChromium()]);
  page = await browser.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

describe('the dashboard page', () => {
  it('is served at / and draws its menu, health banner and positions without a script error', async () => {
    const response = await page.goto(platform.url);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await page.getByRole('heading', { name: 'Trading dashboard' }).waitFor();
    const views = page.getByRole('navigation', { name: 'Views' }).getByRole('link');
    expect(await views.allTextContents()).toEqual([
      'Positions',
      'Equity',
      'Chart',
      'Trades',
      'Decisions',
      'Orders & schedules',
      'Backtests',
    ]);
    await page.getByRole('heading', { name: 'Open positions' }).waitFor();
    await page.getByTestId('health').waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('asks before a control and cancels with the keyboard alone', async () => {
    await page.goto(platform.url);
    const pause = page.getByRole('button', { name: 'Pause entries' });
    await pause.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Pause entries' });
    await dialog.waitFor();
    // The safe answer has the focus: Enter right away would not pause anything.
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Cancel');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('draws the equity curve and the daily PnL from the balance the worker reported', async () => {
    platform.marketOrder('BTCUSDT', 'buy', 1, 'dashequity1');
    await page.goto(`${platform.url}#/equity`);
    const equity = page.getByTestId('equity-now');
    await expect.poll(async () => equity.textContent(), { timeout: 15_000 }).toMatch(/^[\d,]+\.\d{2} USDT$/);
    await page.getByTestId('equity-chart').locator('canvas').first().waitFor();
    await page.getByTestId('daily-metrics').locator('tbody tr').first().waitFor();
    await browser.screenshot(page, 'equity');
  });

  it("draws the candles of a symbol from the stored klines, with the rules' indicators on demand", async () => {
    await expect
      .poll(async () => platform.app().marketData.klines.count('BTCUSDT', '1m'), { timeout: 60_000 })
      .toBeGreaterThan(50);
    await page.goto(`${platform.url}#/chart/BTCUSDT`);
    await page.getByRole('heading', { name: 'Chart BTCUSDT' }).waitFor();
    await page.getByLabel('EMA 20 / 50').check();
    await page.getByLabel('Bollinger 20, 2').check();
    const chart = page.getByTestId('candle-chart');
    await chart.locator('canvas').first().waitFor();
    await expect
      .poll(async () => chart.getAttribute('data-series'))
      .toBe('candles; EMA 20; EMA 50; BB up; BB mid; BB low');
    expect(await page.getByText('No candle stored').count()).toBe(0);
    await browser.screenshot(page, 'chart');
  }, 90_000);

  it('shows each MTF run and, for a symbol, the tree of conditions with value, threshold, passed or failed', async () => {
    // ETHUSDT: no position of these tests holds it, so the run evaluates it (BTCUSDT's would be skipped).
    const run = await platform.post('/api/mtf/run', {
      dry_run: true,
      symbols: ['ETHUSDT'],
      mtf_profile: 'scalper_micro',
    });
    expect(run.status).toBe(200);
    // The run stores its audit before it answers and the view reads the audits when it opens, so
    // this run's link appears once that read returns; the waits are Playwright's, never a count
    // taken right after the table or the symbol's title (both render before the read answers).
    const runId = (run.body.data as { summary: { run_id: string } }).summary.run_id;
    await page.goto(`${platform.url}#/decisions`);
    await page.reload();
    await page
      .getByTestId('runs')
      .locator(`a[href="#/decisions/ETHUSDT/${encodeURIComponent(runId)}"]`)
      .click({ timeout: 30_000 });
    const decision = page.getByTestId('symbol-decision');
    await decision.getByText('MTF_DECISION').first().waitFor({ timeout: 30_000 });
    const conditions = decision.locator('ul.conditions > li');
    expect(await conditions.count()).toBeGreaterThan(0);
    expect(await conditions.first().textContent()).toMatch(/^[✓✗] (passed|failed): \S+/);
    // The tree as the diagnose command prints it, as this run saw it: each condition with its value and threshold.
    const status = (run.body.data as { results: Record<string, { status: string }> }).results.ETHUSDT?.status;
    const tree = decision.getByTestId('decision-tree');
    await expect.poll(async () => tree.getByTestId('decision-verdict').textContent()).toMatch(new RegExp(`^${status}`));
    const measured = tree.locator('li[data-condition]:has(> .reading)');
    expect(await measured.count()).toBeGreaterThan(0);
    expect(await measured.first().textContent()).toMatch(
      /^[✓✗] (passed|failed): \S+ value -?[\d.e+-]+, threshold (-?[\d.e+-]+|—)/,
    );
    const verdicts = await tree
      .locator('li[data-condition]')
      .evaluateAll((items) => items.map((item) => item.className));
    expect(new Set(verdicts)).toEqual(new Set(['positive', 'negative']));
    await browser.screenshot(page, 'decisions');
  }, 60_000);

  it('lists a trade and shows its timeline from the decision on', async () => {
    const entry = await platform.post('/api/trade-entry/execute', {
      symbol: 'BTCUSDT',
      side: 'long',
      client_order_id: 'dash-trade-1',
    });
    expect([200, 202, 422]).toContain(entry.status);
    await page.goto(`${platform.url}#/trades`);
    const row = page.locator('[data-trade="dash-trade-1"]');
    await row.waitFor();
    await row.getByRole('link').click();
    const timeline = page.getByTestId('trade-timeline');
    await timeline.getByText('Decision').waitFor();
    await browser.screenshot(page, 'trade');
  }, 60_000);

  it('lists the orders and the schedules', async () => {
    platform.marketOrder('BTCUSDT', 'buy', 1, 'dashorders1');
    await page.goto(`${platform.url}#/orders`);
    const orders = page.getByTestId('orders');
    await expect
      .poll(async () => orders.locator('tbody tr', { hasText: 'BTCUSDT' }).count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    const schedules = await page.getByTestId('schedules').locator('tbody th').allTextContents();
    expect(schedules).toContain('mtf-run');
    await browser.screenshot(page, 'orders');
  });

  it('fits a phone: the page is no wider than the screen, tables scroll inside themselves', async () => {
    const phone = await browser.newPage({ width: 390, height: 844 });
    await phone.goto(`${platform.url}#/orders`);
    await phone.getByTestId('schedules').waitFor();
    await browser.screenshot(phone, 'phone-orders');
    // Browser code as text: this file is type-checked for Node, without the DOM's globals.
    const wide = await phone.evaluate(`[...document.querySelectorAll('body *')]
      .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 1 && !element.closest('.table-wrap'))
      .map((element) => element.tagName + '.' + element.className)`);
    expect(wide).toEqual([]);
    // Nor can the page itself be scrolled sideways (an absolute label escaping a table's scroll once did).
    expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await phone.goto(platform.url);
    await phone.getByRole('heading', { name: 'Open positions' }).waitFor();
    expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await phone.close();
  });

  // The look of the page against committed images (test/dashboard-browser/baselines/), on a fixed
  // data set: refresh them with UPDATE_DASHBOARD_BASELINES=1 (screenshotBaseline.ts).
  it.each([
    ['positions-desktop', 1280, 900],
    ['positions-phone', 390, 844],
  ])('draws the positions view as its baseline %s', async (name, width, height) => {
    const fixed = await browser.newPage({ width, height });
    try {
      await serveStableView(fixed);
      await fixed.goto(platform.url);
      await expect.poll(async () => fixed.getByTestId('connection').textContent()).toBe('Live (polling)');
      const shot = await stableScreenshot(fixed);
      await writeFile(join(SCREENSHOTS, `${name}.png`), shot);
      const comparison = await compareWithBaseline(browser.context, name, shot);
      if (UPDATE_BASELINES) return;
      // A few text edges may move between Chromium builds; a moved block or a new colour is thousands of pixels.
      expect(comparison.sizes, comparison.diffPath).toBeUndefined();
      expect(comparison.differing / comparison.total, comparison.diffPath).toBeLessThan(0.002);
    } finally {
      await fixed.close();
    }
  });

  it('says it is reconnecting while the app restarts, then shows the live page again', async () => {
    await page.goto(platform.url);
    const connection = page.getByTestId('connection');
    await expect.poll(async () => connection.textContent()).toMatch(/^Live/);
    await platform.stopApp();
    await expect
      .poll(async () => connection.textContent(), { timeout: 15_000 })
      .toBe('Reconnecting to the trading-app…');
    await platform.startApp();
    await expect.poll(async () => connection.textContent(), { timeout: 30_000 }).toMatch(/^Live/);
  }, 60_000);
});

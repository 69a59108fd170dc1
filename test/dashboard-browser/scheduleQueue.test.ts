import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SystemClock } from '../../src/platform/clock/index.ts';
import type { TradingApp } from '../../src/trading-app/main.ts';
import { startQueuedAppInstance } from '../schedules/support/queuedAppInstance.ts';
import { QUEUE_TARGETS, type QueueTarget, queueEnvironment } from '../schedules/support/queueTargets.ts';
import { postgresTarget } from '../trading-app-store/support/databaseTargets.ts';
import { type Browser, launchChromium } from './chromium.ts';

// The schedules on BullMQ (Redis), as the dashboard's Orders & schedules view shows their queue.
const database = postgresTarget();
const clock = new SystemClock();
let queue: QueueTarget;
let app: TradingApp;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  await (await database.open()).close();
  queue = QUEUE_TARGETS.find((target) => target.name === 'redis')?.open() as QueueTarget;
  [app, browser] = await Promise.all([
    startQueuedAppInstance(database.url, queueEnvironment(queue), clock),
    launchChromium(),
  ]);
  page = await browser.newPage();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await queue?.dispose();
  await database.dispose();
}, 60_000);

describe('the schedules queue on the dashboard', () => {
  it('shows the backend, the job counts and this instance as a connected worker', async () => {
    await page.goto(`${app.url}/#/orders`);
    const panel = page.getByTestId('schedule-queue');
    await panel.getByRole('heading', { name: /^Queue schedules on redis/ }).waitFor({ timeout: 30_000 });
    // The view reads the queue every few seconds: the every-second MTF ticks show up as completed jobs.
    const completed = panel.locator('dl div', { has: page.locator('dt', { hasText: /^completed$/ }) }).locator('dd');
    await expect.poll(async () => Number(await completed.textContent()), { timeout: 30_000 }).toBeGreaterThan(0);
    const workers = panel.getByTestId('queue-workers').locator('tbody tr');
    await expect.poll(async () => workers.count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await workers.first().locator('td').first().textContent()).toBe('yes');
    await browser.screenshot(page, 'schedule-queue');
  }, 90_000);
});

import { once } from 'node:events';
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, PAGE_SETTINGS } from '../test/dashboard-browser/chromium.ts';
import { type DashboardPlatform, startDashboardPlatform } from '../test/dashboard-browser/dashboardPlatform.ts';
import { type BenchLine, percentile } from './support.ts';

const SYMBOL = 'BTCUSDT';
const MOVES = 300;
/** Not counted: the first moves pay for JIT compilation in the app and the page. */
const WARM_UP_MOVES = 20;
const LOADS = 20;
/** Issue 13: a price move on the exchange reaches the open-positions row within a second. */
const ROW_TARGET_MS = 1_000;

/** Wall time in ms to the microsecond; the page stamps with the same (its timeOrigin + now). */
const wallNow = () => performance.timeOrigin + performance.now();

/**
 * The dashboard in Debian's Chromium against the platform `npm start` runs (simulator, app,
 * worker, in this process; the simulator's random walk paused, the runner switched off):
 * - a price set with `/sim/price` → the mark of the open-positions row changed in the page, stamped
 *   in the page by a MutationObserver (the DOM updated; paint follows within a frame), against the
 *   same `positions` event read by Node from `GET /api/events` in a worker thread, for the same
 *   moves: the ratio is the cost of the browser (EventSource, JSON, preact) over the push itself;
 * - the first load, navigation start → the positions row in the DOM, on a cold cache (a new browser
 *   context each time) and warm (a reload), against Node (the same worker thread) reading the same
 *   resources and the first `positions` event (no parsing, no layout).
 */
export async function dashboardBenchmarks(): Promise<BenchLine[]> {
  const platform = await startDashboardPlatform([SYMBOL]);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const peer = new PeerReader();
  try {
    const off = await platform.post('/api/mtf/switches', { key: 'GLOBAL', is_on: false, description: 'benchmark' });
    if (off.status !== 200) throw new Error(`the GLOBAL switch answered ${off.status}`);
    await platform.sim.pause();
    platform.marketOrder(SYMBOL, 'buy', 1, 'benchdash1');
    const firstVisit = await firstLoad(browser, platform.url);
    const moves = await priceMoves(browser, platform, peer);
    const cold = await loads(browser, platform.url, 'cold');
    const warm = await loads(browser, platform.url, 'warm');
    const coldPeer = await peer.loads(platform.app().url, 'cold');
    const warmPeer = await peer.loads(platform.app().url, 'warm');
    process.stderr.write(
      `dashboard: ${moves.page.length} price moves after ${WARM_UP_MOVES} warm-up, page p90 ${fixed(percentile(moves.page, 90))} max ${fixed(moves.page.at(-1) ?? 0)}, ` +
        `event p90 ${fixed(percentile(moves.event, 90))} max ${fixed(moves.event.at(-1) ?? 0)} (ms); first visit after the app's start ` +
        `(the client bundled then) ${fixed(firstVisit)} ms; the page's clock minus Node's ${fixed(moves.skew)} ms; load average ${fixed(loadavg()[0] ?? 0)} on ${availableParallelism()} cores\n`,
    );
    const eventPeer = 'the same positions event read by Node (SSE in a worker thread, no browser)';
    const loadPeer = (what: string) => `Node reading ${what} and the first positions event (no render)`;
    const line = (name: string, ours: number, peer: number, peerName: string, target?: number): BenchLine => ({
      name,
      ours,
      peer,
      peerName,
      unit: 'ms',
      lowerIsBetter: true,
      ...(target === undefined ? {} : { target }),
    });
    const rowName = (statistic: string) =>
      `dashboard: /sim/price → open-positions row updated in Chromium, ${statistic} of ${moves.page.length}`;
    return [
      line(rowName('p50'), percentile(moves.page, 50), percentile(moves.event, 50), eventPeer),
      line(rowName('p99'), percentile(moves.page, 99), percentile(moves.event, 99), eventPeer, ROW_TARGET_MS),
      line(
        `dashboard: first load, cold cache (new context), navigation → positions row, p50 of ${LOADS}`,
        percentile(cold, 50),
        percentile(coldPeer, 50),
        loadPeer('the page, its script and style'),
      ),
      line(
        `dashboard: first load, warm cache (reload), navigation → positions row, p50 of ${LOADS}`,
        percentile(warm, 50),
        percentile(warmPeer, 50),
        loadPeer('the page'),
      ),
    ];
  } finally {
    await peer.close();
    await browser.close();
    await platform.stop();
  }
}

/**
 * Stamps each change of the row's mark in the page (`window.benchMarks`), with the page's wall
 * clock. Browser code as text: this file is type-checked for Node, without the DOM's globals.
 */
const WATCH_MARK = `(() => {
  window.benchMarks = [];
  const read = () => document.querySelector('table.positions tr[data-symbol="${SYMBOL}"] [data-field="mark"]')?.textContent ?? null;
  let last = read();
  new MutationObserver(() => {
    const text = read();
    if (text === last) return;
    last = text;
    window.benchMarks.push({ price: Number(text), at: performance.timeOrigin + performance.now() });
    window.benchMarkSeen?.();
  }).observe(document.body, { subtree: true, childList: true, characterData: true });
})()`;

/** Stamps when the first positions row is in the DOM, in ms since navigation start. */
const WATCH_FIRST_ROW = `(() => {
  new MutationObserver((_records, observer) => {
    if (!document.querySelector('table.positions tr[data-symbol]')) return;
    window.benchFirstRow = performance.now();
    observer.disconnect();
    window.benchFirstRowSeen?.();
  }).observe(document, { subtree: true, childList: true });
})()`;

async function priceMoves(
  browser: Browser,
  platform: DashboardPlatform,
  peer: PeerReader,
): Promise<{ page: number[]; event: number[]; skew: number }> {
  const context = await browser.newContext(PAGE_SETTINGS);
  await peer.watch(platform.app().url, SYMBOL);
  try {
    const page = await context.newPage();
    await page.goto(platform.url);
    await page.locator(`table.positions tr[data-symbol="${SYMBOL}"]`).waitFor();
    await page.evaluate(WATCH_MARK);
    const skew = await clockSkew(page);
    const base = Math.round(Number(await platform.sim.lastPrice(SYMBOL)));
    const inPage: number[] = [];
    const inNode: number[] = [];
    for (let move = 0; move < MOVES + WARM_UP_MOVES; move++) {
      // Two prices in turn: each move changes the row, and the price never wanders.
      const price = base + 1 + (move % 2);
      const sentAt = wallNow();
      await platform.sim.price(SYMBOL, String(price));
      const [shownAt, receivedAt] = await Promise.all([markShown(page, price, sentAt), peer.mark(price, sentAt)]);
      if (move < WARM_UP_MOVES) continue;
      inPage.push(latency(shownAt, sentAt));
      inNode.push(latency(receivedAt, sentAt));
    }
    return { page: inPage.sort(byValue), event: inNode.sort(byValue), skew };
  } finally {
    peer.unwatch();
    await context.close();
  }
}

/** The page's wall clock minus Node's, read between two of Node's: what a latency may be off by. */
async function clockSkew(page: Page): Promise<number> {
  const skews: number[] = [];
  for (let read = 0; read < 20; read++) {
    const before = wallNow();
    const inPage = (await page.evaluate('performance.timeOrigin + performance.now()')) as number;
    skews.push(inPage - (before + wallNow()) / 2);
  }
  return percentile(skews.sort(byValue), 50);
}

/**
 * When the page showed `price` after `sentAt`, by its own stamp. Waits in the page (the CSP the
 * page is served with refuses the string predicates of `waitForFunction`).
 */
async function markShown(page: Page, price: number, sentAt: number): Promise<number> {
  return (await page.evaluate(`new Promise((resolve, reject) => {
    const find = () => window.benchMarks.find((mark) => mark.price === ${price} && mark.at > ${sentAt})?.at;
    const timer = setTimeout(() => reject(new Error('the row never showed ${price}')), 5000);
    window.benchMarkSeen = () => {
      const at = find();
      if (at === undefined) return;
      clearTimeout(timer);
      window.benchMarkSeen = undefined;
      resolve(at);
    };
    window.benchMarkSeen();
  })`)) as number;
}

/** The first visit of all, which makes the app bundle the client (decision 0025): not counted. */
async function firstLoad(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext(PAGE_SETTINGS);
  try {
    const page = await watchedPage(context);
    return await loadOnce(page, () => page.goto(url));
  } finally {
    await context.close();
  }
}

async function loads(browser: Browser, url: string, cache: 'cold' | 'warm'): Promise<number[]> {
  const times: number[] = [];
  if (cache === 'cold') {
    for (let load = 0; load < LOADS; load++) {
      const context = await browser.newContext(PAGE_SETTINGS);
      const page = await watchedPage(context);
      times.push(await loadOnce(page, () => page.goto(url)));
      await context.close();
    }
  } else {
    const context = await browser.newContext(PAGE_SETTINGS);
    const page = await watchedPage(context);
    await loadOnce(page, () => page.goto(url));
    for (let load = 0; load < LOADS; load++) times.push(await loadOnce(page, () => page.reload()));
    await context.close();
  }
  return times.sort(byValue);
}

/** A page that stamps the first positions row of every document it loads. */
async function watchedPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.addInitScript(WATCH_FIRST_ROW);
  return page;
}

async function loadOnce(page: Page, navigate: () => Promise<unknown>): Promise<number> {
  await navigate();
  return (await page.evaluate(`new Promise((resolve, reject) => {
    if (window.benchFirstRow !== undefined) return resolve(window.benchFirstRow);
    setTimeout(() => reject(new Error('no positions row within 15 s')), 15000);
    window.benchFirstRowSeen = () => resolve(window.benchFirstRow);
  })`)) as number;
}

/** The peer's reads, in a worker thread (`dashboardPeerWorker.mjs`): its stamps, its loads. */
class PeerReader {
  readonly #worker = new Worker(new URL('./dashboardPeerWorker.mjs', import.meta.url));
  readonly #marks: { price: number; at: number }[] = [];
  readonly #waiters = new Set<() => void>();

  constructor() {
    this.#worker.on('message', (message: { type: string; price?: number; at?: number }) => {
      if (message.type !== 'mark') return;
      this.#marks.push({ price: message.price ?? Number.NaN, at: message.at ?? 0 });
      for (const wake of this.#waiters) wake();
    });
  }

  async watch(url: string, symbol: string): Promise<void> {
    const watching = this.#answer('watching');
    this.#worker.postMessage({ type: 'watch', url, symbol });
    await watching;
  }

  unwatch(): void {
    this.#worker.postMessage({ type: 'unwatch' });
  }

  /** When the peer's stream carried `price` after `sentAt`, by the worker's stamp. */
  mark(price: number, sentAt: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the event stream never carried ${price}`)), 5_000);
      const check = () => {
        const found = this.#marks.find((mark) => mark.price === price && mark.at > sentAt);
        if (!found) return;
        clearTimeout(timer);
        this.#waiters.delete(check);
        resolve(found.at);
      };
      this.#waiters.add(check);
      check();
    });
  }

  /** Node's floor for a load: the same requests over loopback, then the stream until the first positions. */
  async loads(url: string, cache: 'cold' | 'warm'): Promise<number[]> {
    const answer = this.#answer('loads');
    this.#worker.postMessage({ type: 'loads', url, cache, count: LOADS });
    return ((await answer) as { times: number[] }).times.sort(byValue);
  }

  async close(): Promise<void> {
    this.#worker.postMessage({ type: 'close' });
    await once(this.#worker, 'exit');
  }

  async #answer(type: string): Promise<unknown> {
    for (;;) {
      const [message] = (await once(this.#worker, 'message')) as [{ type: string; message?: string }];
      if (message.type === 'error') throw new Error(`the peer failed: ${message.message}`);
      if (message.type === type) return message;
    }
  }
}

function latency(at: number, sentAt: number): number {
  // Seen before it was sent: the clocks disagree, or the match was wrong. The run is wrong, not fast.
  if (at <= sentAt) throw new Error(`a price move was seen ${fixed(sentAt - at)} ms before it was sent`);
  return at - sentAt;
}

function byValue(left: number, right: number): number {
  return left - right;
}

function fixed(value: number): string {
  return value.toFixed(2);
}

import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's Chromium (`.ci/run` installs the `chromium` package). */
export const CHROMIUM = '/usr/bin/chromium';

/** Headless, offline but for loopback: no first-run screens, no background requests, no component updates. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The window every page of the tests and the benchmark opens with. */
export const PAGE_SETTINGS = { viewport: { width: 1280, height: 900 }, colorScheme: 'dark' } as const;

/** Where the screenshots go: test artefacts under var/ (git-ignored). */
export const SCREENSHOTS = join(process.cwd(), 'var', 'dashboard-screenshots');

export interface Browser {
  readonly context: BrowserContext;
  newPage(options?: { width?: number; height?: number }): Promise<Page>;
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

/** One headless Chromium per test file, on a fresh profile. */
export async function launchChromium(): Promise<Browser> {
  const profile = await mkdtemp(join(tmpdir(), 'dashboard-chromium-'));
  await mkdir(SCREENSHOTS, { recursive: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    ...PAGE_SETTINGS,
  });
  return {
    context,
    newPage: async (options = {}) => {
      const page = await context.newPage();
      if (options.width) await page.setViewportSize({ width: options.width, height: options.height ?? 900 });
      return page;
    },
    screenshot: async (page, name) => {
      const path = join(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

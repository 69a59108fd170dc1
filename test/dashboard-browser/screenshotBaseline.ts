import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { SCREENSHOTS } from './chromium.ts';

/** The committed baselines, one PNG per name. */
export const BASELINES = join(process.cwd(), 'test', 'dashboard-browser', 'baselines');

/**
 * `UPDATE_DASHBOARD_BASELINES=1 npx vitest run test/dashboard-browser/dashboardPage.test.ts` writes
 * the screenshots as the new baselines instead of comparing: after a change of the page's look, check
 * the new images in var/dashboard-screenshots/ first, then commit them.
 */
export const UPDATE_BASELINES = process.env.UPDATE_DASHBOARD_BASELINES === '1';

export interface Comparison {
  /** Pixels whose colour differs by more than the per-pixel threshold. */
  readonly differing: number;
  readonly total: number;
  /** Set when the sizes differ: nothing else was compared. */
  readonly sizes?: string;
  /** Where the difference image went (differing pixels red over a faded copy of the baseline). */
  readonly diffPath?: string;
}

/**
 * A channel off by up to this (of 255) is the same colour: anti-aliasing and sub-pixel positioning
 * move text edges by a few levels between Chromium builds.
 */
const CHANNEL_THRESHOLD = 48;

/**
 * Compares `actual` with the baseline `name` pixel by pixel, in the browser's own canvas (no image
 * library: Chromium decodes the PNGs it took). Under UPDATE_DASHBOARD_BASELINES it writes the
 * baseline instead. A missing baseline is an error that says how to make it.
 */
export async function compareWithBaseline(context: BrowserContext, name: string, actual: Buffer): Promise<Comparison> {
  const baselinePath = join(BASELINES, `${name}.png`);
  if (UPDATE_BASELINES) {
    await mkdir(dirname(baselinePath), { recursive: true });
    await writeFile(baselinePath, actual);
    return { differing: 0, total: 0 };
  }
  if (!existsSync(baselinePath)) {
    throw new Error(`no baseline ${baselinePath}: run the test with UPDATE_DASHBOARD_BASELINES=1 to make it`);
  }
  const baseline = await readFile(baselinePath);
  const page = await context.newPage();
  try {
    // Browser code as text: this file is type-checked for Node, without the DOM's globals.
    const result = (await page.evaluate(`(async () => {
      const load = async (base64) => {
        const image = new Image();
        image.src = 'data:image/png;base64,' + base64;
        await image.decode();
        const canvas = document.createElement('canvas');
        canvas.width = image.naturalWidth;
        canvas.height = image.naturalHeight;
        const drawing = canvas.getContext('2d');
        drawing.drawImage(image, 0, 0);
        return { canvas, drawing, pixels: drawing.getImageData(0, 0, canvas.width, canvas.height) };
      };
      const [actual, baseline] = await Promise.all([load(${JSON.stringify(actual.toString('base64'))}), load(${JSON.stringify(baseline.toString('base64'))})]);
      const { width, height } = baseline.canvas;
      if (actual.canvas.width !== width || actual.canvas.height !== height) {
        return { differing: width * height, total: width * height, sizes: actual.canvas.width + '×' + actual.canvas.height + ' against ' + width + '×' + height };
      }
      const a = actual.pixels.data;
      const b = baseline.pixels.data;
      const diff = baseline.drawing.createImageData(width, height);
      let differing = 0;
      for (let i = 0; i < a.length; i += 4) {
        const off = Math.max(Math.abs(a[i] - b[i]), Math.abs(a[i + 1] - b[i + 1]), Math.abs(a[i + 2] - b[i + 2]));
        if (off > ${CHANNEL_THRESHOLD}) {
          differing += 1;
          diff.data.set([255, 0, 0, 255], i);
        } else {
          diff.data.set([b[i] / 4, b[i + 1] / 4, b[i + 2] / 4, 255], i);
        }
      }
      baseline.drawing.putImageData(diff, 0, 0);
      return { differing, total: width * height, diff: differing > 0 ? baseline.canvas.toDataURL('image/png').split(',')[1] : null };
    })()`)) as { differing: number; total: number; sizes?: string; diff?: string | null };
    if (!result.diff)
      return { differing: result.differing, total: result.total, ...(result.sizes ? { sizes: result.sizes } : {}) };
    const diffPath = join(SCREENSHOTS, `${name}.diff.png`);
    await writeFile(diffPath, Buffer.from(result.diff, 'base64'));
    return { differing: result.differing, total: result.total, diffPath };
  } finally {
    await page.close();
  }
}

import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** The client's script and style sheet, and a short hash of both that names this version in URLs. */
export interface DashboardAssets {
  readonly script: string;
  readonly styles: string;
  readonly version: string;
}

const ENTRY = fileURLToPath(new URL('../client/main.tsx', import.meta.url));

/**
 * The dashboard's client, bundled in memory by esbuild the first time a page asks for it and kept
 * for the process's life (decision 0025): `npm start` needs no build step, and an app that nobody
 * opens in a browser (tests, `app:serve` for scripts) never pays the bundling.
 */
export class DashboardBundle {
  #assets: Promise<DashboardAssets> | undefined;

  assets(): Promise<DashboardAssets> {
    this.#assets ??= bundleClient().catch((error: unknown) => {
      // A failed build is not cached: the next page load tries again.
      this.#assets = undefined;
      throw error;
    });
    return this.#assets;
  }
}

async function bundleClient(): Promise<DashboardAssets> {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    outdir: 'dashboard',
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    minify: true,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'none',
    logLevel: 'silent',
  });
  const file = (extension: string): string =>
    result.outputFiles.find((output) => output.path.endsWith(extension))?.text ?? '';
  const script = file('.js');
  const styles = file('.css');
  const version = createHash('sha256').update(script).update(styles).digest('hex').slice(0, 12);
  return { script, styles, version };
}

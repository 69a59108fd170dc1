import {
  type InProcessPlatform as Platform,
  startInProcessPlatform as startOnMarket,
} from '../../src/backtest/inProcessPlatform.ts';
import { ManualClock } from '../../src/platform/clock/index.ts';
import { createMarket, type SimulatedMarket } from '../../src/simulator/market/index.ts';
import { migratedPglite } from './freshPglite.ts';

/** The whole platform on one manual clock (src/backtest/inProcessPlatform.ts) with the seeded simulator's market. */
export type InProcessPlatform = Platform<SimulatedMarket>;

export async function startInProcessPlatform(options: {
  start: number;
  seed: number;
  balanceUsdt?: string;
  env?: Record<string, string>;
  /** The MTF and trade-entry YAML files; default the package's `config/`. */
  configDirectory?: string;
}): Promise<InProcessPlatform> {
  const { start, ...rest } = options;
  const clock = new ManualClock(start);
  const market = createMarket({ seed: options.seed, clock, tickMs: 1_000 });
  return startOnMarket({ clock, market, ...rest, initialDataDir: await migratedPglite() });
}

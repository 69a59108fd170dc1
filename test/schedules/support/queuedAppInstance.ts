import type { SystemClock } from '../../../src/platform/clock/index.ts';
import { loadTradingAppConfig } from '../../../src/platform/config/tradingAppConfig.ts';
import { Dec } from '../../../src/platform/decimal/index.ts';
import { silentLogger } from '../../../src/platform/logging/logger.ts';
import { createSimulatedVenue } from '../../../src/simulator/adapter/index.ts';
import { createEngine } from '../../../src/simulator/engine/index.ts';
import { createMarket } from '../../../src/simulator/market/index.ts';
import { startTradingApp, type TradingApp } from '../../../src/trading-app/main.ts';
import { TEST_SECRET } from '../../trading-app/support/signing.ts';

/**
 * A trading-app instance on a PostgreSQL store with its schedules on a shared BullMQ queue (`queue`:
 * QUEUE and its variables), the MTF run every second, over a simulated venue of its own.
 */
export function startQueuedAppInstance(
  databaseUrl: string,
  queue: Record<string, string>,
  clock: SystemClock,
): Promise<TradingApp> {
  const market = createMarket({ seed: 7, clock });
  const engine = createEngine({ market, clock, seed: 7 });
  const { accountId } = engine.createAccount({ apiKey: 'k', apiSecret: 's', apiMemo: 'm', balanceUsdt: new Dec(1000) });
  const venue = createSimulatedVenue({ engine, market, clock, accountId });
  const config = loadTradingAppConfig({
    APP_ADDR: '127.0.0.1:0',
    WS_WORKER_SHARED_SECRET: TEST_SECRET,
    DATABASE_URL: databaseUrl,
    ...queue,
    MTF_WORKERS_CRON: '* * * * * *',
    CLEANUP_CRON: 'off',
  });
  return startTradingApp(config, { clock, logger: silentLogger(), exchange: venue.exchange });
}

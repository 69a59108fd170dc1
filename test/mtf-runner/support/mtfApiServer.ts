import type { FastifyInstance } from 'fastify';
import { silentLogger } from '../../../src/platform/logging/logger.ts';
import type { TradingAppApiDependencies } from '../../../src/trading-app/api/apiDependencies.ts';
import { buildTradingAppServer } from '../../../src/trading-app/api/buildTradingAppServer.ts';
import { TradingAppMetrics } from '../../../src/trading-app/metrics/TradingAppMetrics.ts';
import type { MtfService } from '../../../src/trading-app/mtf-runner/index.ts';
import { InMemoryTradingAppStore } from '../../trading-app/support/InMemoryTradingAppStore.ts';
import type { MtfHarness } from './mtfHarness.ts';

/** The trading-app's HTTP API over the harness's database and clock, with `mtf` (and any other part) given. */
export function mtfApiServer(
  harness: MtfHarness,
  mtf: MtfService,
  parts: Partial<TradingAppApiDependencies> = {},
): FastifyInstance {
  return buildTradingAppServer({
    store: new InMemoryTradingAppStore(),
    clock: harness.clock,
    logger: silentLogger(),
    metrics: new TradingAppMetrics(),
    sharedSecret: 'test-secret',
    mtf,
    ...parts,
  });
}

/**
 * The body the original's scheduler posts to every job's URL (docs/reference/seed-contracts.md#scheduler), with one
 * worker instead of five so that a test runs in this thread.
 */
export const SCHEDULER_JOB_BODY = {
  workers: 1,
  dry_run: true,
  force_run: false,
  force_timeframe_check: false,
  current_tf: '1m',
  symbols: ['BTCUSDT'],
} as const;

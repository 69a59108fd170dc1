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

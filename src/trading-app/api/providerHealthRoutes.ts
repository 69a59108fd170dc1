import type { FastifyInstance } from 'fastify';
import { checkProviderHealth } from '../health/providerHealth.ts';
import type { TradingAppApiDependencies } from './apiDependencies.ts';

/**
 * `GET /provider/health` (docs/reference/seed-contracts.md#provider-health; the original had only a CLI check): 200
 * with the report when the venue answered, 503 with the same report when it did not.
 */
export function registerProviderHealthRoutes(app: FastifyInstance, deps: TradingAppApiDependencies): void {
  app.get('/provider/health', async (_request, reply) => {
    const report = await checkProviderHealth({ exchange: deps.exchange, ...deps.providerHealth }, deps.clock);
    return reply.code(report.status === 'ok' ? 200 : 503).send(report);
  });
}

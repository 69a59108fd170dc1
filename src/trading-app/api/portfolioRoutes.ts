import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { TradingAppApiDependencies } from './apiDependencies.ts';
import { boundedInt, parseParameters } from './queryParameters.ts';

const PositionsQuerySchema = z.strictObject({
  status: z.enum(['open', 'closed'], { message: 'expected open or closed' }).optional(),
});

const AlertsQuerySchema = z.strictObject({ limit: boundedInt(1, 200, 50) });

/**
 * Positions as the callbacks built them, and balance alerts
 * (docs/reference/seed-contracts.md#callbacks, #balance-phases).
 */
export function registerPortfolioRoutes(app: FastifyInstance, deps: TradingAppApiDependencies): void {
  const { store } = deps;

  app.get('/api/positions', async (request) => {
    const query = parseParameters(PositionsQuerySchema, request.query);
    const data = await store.positions(query);
    return { status: 'ok', count: data.length, data };
  });

  app.get('/api/alerts', async (request) => {
    const query = parseParameters(AlertsQuerySchema, request.query);
    const data = await store.alerts(query);
    return { status: 'ok', count: data.length, data };
  });
}

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ApiError } from './ApiError.ts';
import type { TradingAppApiDependencies } from './apiDependencies.ts';
import { boundedInt, isoInstant, parseParameters } from './queryParameters.ts';

const HistoryQuerySchema = z
  .strictObject({
    from: isoInstant.optional(),
    to: isoInstant.optional(),
    interval: z.enum(['raw', 'minute', 'hour', 'day'], { message: 'expected raw, minute, hour or day' }).default('raw'),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    path: ['from'],
    message: 'must not be after to',
  });

const MetricsQuerySchema = z.strictObject({ days: boundedInt(1, 365, 30) });

/**
 * The seeds' next balance phases (docs/reference/seed-contracts.md#balance-phases): the balance the
 * worker last reported, its history, daily PnL and ROI.
 */
export function registerBalanceRoutes(app: FastifyInstance, deps: TradingAppApiDependencies): void {
  const { store } = deps;

  app.get('/api/balance/current', async () => {
    const balance = await store.currentBalance();
    if (!balance) throw new ApiError(404, 'balance_not_found', 'no balance signal received yet');
    return { status: 'ok', data: balance };
  });

  app.get('/api/balance/history', async (request) => {
    const query = parseParameters(HistoryQuerySchema, request.query);
    const data = await store.balanceHistory(query);
    return {
      status: 'ok',
      interval: query.interval,
      from: query.from?.toISOString() ?? null,
      to: query.to?.toISOString() ?? null,
      count: data.length,
      data,
    };
  });

  app.get('/api/balance/metrics', async (request) => {
    const { days } = parseParameters(MetricsQuerySchema, request.query);
    const data = await store.dailyBalanceMetrics(days, new Date(deps.clock.now()));
    return { status: 'ok', days, count: data.length, data };
  });
}

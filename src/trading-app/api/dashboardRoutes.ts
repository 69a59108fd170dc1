import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Logger } from '../../platform/logging/logger.ts';
import type { Dashboard } from '../dashboard/Dashboard.ts';
import { ApiError } from './ApiError.ts';
import { parseParameters } from './queryParameters.ts';

const NoParameters = z.strictObject({});

/**
 * The dashboard's reads (issue 13): positions and orders as the exchange holds them, and the
 * health banner. 503 without a venue with the account's data, 502 when the venue did not answer.
 */
export function registerDashboardRoutes(app: FastifyInstance, dashboard: Dashboard, logger: Logger): void {
  const fromVenue = async <T>(read: () => Promise<T | undefined>, what: string): Promise<T> => {
    let data: T | undefined;
    try {
      data = await read();
    } catch (error) {
      logger.warn({ err: error }, `could not read the ${what} for the dashboard`);
      throw new ApiError(502, 'exchange_unavailable');
    }
    if (data === undefined) {
      throw new ApiError(503, 'exchange_unavailable', `no venue with the account's ${what}: set BITMART_API_*`);
    }
    return data;
  };
  app.get('/api/dashboard/positions', async (request) => {
    parseParameters(NoParameters, request.query);
    const data = await fromVenue(async () => dashboard.positions?.read(), 'positions');
    return { status: 'ok', count: data.length, data };
  });
  app.get('/api/dashboard/orders', async (request) => {
    parseParameters(NoParameters, request.query);
    const data = await fromVenue(() => dashboard.orders(), 'orders');
    return { status: 'ok', count: data.length, data };
  });
  app.get('/api/dashboard/health', async (request) => {
    parseParameters(NoParameters, request.query);
    return { status: 'ok', data: await dashboard.health() };
  });
}

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ApiError } from './ApiError.ts';
import type { TradingAppApiDependencies } from './apiDependencies.ts';
import {
  boundedInt,
  clientOrderIdParameter,
  kindParameter,
  parseParameters,
  statusParameter,
  symbolParameter,
} from './queryParameters.ts';

const OrdersQuerySchema = z.strictObject({
  symbol: symbolParameter.optional(),
  status: statusParameter.optional(),
  kind: kindParameter.optional(),
  limit: boundedInt(1, 200, 50),
});

const OrderPathSchema = z.strictObject({ id: clientOrderIdParameter });

/** Our order API: orders as the worker reported them, each with its lifecycle (signals and callbacks). */
export function registerOrderRoutes(app: FastifyInstance, deps: TradingAppApiDependencies): void {
  const { store } = deps;

  app.get('/api/orders', async (request) => {
    const query = parseParameters(OrdersQuerySchema, request.query);
    const data = await store.orders(query);
    return { status: 'ok', count: data.length, data };
  });

  app.get('/api/orders/:id', async (request) => {
    const { id } = parseParameters(OrderPathSchema, request.params);
    const order = await store.order(id);
    if (!order) throw new ApiError(404, 'order_not_found', `no order with client order id ${id}`);
    return { status: 'ok', data: order };
  });
}

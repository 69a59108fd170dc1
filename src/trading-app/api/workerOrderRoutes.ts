import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { OrderDto, OrderWithLifecycleDto, PositionDto, TradingQueries } from '../TradingAppServices.ts';
import { ApiError } from './ApiError.ts';
import type { TradingAppApiDependencies } from './apiDependencies.ts';
import {
  boundedInt,
  clientOrderIdParameter,
  kindParameter,
  parseParameters,
  symbolParameter,
} from './queryParameters.ts';

const ListQuerySchema = z.strictObject({
  symbol: symbolParameter.optional(),
  kind: kindParameter.optional(),
  limit: boundedInt(1, 200, 50),
});

const ShowPathSchema = z.strictObject({ clientOrderId: clientOrderIdParameter });

/**
 * The original's order query API (docs/reference/seed-contracts.md#worker-order-queries), shape for shape, over our
 * store. It had order plans; we have none yet, so `plan_id` and `order_plan` are always null.
 */
export function registerWorkerOrderRoutes(app: FastifyInstance, deps: TradingAppApiDependencies): void {
  const { store } = deps;

  app.get('/api/ws-worker/orders', async (request) => {
    const query = parseParameters(ListQuerySchema, request.query);
    const [orders, positions] = await Promise.all([store.orders(query), store.positions({})]);
    const byEntry = positionsByEntryOrder(positions);
    const data = orders.map((order) => ({
      client_order_id: order.client_order_id,
      order_id: order.order_id,
      symbol: order.symbol,
      kind: order.kind,
      status: order.status,
      type: order.type,
      side: order.side,
      price: order.price,
      size: order.size,
      submitted_at: order.submitted_at,
      plan_id: null,
      position: byEntry.get(order.client_order_id.toUpperCase()) ?? null,
    }));
    return { status: 'ok', count: data.length, data };
  });

  app.get('/api/ws-worker/orders/:clientOrderId', async (request) => {
    const { clientOrderId } = parseParameters(ShowPathSchema, request.params);
    // The original upper-cased the id; the store compares case-insensitively.
    const order = await store.order(clientOrderId);
    if (!order) {
      throw new ApiError(404, 'order_not_found', `no order with client order id ${clientOrderId.toUpperCase()}`);
    }
    return { status: 'ok', data: await describeOrder(store, order) };
  });
}

async function describeOrder(store: TradingQueries, order: OrderWithLifecycleDto) {
  const { lifecycle, ...exchangeOrder } = order;
  const positions = await store.positions({});
  return {
    exchange_order: exchangeOrder satisfies OrderDto,
    order_lifecycle: {
      client_order_id: order.client_order_id,
      status: order.status,
      kind: order.kind,
      updated_at: order.updated_at,
      events: lifecycle,
    },
    order_plan: null,
    position: positionsByEntryOrder(positions).get(order.client_order_id.toUpperCase()) ?? null,
  };
}

function positionsByEntryOrder(positions: readonly PositionDto[]): Map<string, PositionDto> {
  // One entry order opens one position; should the store list an id twice, the later row wins.
  return new Map(positions.map((position) => [position.entry_order_id.toUpperCase(), position]));
}

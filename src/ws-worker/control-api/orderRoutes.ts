import type { FastifyInstance } from 'fastify';
import {
  CancelOrderRequestSchema,
  ClosePositionRequestSchema,
  OrderIdParameterSchema,
  PositionSymbolSchema,
} from '../../contracts/api/manualControls.ts';
import { MonitorPositionRequestSchema } from '../../contracts/api/monitorPosition.ts';
import { PlaceOrderRequestSchema } from '../../contracts/api/placeOrder.ts';
import { ReplaceProtectionsRequestSchema } from '../../contracts/api/replaceProtections.ts';
import { RequestIdSchema } from '../../contracts/api/requestFields.ts';
import { refuse } from './refuse.ts';
import { describeIssue } from './requestSchemas.ts';
import type { WorkerControl } from './WorkerControl.ts';

/** The entry-zone routes (docs/reference/seed-contracts.md#place-order, #monitor-position), over the execution. */
export function registerOrderRoutes(app: FastifyInstance, control: WorkerControl): void {
  app.post('/api/place-order', async (request, reply) => {
    const parsed = PlaceOrderRequestSchema.safeParse(request.body);
    if (!parsed.success)
      return refuse(reply, { ok: false, status: 400, error: describeIssue(parsed.error, request.body) });
    const outcome = await control.placeOrder(parsed.data);
    if (!outcome.accepted) return refuse(reply, { ok: false, status: outcome.status, error: outcome.error });
    // 202, not the original's 200: the order is queued, not placed; the callback tells what became of it.
    return reply.code(202).send({ ok: true, message: 'Order added to queue', order_id: outcome.id });
  });
  app.post('/api/monitor-position', async (request, reply) => {
    const parsed = MonitorPositionRequestSchema.safeParse(request.body);
    if (!parsed.success)
      return refuse(reply, { ok: false, status: 400, error: describeIssue(parsed.error, request.body) });
    const outcome = await control.monitorPosition(parsed.data);
    if (!outcome.accepted) return refuse(reply, { ok: false, status: outcome.status, error: outcome.error });
    // 200 as the original: unlike an entry, the position is monitored from this answer on.
    return reply.code(200).send({ ok: true, message: 'Position added for monitoring', position_id: outcome.id });
  });
  // Ours (issue 11): the trading-app's `POST /api/trade-tpsl/two-targets` moves the stop and
  // targets of a position this worker manages, through the worker that keeps them on the exchange.
  app.post<{ Params: { positionId: string } }>('/api/positions/:positionId/protections', async (request, reply) => {
    const id = RequestIdSchema.safeParse(request.params.positionId);
    if (!id.success)
      return refuse(reply, { ok: false, status: 400, error: `positionId: ${id.error.issues[0]?.message}` });
    const parsed = ReplaceProtectionsRequestSchema.safeParse(request.body);
    if (!parsed.success)
      return refuse(reply, { ok: false, status: 400, error: describeIssue(parsed.error, request.body) });
    const outcome = await control.replaceProtections(id.data, parsed.data);
    if (!outcome.ok) return reply.code(outcome.status).send({ ok: false, error: outcome.error, ...outcome.view });
    return { ok: true, ...outcome.view };
  });
  app.get('/api/orders/status', async () => control.ordersStatus());
  registerManualRoutes(app, control);
}

/**
 * Ours (issue 13): the dashboard's close, flatten and cancel reach the exchange through the worker,
 * which owns execution (docs/decisions/0024-dashboard-api.md). Refusals: 400 a bad parameter, 404
 * nothing of that name is open, 409 the order protects a position the worker manages, 502 the
 * exchange failed.
 */
function registerManualRoutes(app: FastifyInstance, control: WorkerControl): void {
  app.post<{ Params: { symbol: string } }>('/api/positions/:symbol/close', async (request, reply) => {
    const symbol = PositionSymbolSchema.safeParse(request.params.symbol);
    if (!symbol.success)
      return refuse(reply, { ok: false, status: 400, error: `symbol: ${symbol.error.issues[0]?.message}` });
    const parsed = ClosePositionRequestSchema.safeParse(request.body);
    if (!parsed.success)
      return refuse(reply, { ok: false, status: 400, error: describeIssue(parsed.error, request.body) });
    const outcome = await control.closeSymbol(symbol.data, parsed.data.id);
    if (!outcome.ok) return reply.code(outcome.status).send({ ok: false, error: outcome.error });
    return { ok: true, ...outcome.view };
  });
  app.post<{ Params: { orderId: string } }>('/api/orders/:orderId/cancel', async (request, reply) => {
    const orderId = OrderIdParameterSchema.safeParse(request.params.orderId);
    if (!orderId.success)
      return refuse(reply, { ok: false, status: 400, error: `orderId: ${orderId.error.issues[0]?.message}` });
    const parsed = CancelOrderRequestSchema.safeParse(request.body);
    if (!parsed.success)
      return refuse(reply, { ok: false, status: 400, error: describeIssue(parsed.error, request.body) });
    const outcome = await control.cancelOrder(parsed.data.symbol, orderId.data);
    if (!outcome.ok) return reply.code(outcome.status).send({ ok: false, error: outcome.error });
    return { ok: true, ...outcome.view };
  });
}

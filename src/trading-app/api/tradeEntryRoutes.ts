import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  type ExecuteOutcome,
  ExecuteRequestError,
  type RequestedTradeEntry,
} from '../trade-entry/RequestedTradeEntry.ts';
import type { TradeEntryMetrics } from '../trade-entry/TradeEntryMetrics.ts';
import { ApiError } from './ApiError.ts';
import { ExecuteBodySchema, seedTradeBody } from './seedTradeBodies.ts';

/** How each outcome of an execute answers (the body is the original's shape in every case). */
const EXECUTE_STATUS: Readonly<Record<ExecuteOutcome, number>> = {
  submitted: 200,
  simulated: 200,
  planned: 202,
  skipped: 422,
  failed: 502,
  unavailable: 503,
};

/**
 * The seeds' trade entry (pivox/tradingV3 `trading-app/src/TradeEntry/Controller/TradeEntryController.php`,
 * `TradeEntryMonitoringController`): `POST /api/trade-entry/execute` over `RequestedTradeEntry`,
 * and the monitoring counters over the trade record (`TradeEntryMetrics`).
 */
export function registerTradeEntryRoutes(
  app: FastifyInstance,
  entry: RequestedTradeEntry,
  metrics: TradeEntryMetrics,
): void {
  app.post('/api/trade-entry/execute', async (request, reply) => {
    const body = seedTradeBody(request, ExecuteBodySchema, 'Missing required field');
    const dryRun = body.dry_run ?? false;
    const unavailable = entry.unavailableReason(dryRun);
    if (unavailable) return refuseWithReason(reply, 503, 'trade_entry_unavailable', unavailable);
    const { symbol, side, mode, execution_tf, client_order_id, atr_value, dry_run: _dry, ...overrides } = body;
    try {
      const answer = await entry.execute({
        symbol,
        side,
        profile: mode,
        executionTimeframe: execution_tf,
        clientOrderId: client_order_id,
        dryRun,
        atrValue: atr_value,
        overrides,
      });
      return reply.code(EXECUTE_STATUS[answer.outcome]).send(answer.body);
    } catch (error) {
      if (!(error instanceof ExecuteRequestError)) throw error;
      if (error.conflict) return refuseWithReason(reply, 409, 'client_order_id_in_use', error.message);
      throw new ApiError(400, 'invalid_parameter', error.message, error.message);
    }
  });

  app.get('/api/trade-entry/monitoring/metrics', async () => metrics.counts());
  app.get('/api/trade-entry/monitoring/health', async () => metrics.health());
  app.post('/api/trade-entry/monitoring/reset-metrics', async () => {
    metrics.reset();
    return { message: 'Metrics reset successfully' };
  });
}

/**
 * A refusal whose reason is the caller's to act on (a 409, or a 503 naming the missing
 * configuration): the one error shape with the message kept, and the original's `error`.
 */
export function refuseWithReason(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  return reply.code(status).send({ status: 'error', code, message, error: message });
}

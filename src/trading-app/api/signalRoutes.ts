import type { FastifyInstance } from 'fastify';
import { BalanceSignalSchema } from '../../contracts/signals/balanceSignal.ts';
import { OrderCallbackSchema } from '../../contracts/signals/orderCallback.ts';
import { OrderSignalSchema } from '../../contracts/signals/orderSignal.ts';
import type { TradingAppApiDependencies } from './apiDependencies.ts';
import { receiveSignal } from './receiveSignal.ts';

const SIGNAL_JSON_ERRORS = { empty: 'invalid_json', malformed: 'invalid_json' } as const;

/**
 * The worker → app endpoints (docs/reference/seed-contracts.md#signal-answers, #callbacks). A trace id already stored
 * is answered 202 with `duplicate: true`: the worker delivers at least once, and a retry of a signal we stored is a
 * success for it (the original's spec said 409, which the worker also counts as delivered).
 */
export function registerSignalRoutes(app: FastifyInstance, deps: TradingAppApiDependencies): void {
  const { store } = deps;

  // Balance signals: seed-contracts.md#signal-answers.
  app.post('/api/ws-worker/balance', async (request, reply) => {
    const { signal, outcome } = await receiveSignal(deps, request, {
      kind: 'balance',
      schema: BalanceSignalSchema,
      ingest: (balance, receivedAt) => store.ingestBalance(balance, receivedAt),
      jsonErrors: SIGNAL_JSON_ERRORS,
    });
    return reply.code(202).send({
      status: 'accepted',
      asset: signal.asset,
      trace_id: signal.trace_id,
      timestamp: toAtom(signal.timestamp),
      duplicate: outcome.status === 'duplicate',
    });
  });

  // seed-contracts.md#signal-answers (the answer the original's spec describes; its endpoint never ran).
  app.post('/api/ws-worker/orders', async (request, reply) => {
    const { signal, outcome } = await receiveSignal(deps, request, {
      kind: 'order',
      schema: OrderSignalSchema,
      ingest: (order, receivedAt) => store.ingestOrder(order, receivedAt),
      jsonErrors: SIGNAL_JSON_ERRORS,
    });
    // An order of one of our trades (an entry filling, a target, a close): its record follows soon.
    if (outcome.status === 'stored' && signal.position_id) deps.tradeReconciliation?.requestSoon();
    return reply.code(202).send({
      status: 'accepted',
      trace_id: signal.trace_id,
      client_order_id: signal.client_order_id,
      exchange_order_id: signal.order_id ?? null,
      order_lifecycle_id: outcome.id,
      duplicate: outcome.status === 'duplicate',
    });
  });

  // seed-contracts.md#callbacks: `{"status":"ok"}`, with 202 as our other signals.
  app.post('/api/orders/callback', async (request, reply) => {
    const { outcome } = await receiveSignal(deps, request, {
      kind: 'callback',
      schema: OrderCallbackSchema,
      ingest: (callback, receivedAt) => store.ingestCallback(callback, receivedAt),
      jsonErrors: { empty: 'empty_body', malformed: 'invalid_json', codeAsMessage: true },
    });
    if (outcome.status === 'stored') deps.tradeReconciliation?.requestSoon();
    return reply.code(202).send({ status: 'ok', duplicate: outcome.status === 'duplicate' });
  });
}

/** PHP's DATE_ATOM in UTC (`2025-11-01T12:00:00+00:00`), the original's response format. */
export function toAtom(isoTimestamp: string): string {
  return new Date(isoTimestamp).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

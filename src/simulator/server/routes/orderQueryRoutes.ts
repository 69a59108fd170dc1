import { z } from 'zod';
import type { Clock } from '../../../platform/clock/index.ts';
import type { FlowType, SimEngine } from '../../engine/types.ts';
import type { Endpoint, PrivateInput } from '../endpoint.ts';
import { unwrap } from '../envelope.ts';
import { historyRange, idParam, intParam, parseParams, symbolParam } from '../params.ts';
import { orderHistoryWire, orderWire, planOrderWire, tradeWire, transactionWire } from '../wire/orderWire.ts';

/**
 * Order, trade and ledger queries, all KEYED GETs (docs/reference/bitmart-wire.md#transaction-history,
 * #order-queries).
 */

const OrderQuery = z.object({ symbol: symbolParam, order_id: idParam });
const HistoryQuery = z.object({
  symbol: symbolParam.optional(),
  order_id: idParam.optional(),
  client_order_id: z.string().min(1).optional(),
  start_time: intParam.optional(),
  end_time: intParam.optional(),
});
const OrderHistoryQuery = HistoryQuery.extend({ symbol: symbolParam });
const OpenOrdersQuery = z.object({
  symbol: symbolParam.optional(),
  type: z.enum(['limit', 'market', 'trailing']).optional(),
  limit: intParam.pipe(z.number().min(1).max(100)).optional(),
});
const PlanOrdersQuery = z.object({
  symbol: symbolParam.optional(),
  type: z.enum(['limit', 'market']).optional(),
  limit: intParam.pipe(z.number().min(1).max(100)).optional(),
  plan_type: z.enum(['plan', 'profit_loss']).optional(),
});
const TransactionQuery = z.object({
  symbol: symbolParam.optional(),
  flow_type: intParam.pipe(z.number().min(0).max(5)).optional(),
  start_time: intParam.optional(),
  end_time: intParam.optional(),
  page_size: intParam.pipe(z.number().min(1).max(1000)).default(100),
});

/** order-history and trades return at most 200 rows (bitmart-wire.md#order-history). */
const MAX_HISTORY_ROWS = 200;

function refFilter(query: z.output<typeof HistoryQuery>, nowMs: number) {
  return {
    ...(query.symbol === undefined ? {} : { symbol: query.symbol }),
    ...(query.order_id === undefined ? {} : { orderId: query.order_id }),
    ...(query.client_order_id === undefined ? {} : { clientOrderId: query.client_order_id }),
    // bitmart-wire.md#order-history: seconds per the docs, but ccxt sends ms; values above 1e12 are ms.
    ...historyRange(nowMs, query.start_time, query.end_time, 'seconds'),
  };
}

export function orderQueryEndpoints(engine: SimEngine, clock: Clock): Endpoint[] {
  const get = (name: string, handle: (input: PrivateInput) => unknown): Endpoint => ({
    method: 'GET',
    path: `/contract/private/${name}`,
    auth: 'keyed',
    handle,
  });
  return [
    // bitmart-wire.md#order-detail: symbol and order_id required; 40035 while unknown or inside the visibility window.
    get('order', ({ account, query }) => {
      const { symbol, order_id } = parseParams(OrderQuery, query);
      return orderWire(unwrap(engine.order(account.accountId, symbol, order_id)));
    }),
    get('order-history', ({ account, query }) => {
      const filter = refFilter(parseParams(OrderHistoryQuery, query), clock.now());
      return engine.orderHistory(account.accountId, filter).slice(0, MAX_HISTORY_ROWS).map(orderHistoryWire);
    }),
    get('get-open-orders', ({ account, query }) => {
      const { symbol, type, limit } = parseParams(OpenOrdersQuery, query);
      // The simulator has no trailing orders.
      if (type === 'trailing') return [];
      return engine
        .openOrders(account.accountId, { ...(symbol && { symbol }), ...(type && { type }), limit: limit ?? 100 })
        .map(orderWire);
    }),
    get('current-plan-order', ({ account, query }) => {
      const { symbol, type, limit, plan_type } = parseParams(PlanOrdersQuery, query);
      const plans = engine.currentPlanOrders(account.accountId, {
        ...(symbol && { symbol }),
        ...(plan_type && { planType: plan_type }),
        limit: limit ?? 100,
      });
      return plans.filter((plan) => type === undefined || plan.executionType === type).map(planOrderWire);
    }),
    get('trades', ({ account, query }) => {
      const filter = refFilter(parseParams(HistoryQuery, query), clock.now());
      return engine.trades(account.accountId, filter).slice(0, MAX_HISTORY_ROWS).map(tradeWire);
    }),
    // bitmart-wire.md#transaction-history: start/end in ms; flow_type 0 = all.
    get('transaction-history', ({ account, query }) => {
      const request = parseParams(TransactionQuery, query);
      const flowType = request.flow_type ? (request.flow_type as FlowType) : undefined;
      return engine
        .transactions(account.accountId, {
          ...(request.symbol && { symbol: request.symbol }),
          ...(flowType && { flowType }),
          pageSize: request.page_size,
          ...historyRange(clock.now(), request.start_time, request.end_time, 'ms'),
        })
        .map(transactionWire);
    }),
  ];
}

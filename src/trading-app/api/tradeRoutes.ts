import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Dec } from '../../platform/decimal/index.ts';
import type { TradeActivity, TradeRepository, TradeRow } from '../trades/TradeRepository.ts';
import { ApiError } from './ApiError.ts';
import type { TradingAppApiDependencies } from './apiDependencies.ts';
import { boundedInt, isoInstant, parseParameters, symbolParameter } from './queryParameters.ts';

const STATUSES = ['skipped', 'refused', 'planned', 'submitted', 'open', 'closed', 'cancelled', 'failed'] as const;

const ListQuerySchema = z.strictObject({
  symbol: symbolParameter.optional(),
  status: z.enum(STATUSES, { message: `expected one of ${STATUSES.join(', ')}` }).optional(),
  profile: z
    .string()
    .regex(/^[a-z0-9_]{1,40}$/, 'expected a profile name such as scalper_micro')
    .optional(),
  from: isoInstant.optional(),
  to: isoInstant.optional(),
  limit: boundedInt(1, 500, 100),
});

const ShowPathSchema = z.strictObject({ id: z.string().regex(/^[A-Za-z0-9:._-]{1,80}$/, 'expected a decision key') });

/**
 * The trade record (issue 11): one row per decision, refusals included, with its plan, the order
 * sent, and what became of it. `GET /api/trades/:id` adds the position the worker's callbacks built
 * and what the venue shows of the trade (its orders with their fills, its funding payments);
 * `POST /api/trades/:id/reconcile` reads the venue for it now (decision 0021).
 */
export function registerTradeRoutes(app: FastifyInstance, trades: TradeRepository, deps: TradingAppApiDependencies) {
  app.get('/api/trades', async (request) => {
    const query = parseParameters(ListQuerySchema, request.query);
    const rows = await trades.list(query);
    return { status: 'ok', count: rows.length, data: rows.map(tradeDto) };
  });
  app.get('/api/trades/:id', async (request) => {
    const { id } = parseParameters(ShowPathSchema, request.params);
    return { status: 'ok', data: await detail(trades, deps, id) };
  });
  app.post('/api/trades/:id/reconcile', async (request) => {
    const { id } = parseParameters(ShowPathSchema, request.params);
    const reconciliation = deps.tradeReconciliation;
    if (!reconciliation) throw new ApiError(503, 'reconciliation_unavailable', 'this trading-app has no venue to read');
    let outcome: string;
    try {
      outcome = await reconciliation.reconcile(id);
    } catch (error) {
      deps.logger.warn({ err: error, decisionKey: id }, 'trade reconciliation failed');
      throw new ApiError(502, 'exchange_unavailable');
    }
    if (outcome === 'not_found') throw new ApiError(404, 'trade_not_found', `no trade with decision key ${id}`);
    return { status: 'ok', outcome, data: await detail(trades, deps, id) };
  });
}

async function detail(trades: TradeRepository, deps: TradingAppApiDependencies, id: string) {
  const trade = await trades.find(id);
  if (!trade) throw new ApiError(404, 'trade_not_found', `no trade with decision key ${id}`);
  const positions = await deps.store.positions({});
  const position =
    positions.find((row) => row.entry_order_id.toUpperCase() === trade.decisionKey.toUpperCase()) ?? null;
  return { ...tradeDto(trade), position, ...activityDto(await trades.activity(trade.decisionKey)) };
}

const iso = (value: Date | null) => value?.toISOString() ?? null;

/** A trade row as `GET /api/trades` shows it (and the dashboard's `trade` event). */
export function tradeDto(trade: TradeRow) {
  const risk = riskOf(trade.plan);
  return {
    decision_key: trade.decisionKey,
    run_id: trade.runId,
    profile: trade.profile,
    symbol: trade.symbol,
    side: trade.side,
    execution_tf: trade.executionTimeframe,
    candle_open_time: iso(trade.candleOpenTime),
    status: trade.status,
    reason: trade.reason,
    detail: trade.detail,
    plan: trade.plan,
    entry_price: trade.entryPrice,
    quantity: trade.quantity,
    exit_reason: trade.exitReason,
    exit_price: trade.exitPrice,
    realized_pnl_gross: trade.realizedPnl,
    fees: trade.fees,
    funding: trade.funding,
    realized_pnl_net: trade.netPnl,
    r_multiple: trade.rMultiple,
    mae: excursionDto(trade.maePrice, trade.maeUsdt, risk),
    mfe: excursionDto(trade.mfePrice, trade.mfeUsdt, risk),
    accounting: trade.accounting,
    reconciled_at: iso(trade.reconciledAt),
    created_at: iso(trade.createdAt),
    submitted_at: iso(trade.submittedAt),
    opened_at: iso(trade.openedAt),
    closed_at: iso(trade.closedAt),
  };
}

/** The worst (MAE) or best (MFE) price while open, its PnL on the largest size held, and that in R. */
function excursionDto(price: string | null, usdt: string | null, risk: Dec | undefined) {
  if (price === null || usdt === null) return null;
  const r = risk?.gt(0) ? new Dec(usdt).div(risk).toDecimalPlaces(4).toFixed() : null;
  return { price, usdt, r };
}

function riskOf(plan: unknown): Dec | undefined {
  const risk = (plan as { risk_usdt?: unknown } | null)?.risk_usdt;
  return typeof risk === 'string' ? new Dec(risk) : undefined;
}

function activityDto(activity: TradeActivity) {
  return {
    orders: activity.orders.map((order) => ({
      order_id: order.orderId,
      client_order_id: order.clientOrderId,
      source: order.source,
      role: order.role,
      side: order.side,
      type: order.type,
      status: order.status,
      price: order.price,
      size: order.size,
      filled_size: order.filledSize,
      average_price: order.averagePrice,
      created_at: iso(order.createdAt),
      fills: activity.fills
        .filter((fill) => fill.orderId === order.orderId && order.source === 'order')
        .map((fill) => ({
          trade_id: fill.tradeId,
          side: fill.side,
          price: fill.price,
          size: fill.size,
          fee: fill.fee,
          liquidity: fill.liquidity,
          realized_pnl: fill.realizedPnl,
          filled_at: iso(fill.filledAt),
        })),
    })),
    funding_payments: activity.funding.map((payment) => ({ amount: payment.amount, paid_at: iso(payment.paidAt) })),
  };
}

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { TradeRepository, TradeRow } from '../trades/TradeRepository.ts';
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
 * sent, and what became of it. `GET /api/trades/:id` adds the position the worker's callbacks built.
 */
export function registerTradeRoutes(app: FastifyInstance, trades: TradeRepository, deps: TradingAppApiDependencies) {
  app.get('/api/trades', async (request) => {
    const query = parseParameters(ListQuerySchema, request.query);
    const rows = await trades.list(query);
    return { status: 'ok', count: rows.length, data: rows.map(tradeDto) };
  });
  app.get('/api/trades/:id', async (request) => {
    const { id } = parseParameters(ShowPathSchema, request.params);
    const trade = await trades.find(id);
    if (!trade) throw new ApiError(404, 'trade_not_found', `no trade with decision key ${id}`);
    const positions = await deps.store.positions({});
    const position =
      positions.find((row) => row.entry_order_id.toUpperCase() === trade.decisionKey.toUpperCase()) ?? null;
    return { status: 'ok', data: { ...tradeDto(trade), position } };
  });
}

function tradeDto(trade: TradeRow) {
  const iso = (value: Date | null) => value?.toISOString() ?? null;
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
    created_at: iso(trade.createdAt),
    submitted_at: iso(trade.submittedAt),
    opened_at: iso(trade.openedAt),
    closed_at: iso(trade.closedAt),
  };
}

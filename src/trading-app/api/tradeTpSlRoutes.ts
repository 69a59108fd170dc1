import type { FastifyInstance } from 'fastify';
import { Dec } from '../../platform/decimal/index.ts';
import { UnknownSymbolError } from '../trade-entry/preflight.ts';
import type { TwoTargetsOutcome, TwoTargetsService } from '../trade-entry/tpsl/TwoTargetsService.ts';
import { ApiError } from './ApiError.ts';
import { seedTradeBody, TwoTargetsBodySchema } from './seedTradeBodies.ts';
import { refuseWithReason } from './tradeEntryRoutes.ts';

/** How each outcome answers; the body is the original's `{symbol, side, dry_run, sl, tp1, tp2, submitted, cancelled}` plus ours. */
const TWO_TARGETS_STATUS: Readonly<Record<TwoTargetsOutcome, number>> = {
  computed: 200,
  replaced: 200,
  no_position: 409,
  not_managed: 409,
  conflict: 409,
  refused: 422,
  venue_refused: 502,
  worker_unavailable: 503,
};

/**
 * `POST /api/trade-tpsl/two-targets` (pivox/tradingV3 `trading-app/src/TradeEntry/Controller/TradeTpSlController.php`):
 * recompute SL, TP1, TP2 of an open position; unless `dry_run`, the worker managing it moves them
 * on the exchange. `dry_run` defaults to false, as the original's did, but a position no trade of
 * ours holds is never touched (409).
 */
export function registerTradeTpSlRoutes(app: FastifyInstance, service: TwoTargetsService | undefined): void {
  app.post('/api/trade-tpsl/two-targets', async (request, reply) => {
    const body = seedTradeBody(request, TwoTargetsBodySchema, 'Missing field');
    if (!service) {
      const why = 'two-targets needs a venue with credentials (BITMART_API_KEY…, or the simulator under up)';
      return refuseWithReason(reply, 503, 'trade_tpsl_unavailable', why);
    }
    try {
      const answer = await service.recalculate({
        symbol: body.symbol,
        side: body.side,
        dryRun: body.dry_run ?? false,
        entryPrice: body.entry_price === undefined ? undefined : new Dec(body.entry_price),
        size: body.size === undefined ? undefined : new Dec(body.size),
        rMultiple: body.r_multiple,
        split: body.split_pct,
        replaceStop: body.cancel_sl_if_diff ?? true,
        replaceTargets: body.cancel_tp ?? true,
        slFullSize: body.sl_full_size,
        hints: {
          momentum: body.momentum,
          mtfValidCount: body.mtf_valid_count,
          pullbackClear: body.pullback_clear,
          lateEntry: body.late_entry,
        },
      });
      return reply.code(TWO_TARGETS_STATUS[answer.outcome]).send(answer.body);
    } catch (error) {
      if (error instanceof UnknownSymbolError) {
        const message = `symbol: ${error.message}`;
        throw new ApiError(400, 'invalid_parameter', message, message);
      }
      throw error;
    }
  });
}

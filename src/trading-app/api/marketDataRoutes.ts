import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ApiError } from './ApiError.ts';
import type { TradingAppApiDependencies } from './apiDependencies.ts';
import { boolish, parseParameters } from './queryParameters.ts';
import { formOrJsonBody } from './requestBodies.ts';
import { schedulerJobFields } from './schedulerJobFields.ts';

const SYMBOL = /^[A-Z0-9]{2,30}$/;

/** `symbols` as a JSON array, a repeated query parameter or a comma-separated list; absent = all. */
const SymbolsSchema = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) =>
    (Array.isArray(value) ? value : (value ?? '').split(','))
      .map((symbol) => symbol.trim().toUpperCase())
      .filter((symbol) => symbol !== ''),
  )
  .pipe(z.array(z.string().regex(SYMBOL, 'expected symbols such as BTCUSDT')).max(1_000));

const SyncContractsInputSchema = z.strictObject({
  symbols: SymbolsSchema,
  // The original's daily scheduler job sends its MTF keys here too, and the original synced all
  // the same (docs/reference/seed-contracts.md#scheduler): checked, then ignored. A sync has nothing to dry-run.
  dry_run: boolish.optional(),
  ...schedulerJobFields,
});

/**
 * `GET|POST /api/mtf/sync-contracts` (docs/reference/seed-contracts.md#mtf-routes): copies the venue's contracts into
 * the store. The answer keeps the original's shape; `partial_success` when a requested symbol is not
 * listed. A venue failure is a 502: nothing was written.
 */
export function registerMarketDataRoutes(app: FastifyInstance, deps: TradingAppApiDependencies): void {
  app.route({
    method: ['GET', 'POST'],
    url: '/api/mtf/sync-contracts',
    config: { acceptsFormBody: true },
    handler: async (request) => {
      const contractSync = deps.marketData?.contractSync;
      if (contractSync === undefined) {
        throw new ApiError(503, 'market_data_unavailable', 'this trading-app has no exchange configured');
      }
      const input = parseParameters(SyncContractsInputSchema, {
        ...formOrJsonBody(request, '{"symbols":["BTCUSDT"]}'),
        ...queryOf(request),
      });
      let result: Awaited<ReturnType<typeof contractSync.sync>>;
      try {
        result = await contractSync.sync(input.symbols);
      } catch (error) {
        deps.logger.error({ err: error }, 'contract synchronization failed');
        throw new ApiError(502, 'exchange_unavailable');
      }
      return {
        status: result.errors.length === 0 ? 'success' : 'partial_success',
        message: 'Contract synchronization completed',
        data: {
          upserted: result.upserted,
          total_fetched: result.totalFetched,
          symbols_requested: result.symbolsRequested,
          timestamp: new Date(result.timestamp).toISOString(),
        },
        errors: result.errors,
      };
    },
  });
}

function queryOf(request: FastifyRequest): Record<string, unknown> {
  const query = (request.query ?? {}) as Record<string, unknown>;
  // `?symbols[]=A&symbols[]=B`, as PHP clients send arrays.
  if ('symbols[]' in query) {
    const { 'symbols[]': symbols, ...rest } = query;
    return { ...rest, symbols };
  }
  return query;
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { MIN_KLINES_LIMIT, RETENTION_DEFAULTS, type RetentionCleanup } from '../maintenance/RetentionCleanup.ts';
import { boolish, boundedIntField, parseParameters, symbolParameter } from './queryParameters.ts';
import { formOrJsonBody } from './requestBodies.ts';

const CleanupInputSchema = z.strictObject({
  symbol: symbolParameter.optional(),
  // As the original: nothing is deleted unless asked for in so many words.
  dry_run: boolish.optional().transform((value) => value ?? true),
  klines_limit: boundedIntField(MIN_KLINES_LIMIT, 1_000_000, RETENTION_DEFAULTS.klinesLimit),
  audit_days: boundedIntField(1, 3_650, RETENTION_DEFAULTS.auditDays),
  signal_days: boundedIntField(1, 3_650, RETENTION_DEFAULTS.signalDays),
});

const EXAMPLE = '{"dry_run":false,"klines_limit":500,"audit_days":3}';

/**
 * `GET|POST /api/maintenance/cleanup` and `GET /api/maintenance/cleanup/defaults` (reference
 * §2, Maintenance): parameters from the query string, a form or a JSON body.
 */
export function registerMaintenanceRoutes(app: FastifyInstance, cleanup: RetentionCleanup): void {
  app.route({
    method: ['GET', 'POST'],
    url: '/api/maintenance/cleanup',
    handler: async (request) => {
      const input = parseParameters(CleanupInputSchema, { ...bodyOf(request), ...(request.query as object) });
      const report = await cleanup.run({
        symbol: input.symbol,
        dryRun: input.dry_run,
        klinesLimit: input.klines_limit,
        auditDays: input.audit_days,
        signalDays: input.signal_days,
      });
      return { status: 'success', data: report };
    },
  });
  app.get('/api/maintenance/cleanup/defaults', async () => ({
    status: 'success',
    data: {
      dry_run: true,
      klines_limit: RETENTION_DEFAULTS.klinesLimit,
      min_klines_limit: MIN_KLINES_LIMIT,
      audit_days: RETENTION_DEFAULTS.auditDays,
      signal_days: RETENTION_DEFAULTS.signalDays,
    },
  }));
}

function bodyOf(request: FastifyRequest): Record<string, unknown> {
  return request.method === 'POST' ? formOrJsonBody(request, EXAMPLE) : {};
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { MIN_KLINES_LIMIT, RETENTION_DEFAULTS, type RetentionCleanup } from '../maintenance/RetentionCleanup.ts';
import { ApiError } from './ApiError.ts';
import { boolish, boundedIntField, parseParameters, symbolParameter } from './queryParameters.ts';
import { formOrJsonBody } from './requestBodies.ts';
import { schedulerJobFields } from './schedulerJobFields.ts';

/**
 * Deleting is asked for in so many words: JSON `false` or the text `false`. Anything that reads
 * as true (the original's `FILTER_VALIDATE_BOOLEAN` words) stays a dry run; `0`, `no`, `off` are
 * refused rather than guessed, as is anything that is no boolean (`""`, `" "`, `maybe`).
 */
const dryRunFlag = z
  .union([z.boolean(), z.number(), z.string()])
  .optional()
  .transform((value, context) => {
    if (value === undefined) return true;
    if (value === false || (typeof value === 'string' && value.trim().toLowerCase() === 'false')) return false;
    const read = boolish.safeParse(value);
    if (read.success && read.data) return true;
    context.addIssue({
      code: 'custom',
      message: read.success
        ? 'to delete, say dry_run=false in so many words (JSON false or "false")'
        : 'expected true or false',
    });
    return z.NEVER;
  });

const CleanupInputSchema = z.strictObject({
  symbol: symbolParameter.optional(),
  /** The scheduler's key: one symbol is `symbol`; several are refused rather than widened to all. */
  symbols: z.union([z.array(symbolParameter), symbolParameter]).optional(),
  dry_run: dryRunFlag,
  klines_limit: boundedIntField(MIN_KLINES_LIMIT, 1_000_000, RETENTION_DEFAULTS.klinesLimit),
  audit_days: boundedIntField(1, 3_650, RETENTION_DEFAULTS.auditDays),
  signal_days: boundedIntField(1, 3_650, RETENTION_DEFAULTS.signalDays),
  // Sent by the original's scheduler with every job (docs/reference/seed-contracts.md#scheduler);
  // nothing to do with cleanup.
  ...schedulerJobFields,
});

const EXAMPLE = '{"dry_run":false,"klines_limit":500,"audit_days":3}';

/**
 * `GET|POST /api/maintenance/cleanup` and `GET /api/maintenance/cleanup/defaults`
 * (docs/reference/seed-contracts.md#maintenance): parameters from the query string, a form or a JSON body. Only a POST
 * deletes, and only with `dry_run=false`; a GET is always a dry run, so no link or image can delete anything.
 */
export function registerMaintenanceRoutes(app: FastifyInstance, cleanup: RetentionCleanup): void {
  app.route({
    method: ['GET', 'POST'],
    url: '/api/maintenance/cleanup',
    config: { acceptsFormBody: true },
    handler: async (request) => {
      const input = parseParameters(CleanupInputSchema, { ...bodyOf(request), ...(request.query as object) });
      if (!input.dry_run && request.method !== 'POST') {
        throw new ApiError(400, 'invalid_parameter', 'dry_run: deleting needs a POST; a GET is always a dry run');
      }
      const report = await cleanup.run({
        symbol: symbolOf(input),
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

function symbolOf(input: z.infer<typeof CleanupInputSchema>): string | undefined {
  const listed = input.symbols === undefined ? [] : [input.symbols].flat();
  const named = [...new Set([...(input.symbol === undefined ? [] : [input.symbol]), ...listed])];
  if (named.length > 1) {
    throw new ApiError(
      400,
      'invalid_parameter',
      `symbols: cleanup takes one symbol or none (all), not ${named.length}`,
    );
  }
  return named[0];
}

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AUDIT_SORTS, type AuditVerdict, type MtfService } from '../mtf-runner/index.ts';
import { boundedInt, isoInstant, parseParameters, symbolParameter } from './queryParameters.ts';

/** The original's verdict words (docs/reference/seed-contracts.md#mtf-audits), each naming one verdict. */
const VERDICT_WORDS: Readonly<Record<string, AuditVerdict>> = {
  passed: 'SUCCESS',
  success: 'SUCCESS',
  valid: 'SUCCESS',
  warning: 'WARNING',
  partial: 'WARNING',
  failed: 'FAILED',
  error: 'FAILED',
  invalid: 'FAILED',
  skipped: 'SKIPPED',
  pending: 'SKIPPED',
};

const AuditPageQuerySchema = z.strictObject({
  page: boundedInt(1, 1_000_000, 1),
  limit: boundedInt(1, 500, 50),
  runId: z.string().max(64).optional(),
  symbol: symbolParameter.optional(),
  step: z.string().max(100).optional(),
  verdict: z
    .string()
    .transform((word) => VERDICT_WORDS[word.toLowerCase()])
    .refine((verdict) => verdict !== undefined, `expected one of ${Object.keys(VERDICT_WORDS).join(', ')}`)
    .optional(),
  dateFrom: isoInstant.optional(),
  dateTo: isoInstant.optional(),
  sort: z.enum(AUDIT_SORTS, { message: `expected one of ${AUDIT_SORTS.join(', ')}` }).default('createdAt'),
  order: z
    .string()
    .transform((order) => order.toLowerCase())
    .pipe(z.enum(['asc', 'desc'], { message: 'expected asc or desc' }))
    .default('desc'),
});

/** `GET /api/mtf-audits` (seed-contracts.md#mtf-audits): the audit trail by pages, in the original's shape. */
export function registerMtfAuditRoutes(app: FastifyInstance, mtf: MtfService): void {
  app.get('/api/mtf-audits', async (request) => {
    const query = parseParameters(AuditPageQuerySchema, request.query);
    return mtf.auditPage(query);
  });
}

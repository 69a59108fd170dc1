import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { MTF_TIMEFRAMES } from '../mtf/timeframes.ts';
import { MtfRunRequestError, type MtfService, UnknownProfileError } from '../mtf-runner/index.ts';
import { ApiError } from './ApiError.ts';
import { isoInstant, parseParameters, symbolParameter } from './queryParameters.ts';

const DiagnoseQuerySchema = z.strictObject({
  symbol: symbolParameter,
  profile: z.string().max(40).optional(),
  timeframe: z.enum(MTF_TIMEFRAMES, { message: `expected one of ${MTF_TIMEFRAMES.join(', ')}` }).optional(),
  at: isoInstant.optional(),
  run_id: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,64}$/, 'expected a run id')
    .optional(),
});

/**
 * `GET /api/mtf/diagnose`: one symbol's decision tree, every condition with its value, threshold and
 * verdict, evaluated from the stored candles by the diagnose command's code (`diagnoseSymbol`), now,
 * at a given time, or as a recorded run saw it. Nothing is written.
 */
export function registerDiagnoseRoutes(app: FastifyInstance, mtf: MtfService): void {
  app.get('/api/mtf/diagnose', async (request) => {
    const query = parseParameters(DiagnoseQuerySchema, request.query);
    try {
      const diagnosis = await mtf.diagnose({
        symbol: query.symbol,
        profile: query.profile,
        timeframe: query.timeframe,
        at: query.at?.getTime(),
        runId: query.run_id,
      });
      if (!diagnosis) throw new ApiError(404, 'run_not_found', `run_id: no run ${query.run_id}`);
      return { status: 'success', data: diagnosis };
    } catch (error) {
      if (error instanceof UnknownProfileError)
        throw new ApiError(400, 'invalid_parameter', `profile: ${error.message}`);
      if (error instanceof MtfRunRequestError) throw new ApiError(400, 'invalid_parameter', error.message);
      throw error;
    }
  });
}

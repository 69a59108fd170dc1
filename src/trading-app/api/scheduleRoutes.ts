import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Scheduler } from '../schedules/Scheduler.ts';
import { ApiError } from './ApiError.ts';
import { parseParameters } from './queryParameters.ts';

const RunPathSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9-]{1,40}$/, 'expected a schedule name such as mtf-run'),
});

/**
 * `GET /api/schedules`: each in-process schedule with its last run (time, outcome, duration,
 * summary) and its next; `POST /api/schedules/:name/run` runs one now, under the same overlap rule
 * (never two at once).
 */
export function registerScheduleRoutes(app: FastifyInstance, scheduler: Scheduler): void {
  app.get('/api/schedules', async () => {
    const data = scheduler.status();
    return { status: 'ok', count: data.length, data };
  });
  app.post('/api/schedules/:name/run', async (request, reply) => {
    const { name } = parseParameters(RunPathSchema, request.params);
    if (!scheduler.trigger(name)) throw new ApiError(404, 'schedule_not_found', `no schedule named ${name}`);
    return reply.code(202).send({ status: 'accepted', name });
  });
}

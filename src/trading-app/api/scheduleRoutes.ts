import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Schedules } from '../schedules/Schedules.ts';
import { ApiError } from './ApiError.ts';
import { parseParameters } from './queryParameters.ts';

const RunPathSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9-]{1,40}$/, 'expected a schedule name such as mtf-run'),
});

/**
 * `GET /api/schedules`: each schedule with its last run (time, outcome, duration, summary) and its
 * next; with the schedules on BullMQ (decision 0030), `queue` shows the shared queue (waiting,
 * active, failed and stalled jobs, the workers seen and their last heartbeat), else it is null.
 * `POST /api/schedules/:name/run` runs one now, under the same overlap rule (never two at once in
 * one instance).
 */
export function registerScheduleRoutes(app: FastifyInstance, scheduler: Schedules): void {
  app.get('/api/schedules', async () => {
    const { data, queue } = await scheduler.report();
    return { status: 'ok', count: data.length, data, queue };
  });
  app.post('/api/schedules/:name/run', async (request, reply) => {
    const { name } = parseParameters(RunPathSchema, request.params);
    if (!scheduler.trigger(name)) throw new ApiError(404, 'schedule_not_found', `no schedule named ${name}`);
    return reply.code(202).send({ status: 'accepted', name });
  });
}

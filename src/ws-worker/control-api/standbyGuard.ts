import type { FastifyInstance } from 'fastify';

/**
 * A worker that does not hold its account's lease (decision 0037) answers every request that would
 * place, change or close something, or claim a stream, with 503 and the reason: the app sends it to
 * the active worker instead. `/status`, `/help`, reads and `/stop` still answer.
 * `refusal()` returns the reason while the worker must not take orders, `undefined` once it may.
 */
export function registerStandbyGuard(app: FastifyInstance, refusal: () => string | undefined): void {
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'POST' || request.routeOptions.url === undefined || request.url === '/stop') return;
    const reason = refusal();
    if (reason !== undefined) await reply.code(503).header('Retry-After', '1').send({ ok: false, error: reason });
  });
}

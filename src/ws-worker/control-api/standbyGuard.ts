import type { FastifyInstance } from 'fastify';

/** What a standby still answers: who it is, how to use it, and how to stop it. */
const ALWAYS_ANSWERED = new Set(['GET /status', 'GET /help', 'POST /stop']);

/**
 * A worker that does not hold its account's lease (decision 0037) answers every request about
 * orders, positions or streams with 503 and the reason (an order status it does not know would
 * mislead as much as an order it placed): the app sends it to the active worker instead.
 * `refusal()` returns the reason while the worker must not take orders, `undefined` once it may.
 */
export function registerStandbyGuard(app: FastifyInstance, refusal: () => string | undefined): void {
  app.addHook('onRequest', async (request, reply) => {
    const route = request.routeOptions.url;
    if (route === undefined || ALWAYS_ANSWERED.has(`${request.method} ${route}`)) return;
    const reason = refusal();
    if (reason !== undefined) await reply.code(503).header('Retry-After', '1').send({ ok: false, error: reason });
  });
}

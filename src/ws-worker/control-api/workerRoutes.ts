import type { FastifyInstance, FastifyRequest } from 'fastify';
import { helpDocument } from './help.ts';
import type { WorkerControl } from './WorkerControl.ts';

/** `GET /status`, `GET /help`, `POST /stop`. */
export function registerWorkerRoutes(
  app: FastifyInstance,
  control: WorkerControl,
  baseUrl: () => string,
  tokenRequired: boolean,
): void {
  app.get('/status', async () => control.status());
  app.get('/help', async () => helpDocument(baseUrl(), tokenRequired));
  // Only a request the handler accepted stops the worker: a route's onResponse also runs after a
  // refusal by the guard, the token check or the body parser, none of which reaches the handler.
  const accepted = new WeakSet<FastifyRequest>();
  app.post(
    '/stop',
    {
      // The shutdown closes this server: it starts once the answer is on the wire, not before.
      onResponse: async (request, reply) => {
        if (accepted.has(request) && reply.statusCode === 200) control.requestStop();
      },
    },
    async (request) => {
      accepted.add(request);
      return { ok: true, message: 'Worker stopped' };
    },
  );
}

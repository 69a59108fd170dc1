import type { FastifyInstance } from 'fastify';
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
  app.post(
    '/stop',
    {
      // The shutdown closes this server: it starts once the answer is on the wire, not before.
      onResponse: async () => control.requestStop(),
    },
    async () => ({ ok: true, message: 'Worker stopped' }),
  );
}

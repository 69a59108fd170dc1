import type { FastifyInstance } from 'fastify';
import type { Clock } from '../../platform/clock/index.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Clock.monotonicMicros() when the request arrived, handed to the engine for latency measurement. */
    receivedAtMicros: number;
  }
}

/** Stamps each request with its arrival on the simulator's clock. */
export function registerReceivedAt(app: FastifyInstance, clock: Clock): void {
  app.decorateRequest('receivedAtMicros', 0);
  app.addHook('onRequest', async (request) => {
    request.receivedAtMicros = clock.monotonicMicros();
  });
}

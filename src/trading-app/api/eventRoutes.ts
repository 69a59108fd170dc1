import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Clock } from '../../platform/clock/index.ts';
import type { DashboardEvents } from '../dashboard/DashboardEvents.ts';
import { parseParameters } from './queryParameters.ts';

/** How long a browser waits before it reconnects (EventSource's `retry`), and the idle keep-alive. */
const RETRY_MS = 2_000;
const KEEP_ALIVE_MS = 15_000;

/**
 * `GET /api/events`: Server-Sent Events, written here (the protocol is a few lines of text): a
 * `retry`, then `event: NAME` / `data: JSON` pairs as `DashboardEvents` sends them, and a comment
 * every 15 s so proxies keep an idle stream open. The stream ends when the client goes or the app
 * stops (`forceCloseConnections`); the client's EventSource reconnects on its own.
 */
export function registerEventRoutes(app: FastifyInstance, events: DashboardEvents, clock: Clock): void {
  app.get('/api/events', async (request, reply) => {
    parseParameters(z.strictObject({}), request.query);
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    raw.write(`retry: ${RETRY_MS}\n\n`);
    const disconnect = events.connect({
      send: (event, data) => {
        if (!raw.writableEnded) raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      },
    });
    const keepAlive = clock.setInterval(() => {
      if (!raw.writableEnded) raw.write(': keep-alive\n\n');
    }, KEEP_ALIVE_MS);
    raw.on('close', () => {
      clock.clearTimer(keepAlive);
      disconnect();
    });
  });
}

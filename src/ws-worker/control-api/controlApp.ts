import { timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  BodyNotJsonError,
  type HttpServerSettings,
  registerCrossSiteGuard,
  registerJsonBody,
  requestTimeoutOptions,
} from '../../platform/http/index.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import { registerChannelRoutes } from './channelRoutes.ts';
import { registerOrderRoutes } from './orderRoutes.ts';
import { refuse } from './refuse.ts';
import { registerStandbyGuard } from './standbyGuard.ts';
import type { WorkerControl } from './WorkerControl.ts';
import { registerWorkerRoutes } from './workerRoutes.ts';

export interface ControlApiOptions {
  /** Bearer token every request must carry; required by the config on a non-loopback address. */
  readonly token: string | undefined;
  readonly logger: Logger;
  /** Where the API is reachable, for the curl examples of `/help`. */
  readonly baseUrl: () => string;
  /** `CTRL_ADDR`'s host and `CTRL_ALLOWED_HOSTS`, for the cross-site guard; the request timeout. */
  readonly http?: HttpServerSettings;
  /** With a lease (decision 0037): why this worker takes no orders now (standby), or `undefined`. */
  readonly standby?: () => string | undefined;
}

/**
 * The control API of the seeds (docs/reference/seed-contracts.md#control-api, #place-order). Every answer is JSON
 * `{"ok":…}` except an unknown path or method, which is a plain-text 404 `Not Found` as the
 * original (a wrong method is 404 too, not 405: the original matched method and path together).
 * Cross-site requests are refused first (403/415), then a missing token (401).
 */
export function buildControlApi(control: WorkerControl, options: ControlApiOptions): FastifyInstance {
  const app = Fastify({
    logger: false,
    forceCloseConnections: true,
    bodyLimit: 64 * 1024,
    ...requestTimeoutOptions(options.http?.requestTimeoutMs),
  });
  registerCrossSiteGuard(app, {
    ...options.http,
    refuse: (reply, refusal) => refuse(reply, { ok: false, status: refusal.status, error: refusal.message }),
  });
  // Bodies are JSON (the guard refused every other content type); an empty one means `{}`, so the
  // seeds' bodyless `curl -X POST …/orders/subscribe` works.
  registerJsonBody(app, { parse: 'now' });
  if (options.token !== undefined) registerBearerCheck(app, options.token);
  if (options.standby) registerStandbyGuard(app, options.standby);
  registerWorkerRoutes(app, control, options.baseUrl, options.token !== undefined);
  registerChannelRoutes(app, control);
  registerOrderRoutes(app, control);
  app.setNotFoundHandler((_request, reply) => reply.code(404).type('text/plain').send('Not Found'));
  app.setErrorHandler((error, request, reply) => {
    const status = (error as { statusCode?: unknown }).statusCode;
    if (error instanceof BodyNotJsonError) return refuse(reply, { ok: false, status: 400, error: error.message });
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return refuse(reply, { ok: false, status: 400, error: (error as Error).message });
    }
    options.logger.error({ err: error, method: request.method, url: request.url }, 'control API request failed');
    return reply.code(500).send({ ok: false, error: 'internal error' });
  });
  return app;
}

function registerBearerCheck(app: FastifyInstance, token: string): void {
  const expected = Buffer.from(`Bearer ${token}`, 'utf8');
  app.addHook('onRequest', async (request, reply) => {
    const received = Buffer.from(request.headers.authorization ?? '', 'utf8');
    const matches = received.length === expected.length && timingSafeEqual(received, expected);
    if (!matches) {
      await reply
        .code(401)
        .header('WWW-Authenticate', 'Bearer')
        .send({ ok: false, error: 'missing or wrong bearer token (Authorization: Bearer $CTRL_TOKEN)' });
    }
  });
}

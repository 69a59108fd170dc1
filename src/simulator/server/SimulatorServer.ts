import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import { BitmartCodes } from '../../exchange/bitmart/protocol/codes.ts';
import type { Clock } from '../../platform/clock/index.ts';
import {
  BodyNotJsonError,
  type HttpServerSettings,
  registerJsonBody,
  requestTimeoutOptions,
} from '../../platform/http/index.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import type { SimEngine } from '../engine/types.ts';
import type { Market } from '../market/types.ts';
import { registerEndpoints } from './endpoint.ts';
import { sendBitmartError, TraceIds } from './envelope.ts';
import { OkxFaceState } from './okx/OkxFaceState.ts';
import { registerOkxRestFace } from './okx/okxFace.ts';
import { OKX_WS_PATHS, type OkxWsGateway } from './okx/ws/OkxWsGateway.ts';
import { RateLimiter } from './RateLimiter.ts';
import { rateLimitFamilyFor } from './rateLimitFamilies.ts';
import { registerReceivedAt } from './receivedAt.ts';
import { accountEndpoints } from './routes/accountRoutes.ts';
import { registerAdminRoutes } from './routes/adminRoutes.ts';
import { orderQueryEndpoints } from './routes/orderQueryRoutes.ts';
import { orderEndpoints } from './routes/orderRoutes.ts';
import { planOrderEndpoints } from './routes/planOrderRoutes.ts';
import { publicMarketEndpoints } from './routes/publicMarketRoutes.ts';
import { systemEndpoints } from './routes/systemRoutes.ts';
import { transferEndpoints } from './routes/transferRoutes.ts';
import type { WsGateway } from './WsGateway.ts';

/**
 * The simulator's single port: BitMart's REST API (docs/reference/bitmart-wire.md), the WebSocket upgrade
 * for `/api` and `/user` (#hosts, handed to the gateway), and the `/sim/` admin API; beside them, its
 * OKX face under `/api/v5` (decision 0027).
 */
export interface SimulatorServerDependencies {
  readonly market: Market;
  readonly engine: SimEngine;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly wsGateway: WsGateway;
  /** Refuse requests over BitMart's limits with 429/30013; the headers are sent either way. */
  readonly rateLimits: boolean;
  /** Let non-loopback callers use `/sim/` (default false). */
  readonly adminAllowRemote?: boolean;
  /** The bound host and other `Host` names `/sim/` accepts; the time to receive a request. */
  readonly http?: HttpServerSettings;
  /** What the OKX face keeps beside the engine (tags, oco legs, dead-man timers); shared with its WebSockets. */
  readonly okxState?: OkxFaceState;
  /** Upgrades on `/ws/v5/public|private|business` (any query) go here; refused without it. */
  readonly okxWsGateway?: OkxWsGateway;
}

export interface RunningSimulatorServer {
  /** `http://host:port`. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** WS paths of BitMart's futures V2 gateway (bitmart-wire.md#hosts); any query such as `?protocol=1.1` is accepted. */
const WS_PATHS = new Set(['/api', '/user']);

export function buildSimulatorApp(deps: SimulatorServerDependencies): FastifyInstance {
  const app = Fastify({
    logger: false,
    forceCloseConnections: true,
    ...requestTimeoutOptions(deps.http?.requestTimeoutMs),
  });
  const traces = new TraceIds(deps.clock);
  const limiter = new RateLimiter(deps.clock, deps.rateLimits);
  registerReceivedAt(app, deps.clock);
  // Signed routes verify over the raw text; an empty body is `{}`, as clients that POST nothing
  // (cancel-orders without params, admin calls) mean it.
  registerJsonBody(app, { parse: 'now' });

  const services = { engine: deps.engine, clock: deps.clock, limiter, traces };
  registerEndpoints(app, services, [
    ...systemEndpoints(deps.clock),
    ...publicMarketEndpoints(deps.market, deps.clock),
    ...accountEndpoints(deps.engine, deps.market, deps.clock),
    ...orderQueryEndpoints(deps.engine, deps.clock),
    ...orderEndpoints(deps.engine),
    ...planOrderEndpoints(deps.engine),
    ...transferEndpoints(deps.clock),
  ]);
  registerAdminRoutes(app, { ...deps, allowRemote: deps.adminAllowRemote ?? false });
  const okxState = deps.okxState ?? new OkxFaceState(deps.engine, deps.clock);
  if (!deps.okxState) app.addHook('onClose', async () => okxState.stop());
  registerOkxRestFace(
    app,
    { engine: deps.engine, market: deps.market, clock: deps.clock, state: okxState },
    { logger: deps.logger, rateLimits: deps.rateLimits },
  );

  // An unknown path (or method) is 30000 with HTTP 404 (bitmart-wire.md#codes).
  app.setNotFoundHandler((request, reply) => {
    const family = rateLimitFamilyFor(request.url);
    limiter.writeHeaders(reply, family, limiter.peek(`${request.url}|ip:${request.ip}`, family));
    return sendBitmartError(reply, BitmartCodes.notFound, traces.next());
  });
  // BitMart's side (/sim/ has its own handler): a body that is not JSON is 30018; anything else
  // is a bug: logged, answered without internals.
  app.setErrorHandler((error, request, reply) => {
    if (!reply.hasHeader('X-BM-RateLimit-Limit')) {
      const family = rateLimitFamilyFor(request.url.split('?')[0] ?? '');
      limiter.writeHeaders(reply, family, 0);
    }
    if (error instanceof BodyNotJsonError) return sendBitmartError(reply, BitmartCodes.bodyNotJson, traces.next());
    // Fastify's own 4xx (body too large, bad content length): the request was wrong, not the server.
    const status = (error as { statusCode?: unknown }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return sendBitmartError(reply, BitmartCodes.invalidRequest, traces.next());
    }
    deps.logger.error({ err: error, method: request.method, url: request.url }, 'simulator request failed');
    return sendBitmartError(reply, BitmartCodes.systemError, traces.next());
  });

  app.server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    const okxEndpoint = OKX_WS_PATHS.get(pathname);
    if (WS_PATHS.has(pathname)) deps.wsGateway.handleUpgrade(request, socket, head);
    else if (okxEndpoint && deps.okxWsGateway) deps.okxWsGateway.handleUpgrade(request, socket, head, okxEndpoint);
    else socket.destroy();
  });
  return app;
}

/**
 * Listens on `address` (port 0 = ephemeral). `close()` stops the HTTP side only: the WebSocket
 * gateway belongs to the composition root, which closes it first (see simulator/main.ts).
 */
export async function startSimulatorServer(
  deps: SimulatorServerDependencies,
  address: { host: string; port: number },
): Promise<RunningSimulatorServer> {
  const app = buildSimulatorApp({ ...deps, http: { ...deps.http, boundHost: address.host } });
  await app.listen({ host: address.host, port: address.port });
  const port = (app.server.address() as AddressInfo).port;
  const host = address.host.includes(':') ? `[${address.host}]` : address.host;
  return {
    url: `http://${host}:${port}`,
    port,
    close: async () => {
      await app.close();
    },
  };
}

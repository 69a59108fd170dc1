import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { BitmartCodes } from '../../exchange/bitmart/protocol/codes.ts';
import type { Clock } from '../../platform/clock/index.ts';
import type { AccountCredentials, SimEngine } from '../engine/types.ts';
import { type AuthLevel, authenticateKeyed, authenticateSigned } from './auth.ts';
import { BitmartReplyError, sendBitmartError, sendOk, type TraceIds } from './envelope.ts';
import type { RateLimiter } from './RateLimiter.ts';
import { type RateLimitFamily, rateLimitFamilyFor } from './rateLimitFamilies.ts';

/**
 * One BitMart REST endpoint: its path, auth level and a thin handler that parses its params, calls
 * the engine or market, and returns the wire `data`. Handlers throw `BitmartReplyError` to refuse;
 * this module owns the order of checks: auth, then the rate limit, then the handler, so a refused
 * request changes nothing.
 */
interface RequestInput {
  readonly query: unknown;
  readonly body: unknown;
}

export interface PrivateInput extends RequestInput {
  readonly account: AccountCredentials;
  readonly receivedAtMicros: number;
}

export type Endpoint =
  | {
      readonly method: 'GET' | 'POST';
      readonly path: string;
      readonly auth: 'none';
      handle(input: RequestInput): unknown;
    }
  | {
      readonly method: 'GET' | 'POST';
      readonly path: string;
      readonly auth: Exclude<AuthLevel, 'none'>;
      handle(input: PrivateInput): unknown;
    };

export interface EndpointServices {
  readonly engine: SimEngine;
  readonly clock: Clock;
  readonly limiter: RateLimiter;
  readonly traces: TraceIds;
}

export function registerEndpoints(
  app: FastifyInstance,
  services: EndpointServices,
  endpoints: readonly Endpoint[],
): void {
  for (const endpoint of endpoints) {
    const family = rateLimitFamilyFor(endpoint.path);
    app.route({
      method: endpoint.method,
      url: endpoint.path,
      handler: async (request, reply) => serve(services, endpoint, family, request, reply),
    });
  }
}

function serve(
  services: EndpointServices,
  endpoint: Endpoint,
  family: RateLimitFamily,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  const trace = services.traces.next();
  let bucket = `${endpoint.path}|ip:${request.ip}`;
  try {
    const account = authenticate(services, endpoint.auth, request);
    if (account && family.per === 'key') bucket = `${endpoint.path}|key:${account.apiKey}`;
    const decision = services.limiter.take(bucket, family);
    services.limiter.writeHeaders(reply, family, decision.used);
    if (!decision.allowed) throw new BitmartReplyError(BitmartCodes.tooManyRequests);
    const input = { query: request.query, body: request.body };
    const data =
      endpoint.auth === 'none'
        ? endpoint.handle(input)
        : endpoint.handle({ ...input, account: account!, receivedAtMicros: request.receivedAtMicros });
    return sendOk(reply, endpoint.path, data, trace);
  } catch (error) {
    if (!reply.hasHeader('X-BM-RateLimit-Limit')) {
      services.limiter.writeHeaders(reply, family, services.limiter.peek(bucket, family));
    }
    if (error instanceof BitmartReplyError) return sendBitmartError(reply, error.info, trace, error.message);
    throw error;
  }
}

function authenticate(
  services: EndpointServices,
  level: AuthLevel,
  request: FastifyRequest,
): AccountCredentials | undefined {
  if (level === 'none') return undefined;
  if (level === 'keyed') return authenticateKeyed(services.engine, request.headers);
  return authenticateSigned(services.engine, services.clock, request.headers, request.rawBody);
}

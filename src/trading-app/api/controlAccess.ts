import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from './ApiError.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route changes what the platform does (a control): a caller that is not on loopback must
     * carry `Authorization: Bearer $APP_API_TOKEN`. Cross-site requests are refused before, by the
     * guard every route has (decision 0013).
     */
    readonly control?: boolean;
  }
}

/**
 * Controls answer loopback freely (the operator's own machine, `npm start`); from anywhere else
 * only with the API token, and not at all when none is configured. The peer address is the
 * socket's: a proxy in front makes every caller look like it (and should then demand its own auth).
 */
export function registerControlAccess(app: FastifyInstance, token: string | undefined): void {
  const expected = token === undefined ? undefined : Buffer.from(`Bearer ${token}`, 'utf8');
  app.addHook('preHandler', async (request) => {
    if (request.routeOptions.config.control !== true || isLoopback(request)) return;
    if (!expected) {
      throw new ApiError(403, 'token_required', 'controls from another machine need APP_API_TOKEN to be set');
    }
    const received = Buffer.from(request.headers.authorization ?? '', 'utf8');
    if (received.length !== expected.length || !timingSafeEqual(received, expected)) {
      throw new ApiError(401, 'token_required', 'send Authorization: Bearer $APP_API_TOKEN');
    }
  });
}

/** The caller's address, for the audit record. */
export function peerAddress(request: FastifyRequest): string | undefined {
  return request.socket.remoteAddress;
}

function isLoopback(request: FastifyRequest): boolean {
  const address = peerAddress(request) ?? '';
  return address === '::1' || /^(::ffff:)?127\./.test(address);
}

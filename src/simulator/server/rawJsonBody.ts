import type { FastifyInstance } from 'fastify';
import type { Clock } from '../../platform/clock/index.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The body exactly as received: SIGNED endpoints verify the HMAC over these bytes (bitmart-api.md §2.3). */
    rawBody: string;
    /** Clock.monotonicMicros() when the request arrived, handed to the engine for latency measurement. */
    receivedAtMicros: number;
  }
}

/** The body is not JSON: BitMart answers 30018 "Request Body requires JSON format" (§2.6). */
export class BodyNotJsonError extends Error {
  override readonly name = 'BodyNotJsonError';
  readonly code = 'SIM_BODY_NOT_JSON';
  constructor() {
    super('request body is not JSON');
  }
}

export function isBodyNotJsonError(error: unknown): error is BodyNotJsonError {
  return error instanceof Error && (error as { code?: unknown }).code === 'SIM_BODY_NOT_JSON';
}

/**
 * Replaces fastify's body parsers with one that keeps the raw string and parses JSON itself, for
 * every content type (some clients omit it). An empty body counts as `{}`, as clients that POST
 * nothing (cancel-orders without params, admin calls) mean it.
 */
export function registerRawJsonBody(app: FastifyInstance, clock: Clock): void {
  app.decorateRequest('rawBody', '');
  app.decorateRequest('receivedAtMicros', 0);
  app.addHook('onRequest', async (request) => {
    request.receivedAtMicros = clock.monotonicMicros();
  });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (request, body, done) => {
    const raw = typeof body === 'string' ? body : body.toString('utf8');
    request.rawBody = raw;
    if (raw.trim() === '') {
      done(null, {});
      return;
    }
    try {
      done(null, JSON.parse(raw));
    } catch {
      done(new BodyNotJsonError(), undefined);
    }
  });
}

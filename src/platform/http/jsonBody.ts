import type { FastifyInstance } from 'fastify';
import { type JsonTextOutcome, parseJsonText } from './jsonText.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The body exactly as received: a signature (the worker's HMAC, BitMart's) covers these bytes. */
    rawBody: string;
  }
}

/** The body is not JSON, nests too deep or holds text we refuse to store: a 400 that says where. */
export class BodyNotJsonError extends Error {
  override readonly name = 'BodyNotJsonError';
  readonly statusCode = 400;
  readonly reason: Exclude<JsonTextOutcome, { ok: true }>['reason'];

  constructor(failure: Exclude<JsonTextOutcome, { ok: true }>) {
    super(failure.problem);
    this.reason = failure.reason;
  }
}

export interface JsonBodyOptions {
  /**
   * `now`: the body is parsed before the route runs (`parseJsonText`, an empty body is `{}`, a
   * failure is a `BodyNotJsonError` for the server's error handler). `later`: the body is the raw
   * string, for routes that must check a signature before they look at the JSON.
   */
  readonly parse: 'now' | 'later';
  /** Bytes; fastify's default (1 MiB) otherwise. */
  readonly bodyLimit?: number;
}

/**
 * Every content type is read as JSON text (the cross-site guard already refused the types a
 * browser can send across sites; some clients omit the header), and kept on `request.rawBody`.
 */
export function registerJsonBody(app: FastifyInstance, options: JsonBodyOptions): void {
  app.decorateRequest('rawBody', '');
  app.removeAllContentTypeParsers();
  const limit = options.bodyLimit === undefined ? {} : { bodyLimit: options.bodyLimit };
  app.addContentTypeParser('*', { parseAs: 'string', ...limit }, (request, body, done) => {
    const raw = typeof body === 'string' ? body : body.toString('utf8');
    request.rawBody = raw;
    if (options.parse === 'later') {
      done(null, raw);
      return;
    }
    if (raw.trim() === '') {
      done(null, {});
      return;
    }
    const parsed = parseJsonText(raw, 'request body');
    if (parsed.ok) done(null, parsed.value);
    else done(new BodyNotJsonError(parsed), undefined);
  });
}

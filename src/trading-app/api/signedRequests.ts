import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  verifyWorkerSignature,
  WORKER_SIGNATURE_HEADER,
  WORKER_TIMESTAMP_HEADER,
} from '../../platform/hmac/workerSignature.ts';
import { parseJsonText } from '../../platform/http/index.ts';
import { ApiError } from './ApiError.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The body exactly as received: the worker's HMAC covers these bytes, not a re-serialisation. */
    rawBody: string;
  }
}

/** Signals are small (a balance or an order with its raw exchange payload); 1 MiB is generous. */
const BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * Keeps every request body as the raw string and parses nothing: a signed endpoint must check the
 * signature before it looks at the JSON (an unauthenticated caller learns nothing about the
 * payload rules), so routes parse with `parseJsonBody` after `authenticateWorker`.
 */
export function registerRawBody(app: FastifyInstance): void {
  app.decorateRequest('rawBody', '');
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: BODY_LIMIT_BYTES }, (request, body, done) => {
    request.rawBody = typeof body === 'string' ? body : body.toString('utf8');
    done(null, request.rawBody);
  });
}

export type WorkerAuthFailure = 'missing_headers' | 'bad_timestamp' | 'stale_timestamp' | 'bad_signature';

/** Seed 002's check: both headers, ±60 s, HMAC over the raw body in constant time. */
export function checkWorkerSignature(
  request: FastifyRequest,
  secret: string,
  nowMs: number,
): WorkerAuthFailure | undefined {
  const check = verifyWorkerSignature(
    secret,
    {
      timestamp: headerValue(request, WORKER_TIMESTAMP_HEADER),
      signature: headerValue(request, WORKER_SIGNATURE_HEADER),
    },
    request.rawBody,
    nowMs,
  );
  return check.ok ? undefined : check.reason;
}

function headerValue(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? undefined : value;
}

/**
 * Empty or malformed JSON is a 400 with `code`. The signal endpoints answer the code alone (§2.4);
 * the callback receiver of PR #6 (§1.11) put it in `message` and told `empty_body` apart, so
 * `codeAsMessage` repeats it there for senders that read that field. JSON nested too deep, or
 * holding text PostgreSQL cannot store, is a 400 `invalid_payload` saying where: it used to fail
 * in the store as a 500, which the worker retried for minutes.
 */
export function parseJsonBody(
  raw: string,
  codes: { empty: string; malformed: string; codeAsMessage?: boolean },
): unknown {
  const fail = (code: string): ApiError => new ApiError(400, code, codes.codeAsMessage ? code : undefined);
  if (raw.trim() === '') throw fail(codes.empty);
  const parsed = parseJsonText(raw);
  if (parsed.ok) return parsed.value;
  if (parsed.reason === 'not_json') throw fail(codes.malformed);
  throw new ApiError(400, 'invalid_payload', parsed.problem);
}

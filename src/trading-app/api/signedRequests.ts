import type { FastifyRequest } from 'fastify';
import {
  verifyWorkerSignature,
  WORKER_SIGNATURE_HEADER,
  WORKER_TIMESTAMP_HEADER,
} from '../../platform/hmac/workerSignature.ts';
import { parseJsonText } from '../../platform/http/index.ts';
import { ApiError } from './ApiError.ts';

export type WorkerAuthFailure = 'missing_headers' | 'bad_timestamp' | 'stale_timestamp' | 'bad_signature';

/**
 * The seeds' check (docs/reference/seed-contracts.md#signal-signing): both headers, ±60 s, HMAC over
 * the raw body in constant time.
 */
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
 * Empty or malformed JSON is a 400 with `code`. The signal endpoints answer the code alone
 * (seed-contracts.md#signal-answers); the original's callback receiver (seed-contracts.md#callbacks) put it in
 * `message` and told `empty_body` apart, so `codeAsMessage` repeats it there for senders that read that field. JSON
 * nested too deep, or holding text PostgreSQL cannot store, is a 400 `invalid_payload` saying where: it used to fail
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

import type { FastifyRequest } from 'fastify';
import { ApiError } from './ApiError.ts';

/**
 * Request bodies, from the raw text the server keeps (signed routes need the bytes, see
 * signedRequests.ts). An empty body is `{}`; anything but a JSON object is a 400 naming `body`.
 */
export function jsonBody(request: FastifyRequest, example: string): Record<string, unknown> {
  const raw = typeof request.body === 'string' ? request.body.trim() : '';
  if (raw === '') return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      return parsed as Record<string, unknown>;
    }
  } catch {
    // The 400 below says what was expected.
  }
  throw new ApiError(400, 'invalid_json', `body: expected a JSON object such as ${example}`);
}

/**
 * A form (`application/x-www-form-urlencoded`, as the original's PHP clients post) or a JSON
 * object. A form field given more than once is an array; `name[]` is read as `name`.
 */
export function formOrJsonBody(request: FastifyRequest, example: string): Record<string, unknown> {
  if (!String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    return jsonBody(request, example);
  }
  const fields: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(typeof request.body === 'string' ? request.body : '')) {
    const name = key.endsWith('[]') ? key.slice(0, -2) : key;
    const known = fields[name];
    fields[name] = known === undefined ? value : [...(Array.isArray(known) ? known : [known]), value];
  }
  return fields;
}

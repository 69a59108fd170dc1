import type { FastifyRequest } from 'fastify';
import { findUnstorableText, parseJsonText } from '../../platform/http/index.ts';
import { ApiError } from './ApiError.ts';

/**
 * Request bodies, from the raw text the server keeps (signed routes need the bytes, see
 * signedRequests.ts). An empty body is `{}`; anything but a JSON object is a 400 naming `body`;
 * text PostgreSQL cannot store (a NUL, an unpaired surrogate) is a 400 naming the field.
 */
export function jsonBody(request: FastifyRequest, example: string): Record<string, unknown> {
  const raw = typeof request.body === 'string' ? request.body.trim() : '';
  if (raw === '') return {};
  const parsed = parseJsonText(raw);
  if (!parsed.ok && parsed.reason === 'unstorable_text') throw new ApiError(400, 'invalid_parameter', parsed.problem);
  if (!parsed.ok && parsed.reason === 'too_deep') throw new ApiError(400, 'invalid_json', parsed.problem);
  if (parsed.ok && typeof parsed.value === 'object' && parsed.value !== null && !Array.isArray(parsed.value)) {
    return parsed.value as Record<string, unknown>;
  }
  throw new ApiError(400, 'invalid_json', `body: expected a JSON object such as ${example}`);
}

/**
 * A form (`application/x-www-form-urlencoded`, as the original's PHP clients post) or a JSON
 * object. A form field given more than once is an array; `name[]` is read as `name`. Routes that
 * read it say so with `config: { acceptsFormBody: true }` (platform/http/crossSiteGuard.ts).
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
  const problem = findUnstorableText(fields, 'body');
  if (problem !== undefined) throw new ApiError(400, 'invalid_parameter', problem);
  return fields;
}

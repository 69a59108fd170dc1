import { z } from 'zod';

/**
 * What a futures WS client sends (docs/reference/bitmart-wire.md#websocket-requests). Parsed loosely, as a venue would:
 * extra keys are ignored, and numeric args (JKorf sends the login timestamp as a string, others may not)
 * are read as their decimal text.
 */
export const ClientRequestSchema = z.looseObject({
  action: z.string(),
  args: z
    .array(z.union([z.string(), z.number().transform((value) => String(value))]))
    .optional()
    .default([]),
});
export type ClientRequest = z.infer<typeof ClientRequestSchema>;

/** The documented limit on the total length of `args` in one request (bitmart-wire.md#websocket-connection). */
export const MAX_ARGS_BYTES = 4096;

export type ClientMessage =
  | { readonly kind: 'textPing' }
  | { readonly kind: 'request'; readonly request: ClientRequest }
  | { readonly kind: 'argsTooLong'; readonly request: ClientRequest; readonly bytes: number }
  | { readonly kind: 'malformed'; readonly reason: string };

export function parseClientMessage(text: string): ClientMessage {
  const trimmed = text.trim();
  if (trimmed === 'ping') return { kind: 'textPing' };
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch {
    return { kind: 'malformed', reason: 'message is not valid JSON' };
  }
  const parsed = ClientRequestSchema.safeParse(json);
  if (!parsed.success) {
    return { kind: 'malformed', reason: 'message must be {"action":string,"args":[string...]}' };
  }
  const bytes = argsByteLength(parsed.data.args);
  if (bytes > MAX_ARGS_BYTES) return { kind: 'argsTooLong', request: parsed.data, bytes };
  return { kind: 'request', request: parsed.data };
}

function argsByteLength(args: readonly string[]): number {
  let total = 0;
  for (const arg of args) total += Buffer.byteLength(arg, 'utf8');
  return total;
}

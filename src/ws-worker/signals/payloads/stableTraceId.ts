import { createHash } from 'node:crypto';

/**
 * A trace id derived from what identifies a signal rather than drawn at random (the PHP worker's
 * 16 random bytes): the same exchange event replayed after a reconnect yields the same id, and the
 * app deduplicates it. 32 hex characters, the PHP format.
 */
export function stableTraceId(...parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\u001f')).digest('hex').slice(0, 32);
}

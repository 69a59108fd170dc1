import { createHash } from 'node:crypto';
import type { RateLimitUsage } from '../port/types.ts';

/** One limiter bucket as both venues' limiters report it; the bucket is `endpoint|scope[|...]`. */
export interface BucketUsage {
  readonly bucket: string;
  readonly used: number;
  readonly limit: number;
  readonly blockedForMs: number;
}

/** A limiter's buckets as the port's usage rows (health reports): an `ip` scope, or the key's. */
export function rateLimitUsageOf(buckets: readonly BucketUsage[]): readonly RateLimitUsage[] {
  return buckets.map(({ bucket, used, limit, blockedForMs }) => {
    const [endpoint = bucket, scope = ''] = bucket.split('|');
    return { endpoint, scope: scope === 'ip' ? 'ip' : 'key', used, limit, blockedForMs };
  });
}

/**
 * The API key as a limiter bucket names it: a short hash, so two keys count apart and the key
 * itself never appears in a bucket name, a health report or a log; `none` without a key.
 */
export function keyFingerprintOf(apiKey: string | undefined): string {
  return apiKey ? createHash('sha256').update(apiKey).digest('hex').slice(0, 12) : 'none';
}

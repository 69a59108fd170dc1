import { type OkxRateLimit, okxRateLimitFor } from '../../../exchange/okx/protocol/rateLimits.ts';
import type { Clock } from '../../../platform/clock/index.ts';
import { RateLimiter } from '../RateLimiter.ts';
import type { OkxEndpoint } from './endpoint.ts';
import { fieldsOf } from './params.ts';

/**
 * OKX's limits as OKX counts them (`exchange/okx/protocol/rateLimits.ts`): per IP, per User ID (the
 * simulator's account), per User ID and instrument, per tag; batches count their orders per
 * instrument, a batch of one counts as a single request. Fixed windows on the injected clock; a
 * refused request is not counted. Off (nothing counted) unless `SIM_RATE_LIMITS` is on.
 */
export class OkxRateLimits {
  readonly #limiter: RateLimiter;
  readonly #enforce: boolean;

  constructor(clock: Clock, enforce: boolean) {
    this.#limiter = new RateLimiter(clock, enforce);
    this.#enforce = enforce;
  }

  /** Counts the request and says whether it is within every limit it falls under. */
  admit(endpoint: OkxEndpoint, path: string, body: unknown, ip: string, accountId: string | undefined): boolean {
    if (!this.#enforce) return true;
    let rule = okxRateLimitFor(endpoint.method, path);
    if (!rule) return true;
    let rulePath = path;
    const items = Array.isArray(body) ? body.map(fieldsOf) : [fieldsOf(body)];
    if (rule.perOrder && items.length === 1 && rule.singleOf) {
      rulePath = rule.singleOf;
      rule = okxRateLimitFor('POST', rule.singleOf) ?? rule;
    }
    const counts = new Map<string, number>();
    const countsPerRequest = !rule.perOrder;
    for (const item of countsPerRequest ? items.slice(0, 1) : items) {
      const bucket = `${endpoint.method} ${rulePath}|${scopeKey(rule, item, ip, accountId)}`;
      counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
    }
    const family = { limit: rule.limit, windowSeconds: rule.windowMs / 1_000, per: 'key' as const };
    for (const [bucket, count] of counts) {
      if (this.#limiter.peek(bucket, family) + count > rule.limit) return false;
    }
    for (const [bucket, count] of counts)
      for (let taken = 0; taken < count; taken++) this.#limiter.take(bucket, family);
    return true;
  }
}

function scopeKey(
  rule: OkxRateLimit,
  item: Readonly<Record<string, unknown>>,
  ip: string,
  accountId: string | undefined,
): string {
  const text = (name: string) => (typeof item[name] === 'string' ? (item[name] as string) : '');
  switch (rule.per) {
    case 'ip':
      return `ip:${ip}`;
    case 'ipInstType':
      return `ip:${ip}|${text('instType')}`;
    case 'ipInstId':
      return `ip:${ip}|${text('instId')}`;
    case 'user':
      return `user:${accountId}`;
    case 'userInstId':
      return `user:${accountId}|${text('instId')}`;
    case 'userTag':
      return `user:${accountId}|tag:${text('tag')}`;
  }
}

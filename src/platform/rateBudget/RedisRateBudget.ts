import { Redis } from 'ioredis';
import type { RateBudget } from './RateBudget.ts';

/**
 * The shared budget on Redis: one sorted set of send times per bucket, read and written by one Lua
 * script, so two processes never both take the last send of a window. Keys live at least a minute
 * after their last send (a window is seconds): an idle bucket leaves nothing behind.
 */
const TAKE = `
local now = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local window = tonumber(ARGV[3])
local keep = tonumber(ARGV[4])
local blocked = tonumber(redis.call('GET', KEYS[2]) or '0')
if blocked > now then return blocked - now end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
if count < limit then
  local seq = redis.call('INCR', KEYS[3])
  redis.call('ZADD', KEYS[1], now, seq)
  redis.call('PEXPIRE', KEYS[1], keep)
  redis.call('PEXPIRE', KEYS[3], keep)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], count - limit, count - limit, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now)
`;

const BLOCK = `
local blockedUntil = tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if blockedUntil > current then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) end
return 0
`;

const KEEP_MS = 60_000;
const ANSWER_WITHIN_MS = 1_000;

type BudgetRedis = Redis & {
  rateBudgetTake(log: string, blocked: string, seq: string, ...args: number[]): Promise<number>;
  rateBudgetBlock(blocked: string, until: number, keepMs: number): Promise<number>;
};

export class RedisRateBudget implements RateBudget {
  readonly #redis: BudgetRedis;
  readonly #prefix: string;

  /** `url` is the server (`REDIS_URL`); `prefix` the namespace shared by the processes of one account. */
  constructor(url: string, prefix: string) {
    // An answer within a second or none: a limiter that gets none counts alone rather than hold a close.
    const redis = new Redis(url, { maxRetriesPerRequest: 1, commandTimeout: ANSWER_WITHIN_MS });
    // Connection errors reach the limiter as failed takes (BudgetLink warns once); ioredis would
    // otherwise print each reconnect attempt as an unhandled error event.
    redis.on('error', () => {});
    redis.defineCommand('rateBudgetTake', { numberOfKeys: 3, lua: TAKE });
    redis.defineCommand('rateBudgetBlock', { numberOfKeys: 1, lua: BLOCK });
    this.#redis = redis as BudgetRedis;
    this.#prefix = prefix;
  }

  take(bucket: string, limit: number, windowMs: number, now: number): Promise<number> {
    const keys = this.#keys(bucket);
    return this.#redis.rateBudgetTake(
      keys.log,
      keys.blocked,
      keys.seq,
      now,
      limit,
      windowMs,
      Math.max(KEEP_MS, windowMs),
    );
  }

  async block(bucket: string, until: number): Promise<void> {
    await this.#redis.rateBudgetBlock(this.#keys(bucket).blocked, until, KEEP_MS);
  }

  async close(): Promise<void> {
    await this.#redis.quit();
  }

  /** One hash tag per bucket: the script's keys land on one node of a cluster. */
  #keys(bucket: string): { log: string; blocked: string; seq: string } {
    const base = `${this.#prefix}:rate-budget:{${bucket}}`;
    return { log: `${base}:log`, blocked: `${base}:blocked`, seq: `${base}:seq` };
  }
}

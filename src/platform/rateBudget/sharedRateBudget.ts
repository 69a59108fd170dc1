import type { SharedQueueConfig } from '../queue/queueConnection.ts';
import { PostgresRateBudget } from './PostgresRateBudget.ts';
import type { RateBudget } from './RateBudget.ts';
import { RedisRateBudget } from './RedisRateBudget.ts';

/** The REST budget on the shared queue's server and namespace: the processes of one queue share one budget. */
export function sharedRateBudget(config: SharedQueueConfig): RateBudget {
  return config.backend === 'redis'
    ? new RedisRateBudget(config.url, config.prefix)
    : new PostgresRateBudget(config.url, config.prefix);
}

import {
  createPostgresBackend,
  FlowProducer,
  type Processor,
  Queue,
  Worker,
  type WorkerOptions,
  withBackend,
} from 'bullmq';
import type { QueueConfig } from '../config/queueConfig.ts';

export type SharedQueueConfig = Exclude<QueueConfig, { backend: 'inprocess' }>;

/**
 * BullMQ's classes bound to one backend and namespace (decision 0030): the same Queue, Worker and
 * FlowProducer API on PostgreSQL (`createPostgresBackend`, its own schema, migrated on connect) and
 * on Redis (a key prefix). Callers name queues, never connections.
 */
export interface QueueConnection {
  readonly backend: SharedQueueConfig['backend'];
  readonly prefix: string;
  queue(name: string): Queue;
  worker(name: string, processor: Processor, options?: Omit<WorkerOptions, 'connection' | 'prefix'>): Worker;
  flowProducer(): FlowProducer;
}

export function queueConnection(config: SharedQueueConfig): QueueConnection {
  if (config.backend === 'postgres') {
    const classes = withBackend(createPostgresBackend);
    // A config object, not the bare URL: only that form carries the schema (BullMQ's own rule).
    const connection = { connectionString: config.url, schema: config.prefix, migrate: true };
    return {
      backend: 'postgres',
      prefix: config.prefix,
      queue: (name) => new classes.Queue(name, { connection }) as unknown as Queue,
      worker: (name, processor, options) =>
        new classes.Worker(name, processor, { ...options, connection }) as unknown as Worker,
      flowProducer: () => new classes.FlowProducer({ connection }) as unknown as FlowProducer,
    };
  }
  const url = new URL(config.url);
  const connection = {
    host: url.hostname,
    port: Number(url.port || 6379),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.pathname.length > 1 ? { db: Number(url.pathname.slice(1)) } : {}),
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
    // BullMQ's workers block on Redis: a request must wait for a reconnect, not fail after 20 tries.
    maxRetriesPerRequest: null,
  };
  return {
    backend: 'redis',
    prefix: config.prefix,
    queue: (name) => new Queue(name, { connection, prefix: config.prefix }),
    worker: (name, processor, options) =>
      new Worker(name, processor, { ...options, connection, prefix: config.prefix }),
    flowProducer: () => new FlowProducer({ connection, prefix: config.prefix }),
  };
}

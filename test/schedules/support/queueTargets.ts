import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { QueueConfig } from '../../../src/platform/config/queueConfig.ts';
import { type QueueConnection, queueConnection } from '../../../src/platform/queue/queueConnection.ts';

export const POSTGRES_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** A BullMQ backend of this machine, under a namespace of its own that `dispose` removes. */
export interface QueueTarget {
  readonly name: 'postgres' | 'redis';
  readonly config: Exclude<QueueConfig, { backend: 'inprocess' }>;
  /** A new connection (each app instance has its own). */
  connect(): QueueConnection;
  /** Drops the namespace (PostgreSQL) or obliterates these queues (Redis: `schedules` by default). */
  dispose(queues?: readonly string[]): Promise<void>;
}

/** The variables a `bin/console` process needs to reach `target` (as `mtf:worker` on another machine would). */
export function queueEnvironment(target: QueueTarget): Record<string, string> {
  return target.config.backend === 'postgres'
    ? { QUEUE: 'postgres', DATABASE_URL: target.config.url, QUEUE_PREFIX: target.config.prefix }
    : { QUEUE: 'redis', REDIS_URL: target.config.url, QUEUE_PREFIX: target.config.prefix };
}

/** Both backends of this machine. */
export const QUEUE_TARGETS: readonly { name: 'postgres' | 'redis'; open: () => QueueTarget }[] = [
  { name: 'postgres', open: postgresTarget },
  { name: 'redis', open: redisTarget },
];

function uniquePrefix(): string {
  return `bq_test_${process.pid}_${randomBytes(4).toString('hex')}`;
}

function postgresTarget(): QueueTarget {
  const prefix = uniquePrefix();
  const config = { backend: 'postgres', url: POSTGRES_URL, prefix } as const;
  return {
    name: 'postgres',
    config,
    connect: () => queueConnection(config),
    async dispose() {
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      try {
        await client.query(`drop schema if exists ${prefix} cascade`);
      } finally {
        await client.end();
      }
    },
  };
}

function redisTarget(): QueueTarget {
  const prefix = uniquePrefix();
  const config = { backend: 'redis', url: REDIS_URL, prefix } as const;
  return {
    name: 'redis',
    config,
    connect: () => queueConnection(config),
    async dispose(queues = ['schedules']) {
      const connection = queueConnection(config);
      for (const name of queues) {
        const queue = connection.queue(name);
        await queue.obliterate({ force: true });
        await queue.close();
      }
    },
  };
}

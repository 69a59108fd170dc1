import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExecutionStore } from '../../src/ws-worker/execution/ExecutionStore.ts';
import { PostgresWorkerLease } from '../../src/ws-worker/lease/PostgresWorkerLease.ts';
import { PostgresSignalStore } from '../../src/ws-worker/signals/outbox/PostgresSignalStore.ts';
import type { SignalStorage } from '../../src/ws-worker/signals/outbox/SignalStorage.ts';
import { SignalStore, type StoredSignal } from '../../src/ws-worker/signals/outbox/SignalStore.ts';
import { PostgresSnapshotStorage } from '../../src/ws-worker/state/PostgresSnapshotStorage.ts';
import { FileSnapshotStorage, type SnapshotStorage } from '../../src/ws-worker/state/SnapshotStorage.ts';
import { WorkerStateDatabase } from '../../src/ws-worker/state/WorkerStateDatabase.ts';
import { TEST_DATABASE_URL, uniqueLeaseSchema } from './leaseSchema.ts';

/**
 * The worker's state on files (the default) and on PostgreSQL (WORKER_STATE=postgres) behave
 * alike: the same calls give the same loads. Each implementation gets a fresh place per test.
 */
const schema = uniqueLeaseSchema();
let root: string;
const databases: WorkerStateDatabase[] = [];
const leases: PostgresWorkerLease[] = [];
let accounts = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'worker-state-parity-'));
});
afterAll(async () => {
  await Promise.all(databases.map((database) => database.close()));
  await Promise.all(leases.map((lease) => lease.close()));
  await schema.drop();
  await rm(root, { recursive: true, force: true });
});

const TTL_MS = 60_000;
const NOW = Date.UTC(2026, 11, 7);

/** A fresh account on the schema, whose lease this worker holds (its writes need the current token). */
async function database(): Promise<WorkerStateDatabase & { takeOver(): Promise<void> }> {
  accounts += 1;
  const account = `parity:${accounts}`;
  const lease = await PostgresWorkerLease.open({
    databaseUrl: TEST_DATABASE_URL,
    schema: schema.name,
    account,
    ttlMs: TTL_MS,
  });
  const token = await lease.tryAcquire('parity-worker', 'http://127.0.0.1:1', NOW);
  const opened = await WorkerStateDatabase.open({
    databaseUrl: TEST_DATABASE_URL,
    schema: schema.name,
    account,
    token: () => token ?? null,
  });
  databases.push(opened);
  leases.push(lease);
  return Object.assign(opened, {
    // Another worker takes the expired lease: the next token.
    takeOver: async () => {
      await lease.tryAcquire('successor', 'http://127.0.0.1:2', NOW + TTL_MS);
    },
  });
}

async function directory(): Promise<string> {
  return mkdtemp(join(root, 'state-'));
}

interface SignalTarget {
  readonly name: string;
  make(): Promise<{ storage: SignalStorage; corrupt(seq: number): Promise<void> }>;
}

const signalTargets: SignalTarget[] = [
  {
    name: 'files',
    async make() {
      const where = await directory();
      return {
        storage: new SignalStore(where),
        corrupt: (seq) => writeFile(join(where, `${String(seq).padStart(16, '0')}.signal.json`), '{"half":'),
      };
    },
  },
  {
    name: 'PostgreSQL',
    async make() {
      const opened = await database();
      return {
        storage: new PostgresSignalStore(opened),
        corrupt: async (seq) => {
          await opened.pool.query(
            `insert into ${opened.table('worker_signals')} (account, seq, body) values ($1, $2, $3)`,
            [opened.account, seq, '{"half":'],
          );
        },
      };
    },
  },
];

function signal(seq: number, attempts = 0): StoredSignal {
  return {
    version: 1,
    seq,
    kind: 'order',
    url: 'http://127.0.0.1:8080/api/ws-worker/orders',
    orderingKey: `order-${seq % 2}`,
    traceId: `trace-${seq}`,
    payload: { order_id: `o${seq}`, price: '101.5' },
    attempts,
    nextAttemptAt: 1_000 * attempts,
    enqueuedAt: 1_765_000_000_000 + seq,
  };
}

describe.each(signalTargets)('the outbox storage on $name', (target) => {
  it('loads what was created, updated and not removed, in enqueue order', async () => {
    const { storage } = await target.make();
    expect((await storage.load()).signals).toEqual([]);
    for (const seq of [3, 1, 2, 4]) await storage.create(signal(seq));
    await storage.update(signal(2, 3));
    await storage.remove(signal(4));
    const loaded = await storage.load();
    expect(loaded.signals).toEqual([signal(1), signal(2, 3), signal(3)]);
    expect(loaded.quarantined).toEqual([]);
  });

  it('sets an unreadable entry aside, names it, and loads it no more', async () => {
    const { storage, corrupt } = await target.make();
    await storage.create(signal(1));
    await corrupt(2);
    const first = await storage.load();
    expect(first.signals).toEqual([signal(1)]);
    expect(first.quarantined).toHaveLength(1);
    const second = await storage.load();
    expect(second).toMatchObject({ signals: [signal(1)], quarantined: [] });
  });
});

const snapshotTargets: { name: string; make(): Promise<SnapshotStorage> }[] = [
  { name: 'files', make: async () => new FileSnapshotStorage(await directory(), 'execution.json') },
  { name: 'PostgreSQL', make: async () => new PostgresSnapshotStorage(await database(), 'execution') },
];

describe.each(snapshotTargets)('the execution snapshot on $name', (target) => {
  it('reads nothing before the first write, then the last write', async () => {
    const storage = await target.make();
    expect(await storage.read()).toBeUndefined();
    await storage.write('{"a":1}');
    await storage.write('{"a":2}');
    expect(await storage.read()).toBe('{"a":2}');
  });

  it('gives a new execution store what the previous one saved', async () => {
    const storage = await target.make();
    const first = new ExecutionStore(storage);
    await first.load();
    first.finish({ id: 'req-1', clientOrderIdBase: 'req1base' });
    await first.save();
    const second = new ExecutionStore(storage);
    await second.load();
    expect(second.knows('req-1')).toBe(true);
    expect(second.knows('other', 'req1base')).toBe(true);
    expect(second.knows('req-2')).toBe(false);
  });
});

it('keeps two accounts apart on one PostgreSQL schema', async () => {
  const [one, two] = [await database(), await database()];
  await new PostgresSignalStore(one).create(signal(1));
  await new PostgresSnapshotStorage(one, 'execution').write('{"one":true}');
  expect((await new PostgresSignalStore(two).load()).signals).toEqual([]);
  expect(await new PostgresSnapshotStorage(two, 'execution').read()).toBeUndefined();
});

it('writes no state on PostgreSQL once another worker took the lease', async () => {
  const opened = await database();
  const signals = new PostgresSignalStore(opened);
  const snapshot = new PostgresSnapshotStorage(opened, 'execution');
  await signals.create(signal(1));
  await snapshot.write('{"before":true}');
  await opened.takeOver();
  await expect(signals.create(signal(2))).rejects.toMatchObject({ fenced: true });
  await expect(snapshot.write('{"after":true}')).rejects.toMatchObject({ fenced: true });
  await signals.update(signal(1, 5));
  await signals.remove(signal(1));
  expect((await signals.load()).signals).toEqual([signal(1)]);
  expect(await snapshot.read()).toBe('{"before":true}');
});

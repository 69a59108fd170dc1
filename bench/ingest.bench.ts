import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import pg from 'pg';
import { Pool } from 'undici';
import { SystemClock } from '../src/platform/clock/index.ts';
import { signWorkerPayload } from '../src/platform/hmac/workerSignature.ts';
import { silentLogger } from '../src/platform/logging/logger.ts';
import { buildTradingAppServer } from '../src/trading-app/api/buildTradingAppServer.ts';
import { TradingAppMetrics } from '../src/trading-app/metrics/TradingAppMetrics.ts';
import {
  createTradingAppStore,
  type Database,
  openDatabase,
  type TradingAppStoreOptions,
} from '../src/trading-app/store/index.ts';
import { type BenchLine, percentile } from './support.ts';

const WARM_UP = 300;
const SIGNALS = 4_000;
const CLIENTS = 50;
const SECRET = 'bench-shared-secret-0123456789abcdef';
const PATH = '/api/ws-worker/balance';
/** The goals (signals/s at 50 clients). */
const TARGET = { PGlite: 1_500, PostgreSQL: 3_000 } as const;

interface Target {
  readonly name: keyof typeof TARGET;
  /** One transaction per signal, as before group commit: on the server, one per pooled connection. */
  readonly perSignal: NonNullable<TradingAppStoreOptions['ingestBatching']>;
  open(): Promise<{ database: Database; dispose(): Promise<void> }>;
}

interface Run {
  /** Signals per second over the whole run. */
  readonly rate: number;
  /** Milliseconds from sending a request to reading its whole answer. */
  readonly p50: number;
  readonly p99: number;
}

/**
 * Signed balance signals through the real HTTP endpoint (HMAC check, schema, durable insert of the
 * idempotency row, the snapshot and the alert state), 50 clients at once, on PGlite and on the
 * PostgreSQL server: one transaction per signal (before, as decision 0006's app stored them) and
 * group commit (decision 0029), each beside a bare Fastify route that does nothing under the same
 * load. The clients run in this process too, as they do for the bare route.
 */
export async function ingestBenchmarks(): Promise<BenchLine[]> {
  const bare = await bareRoute();
  const lines: BenchLine[] = [];
  for (const target of [pgliteTarget(), postgresTarget()]) {
    const { database, dispose } = await target.open();
    try {
      const before = await ingest(database, target.perSignal);
      const after = await ingest(database, {});
      lines.push(...describeRun(target, 'one transaction per signal', before, bare));
      lines.push(...describeRun(target, 'group commit', after, bare, TARGET[target.name]));
      lines.push({
        name: `signal ingest at ${CLIENTS} clients, ${target.name}: group commit against one transaction per signal`,
        ours: after.rate,
        peer: before.rate,
        peerName: 'one transaction per signal',
        unit: 'signals/s',
      });
    } finally {
      await database.close();
      await dispose();
    }
  }
  return lines;
}

function describeRun(target: Target, mode: string, run: Run, bare: Run, goal?: number): BenchLine[] {
  const name = `signal ingest at ${CLIENTS} clients, HMAC + durable insert, ${target.name}, ${mode}`;
  const peerName = 'bare Fastify route doing nothing';
  return [
    { name, ours: run.rate, peer: bare.rate, peerName, unit: 'signals/s', ...(goal ? { target: goal } : {}) },
    { name: `${name}, p50`, ours: run.p50, peer: bare.p50, peerName, unit: 'ms', lowerIsBetter: true },
    { name: `${name}, p99`, ours: run.p99, peer: bare.p99, peerName, unit: 'ms', lowerIsBetter: true },
  ];
}

/** The app over `database` (the store does not own it here: both modes run on one database). */
async function ingest(database: Database, batching: TradingAppStoreOptions['ingestBatching']): Promise<Run> {
  const clock = new SystemClock();
  const store = createTradingAppStore(
    { ...database, close: async () => undefined },
    {
      clock,
      logger: silentLogger(),
      alertPolicy: { minAvailable: undefined, maxFrozenPercent: '80' },
      ingestBatching: batching,
    },
  );
  const app = buildTradingAppServer({
    store,
    clock,
    logger: silentLogger(),
    metrics: new TradingAppMetrics(),
    sharedSecret: SECRET,
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  try {
    return await postSignals(url);
  } finally {
    await app.close();
    await store.close();
  }
}

async function bareRoute(): Promise<Run> {
  const app = Fastify({ logger: false });
  app.post(PATH, async (_request, reply) => reply.code(202).send({ status: 'accepted' }));
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  try {
    return await postSignals(url);
  } finally {
    await app.close();
  }
}

/** A warm-up, then SIGNALS distinct signed balance signals from CLIENTS clients; every answer must be 202. */
async function postSignals(baseUrl: string): Promise<Run> {
  const pool = new Pool(baseUrl, { connections: CLIENTS });
  const run = randomBytes(4).toString('hex');
  try {
    await send(pool, run, 0, WARM_UP, []);
    const latencies: number[] = [];
    const started = performance.now();
    await send(pool, run, WARM_UP, WARM_UP + SIGNALS, latencies);
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    return { rate: SIGNALS / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
  } finally {
    await pool.close();
  }
}

async function send(pool: Pool, run: string, from: number, to: number, latencies: number[]): Promise<void> {
  let next = from;
  const client = async (): Promise<void> => {
    while (next < to) {
      const index = next++;
      const body = JSON.stringify(balanceSignal(run, index));
      const timestamp = String(Date.now());
      const sent = performance.now();
      const response = await pool.request({
        method: 'POST',
        path: PATH,
        body,
        headers: {
          'content-type': 'application/json',
          'x-ws-worker-timestamp': timestamp,
          'x-ws-worker-signature': signWorkerPayload(SECRET, timestamp, body),
        },
      });
      const text = await response.body.text();
      latencies.push(performance.now() - sent);
      if (response.statusCode !== 202) throw new Error(`ingest answered ${response.statusCode}: ${text}`);
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
}

function balanceSignal(run: string, index: number): Record<string, unknown> {
  return {
    asset: 'USDT',
    available_balance: `${10_000 - index}.123456789`,
    frozen_balance: '12.5',
    equity: `${10_012 - index}.623456789`,
    unrealized_pnl: '0',
    position_deposit: '0',
    bonus: '0',
    timestamp: new Date(Date.UTC(2026, 0, 1) + index * 1000).toISOString().replace('Z', '+00:00'),
    trace_id: `bench${run}${String(index).padStart(8, '0')}`,
    retry_count: 0,
    payload_version: '1.0',
    context: { source: 'bitmart_ws_worker' },
  };
}

/** PGlite in a new directory on disk, as `app:serve` runs it (initdb and migrations included). */
function pgliteTarget(): Target {
  return {
    name: 'PGlite',
    perSignal: { maxBatch: 1, maxInFlight: 1 },
    async open() {
      const directory = await mkdtemp(join(tmpdir(), 'ingest-bench-'));
      const database = await openDatabase({ dataDir: join(directory, 'pglite') });
      return { database, dispose: () => rm(directory, { recursive: true, force: true }) };
    },
  };
}

/** A database of its own on the PostgreSQL server (`TEST_DATABASE_URL` or the local one), dropped after. */
function postgresTarget(): Target {
  const adminUrl = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
  const name = `ingest_bench_${process.pid}_${randomBytes(4).toString('hex')}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name: 'PostgreSQL',
    // pg's pool holds 10 connections: before group commit, up to 10 signals committed at once.
    perSignal: { maxBatch: 1, maxInFlight: 10 },
    async open() {
      await admin(adminUrl, `create database ${name}`);
      const database = await openDatabase({ databaseUrl: url.toString(), dataDir: 'unused' });
      return { database, dispose: () => admin(adminUrl, `drop database if exists ${name} with (force)`) };
    },
  };
}

async function admin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

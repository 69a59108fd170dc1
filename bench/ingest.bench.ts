import { randomBytes } from 'node:crypto';
import Fastify from 'fastify';
import { Pool } from 'undici';
import { SystemClock } from '../src/platform/clock/index.ts';
import { signWorkerPayload } from '../src/platform/hmac/workerSignature.ts';
import { silentLogger } from '../src/platform/logging/logger.ts';
import { buildTradingAppServer } from '../src/trading-app/api/buildTradingAppServer.ts';
import { TradingAppMetrics } from '../src/trading-app/metrics/TradingAppMetrics.ts';
import { createTradingAppStore, type Database } from '../src/trading-app/store/index.ts';
import {
  type DatabaseTarget,
  pgliteTarget,
  postgresTarget,
} from '../test/trading-app-store/support/databaseTargets.ts';
import type { BenchLine } from './support.ts';

const SIGNALS = 3_000;
const IN_FLIGHT = 16;
const SECRET = 'bench-shared-secret-0123456789abcdef';
const PATH = '/api/ws-worker/balance';

/**
 * Signed balance signals ingested per second through the real HTTP endpoint (HMAC check, schema,
 * one transaction with the idempotency row and the snapshot), on PGlite and on the PostgreSQL
 * server, beside a bare Fastify route that does nothing: the ratio is what verification and a
 * durable insert cost.
 */
export async function ingestBenchmarks(): Promise<BenchLine[]> {
  const bare = await bareRouteRate();
  const lines: BenchLine[] = [];
  for (const target of [pgliteTarget(), postgresTarget()]) {
    const rate = await ingestRate(target);
    lines.push({
      name: `signal ingest, HMAC + durable insert, ${target.name}`,
      ours: rate,
      peer: bare,
      peerName: 'bare Fastify route doing nothing',
      unit: 'signals/s',
    });
  }
  return lines;
}

async function ingestRate(target: DatabaseTarget): Promise<number> {
  const database: Database = await target.open();
  const clock = new SystemClock();
  const store = createTradingAppStore(database, {
    clock,
    logger: silentLogger(),
    alertPolicy: { minAvailable: undefined, maxFrozenPercent: '80' },
  });
  const app = buildTradingAppServer({
    store,
    clock,
    logger: silentLogger(),
    metrics: new TradingAppMetrics(),
    sharedSecret: SECRET,
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  try {
    return await postSignals(url, 202);
  } finally {
    await app.close();
    await store.close();
    await target.dispose();
  }
}

async function bareRouteRate(): Promise<number> {
  const app = Fastify({ logger: false });
  app.post(PATH, async (_request, reply) => reply.code(202).send({ status: 'accepted' }));
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  try {
    return await postSignals(url, 202);
  } finally {
    await app.close();
  }
}

/** Posts SIGNALS distinct signed balance signals, IN_FLIGHT at a time; every answer must be `expected`. */
async function postSignals(baseUrl: string, expected: number): Promise<number> {
  const pool = new Pool(baseUrl, { connections: IN_FLIGHT });
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < SIGNALS) {
      const index = next++;
      const body = JSON.stringify(balanceSignal(index));
      const timestamp = String(Date.now());
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
      if (response.statusCode !== expected) throw new Error(`ingest answered ${response.statusCode}: ${text}`);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const seconds = (performance.now() - started) / 1000;
  await pool.close();
  return SIGNALS / seconds;
}

const RUN = randomBytes(4).toString('hex');

function balanceSignal(index: number): Record<string, unknown> {
  return {
    asset: 'USDT',
    available_balance: `${10_000 - index}.123456789`,
    frozen_balance: '12.5',
    equity: `${10_012 - index}.623456789`,
    unrealized_pnl: '0',
    position_deposit: '0',
    bonus: '0',
    timestamp: new Date(Date.UTC(2026, 0, 1) + index * 1000).toISOString().replace('Z', '+00:00'),
    trace_id: `bench${RUN}${String(index).padStart(8, '0')}`,
    retry_count: 0,
    payload_version: '1.0',
    context: { source: 'bitmart_ws_worker' },
  };
}

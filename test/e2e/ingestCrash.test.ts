import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsole, waitForOutput } from '../support/runConsole.ts';
import { balanceSignal, signedHeaders, TEST_SECRET } from '../trading-app/support/signing.ts';
import { postgresTarget } from '../trading-app-store/support/databaseTargets.ts';

const CLIENTS = 50;
/** Answers seen before the kill: enough that batches are committing when it lands. */
const ACKED_BEFORE_KILL = 300;

const target = postgresTarget();
let dataRoot: string;

beforeAll(async () => {
  dataRoot = await mkdtemp(join(tmpdir(), 'ingest-crash-'));
  // Created and migrated here, so both app processes find it ready.
  await (await target.open()).close();
}, 60_000);
afterAll(async () => {
  await target.dispose();
  await rm(dataRoot, { recursive: true, force: true });
});

async function serve(): Promise<{ child: ChildProcessWithoutNullStreams; url: string }> {
  const child = startConsole(['app:serve'], {
    APP_ADDR: '127.0.0.1:0',
    WS_WORKER_SHARED_SECRET: TEST_SECRET,
    DATABASE_URL: target.url,
    DATA_DIR: join(dataRoot, 'unused'),
  });
  const [, url] = await waitForOutput(child, /listening on (http:\/\/127\.0\.0\.1:\d+)/);
  return { child, url: url as string };
}

function post(url: string, signal: Record<string, unknown>): Promise<Response> {
  const body = JSON.stringify(signal);
  return fetch(`${url}/api/ws-worker/balance`, { method: 'POST', headers: signedHeaders(body, Date.now()), body });
}

/** Rows per trace id in `table`. */
async function rowsPerTrace(table: 'signals_received' | 'balance_snapshots'): Promise<Map<string, number>> {
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    const result = await client.query<{ trace_id: string; n: number }>(
      `select trace_id, count(*)::int as n from ${table} group by trace_id`,
    );
    return new Map(result.rows.map((row) => [row.trace_id, row.n]));
  } finally {
    await client.end();
  }
}

describe('app:serve on PostgreSQL killed in the middle of a burst of signals', () => {
  it('keeps every signal it answered 2xx, exactly once, and stores the rest once when they are resent', async () => {
    const first = await serve();
    const sent: Record<string, unknown>[] = [];
    const acked = new Set<string>();
    let killed = false;
    const client = async (): Promise<void> => {
      while (!killed) {
        const signal = balanceSignal();
        sent.push(signal);
        try {
          const response = await post(first.url, signal);
          await response.text();
          if (response.ok) acked.add(signal['trace_id'] as string);
        } catch {
          // The process died with this request in flight: its outcome is unknown.
          return;
        }
        if (acked.size >= ACKED_BEFORE_KILL && !killed) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      }
    };
    const exited = once(first.child, 'exit');
    await Promise.all(Array.from({ length: CLIENTS }, client));
    const [, signal] = (await exited) as [number | null, string | null];
    expect(signal).toBe('SIGKILL');
    expect(sent.length).toBeGreaterThan(acked.size);

    const second = await serve();
    try {
      const stored = await rowsPerTrace('signals_received');
      const snapshots = await rowsPerTrace('balance_snapshots');
      for (const traceId of acked) {
        expect(stored.get(traceId), traceId).toBe(1);
        expect(snapshots.get(traceId), traceId).toBe(1);
      }
      // The worker resends whatever it has no answer for; a resend of a stored one is a duplicate.
      for (const signal of sent) {
        const response = await post(second.url, signal);
        expect(response.status).toBe(202);
        const { duplicate } = (await response.json()) as { duplicate: boolean };
        if (acked.has(signal['trace_id'] as string)) expect(duplicate).toBe(true);
      }
      const afterResend = await rowsPerTrace('signals_received');
      expect(afterResend.size).toBe(sent.length);
      expect([...afterResend.values()].every((n) => n === 1)).toBe(true);
      expect([...(await rowsPerTrace('balance_snapshots')).values()].every((n) => n === 1)).toBe(true);
    } finally {
      second.child.kill('SIGTERM');
      await once(second.child, 'exit');
    }
  }, 120_000);
});

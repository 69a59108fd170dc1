import { randomBytes } from 'node:crypto';
import { mkdir, open, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { createWorkspace, newClock, outboxIn, signal } from '../test/ws-worker-signals/support/harness.ts';
import { type BenchLine, percentile } from './support.ts';

const COUNT = 200;
const URL = 'http://127.0.0.1:9/api/ws-worker/orders';
const PEER_NAME = 'bare write + fsync + rename + directory fsync of the same JSON';

/**
 * What durability costs the worker's outbox (docs/decisions/0006-durable-signal-outbox.md):
 * `enqueue` resolves once its file and the directory are fsynced. The peer does only those four
 * system calls per signal, without lanes or the shared directory sync, so the ratio is the
 * outbox's own overhead, and for a burst what sharing the directory fsync saves.
 */
export async function outboxBenchmarks(): Promise<BenchLine[]> {
  const ours = await ourEnqueues();
  const peer = await bareDurableWrites();
  const line = (name: string, mine: number, theirs: number): BenchLine => ({
    name,
    ours: mine,
    peer: theirs,
    peerName: PEER_NAME,
    unit: 'ms',
    lowerIsBetter: true,
  });
  return [
    line('outbox enqueue, sequential, p50', percentile(ours.sequential, 50), percentile(peer.sequential, 50)),
    line('outbox enqueue, sequential, p99', percentile(ours.sequential, 99), percentile(peer.sequential, 99)),
    line(`outbox enqueue, burst of ${COUNT} concurrent, per signal`, ours.burstPerSignal, peer.burstPerSignal),
  ];
}

interface Timings {
  /** Milliseconds of each sequential write, ascending. */
  readonly sequential: number[];
  readonly burstPerSignal: number;
}

async function ourEnqueues(): Promise<Timings> {
  const workspace = await createWorkspace();
  const outbox = outboxIn(workspace, newClock());
  try {
    return await timed(
      (index) => outbox.enqueue(signal(URL, `order-${index % 8}`, { price: '99950.1', size: '2' })),
      (index) => outbox.enqueue(signal(URL, `burst-${index % 8}`)),
    );
  } finally {
    await outbox.stop();
    await workspace.remove();
  }
}

async function bareDurableWrites(): Promise<Timings> {
  const workspace = await createWorkspace();
  await mkdir(workspace.directory, { recursive: true });
  const body = JSON.stringify({ signal: signal(URL, 'order-0', { price: '99950.1', size: '2' }), attempts: 0 });
  const write = async (name: string) => {
    const path = join(workspace.directory, name);
    const file = await open(`${path}.tmp`, 'w');
    await file.writeFile(body);
    await file.sync();
    await file.close();
    await rename(`${path}.tmp`, path);
    const directory = await open(workspace.directory, 'r');
    await directory.sync();
    await directory.close();
  };
  try {
    return await timed(
      () => write(randomBytes(8).toString('hex')),
      () => write(randomBytes(8).toString('hex')),
    );
  } finally {
    await workspace.remove();
  }
}

async function timed(
  sequential: (index: number) => Promise<unknown>,
  concurrent: (index: number) => Promise<unknown>,
): Promise<Timings> {
  const latencies: number[] = [];
  for (let index = 0; index < COUNT; index += 1) {
    const started = performance.now();
    await sequential(index);
    latencies.push(performance.now() - started);
  }
  latencies.sort((left, right) => left - right);
  const started = performance.now();
  await Promise.all(Array.from({ length: COUNT }, (_, index) => concurrent(index)));
  return { sequential: latencies, burstPerSignal: (performance.now() - started) / COUNT };
}

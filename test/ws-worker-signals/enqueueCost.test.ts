import { performance } from 'node:perf_hooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorkspace, newClock, outboxIn, signal, type Workspace } from './support/harness.ts';

const COUNT = 200;

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? Number.NaN;
}

/** Measures what durability costs (docs/decisions/0006): logged, not asserted, since disks differ. */
describe('signal outbox enqueue cost', () => {
  let workspace: Workspace;

  beforeEach(async () => {
    workspace = await createWorkspace();
  });
  afterEach(async () => {
    await workspace.remove();
  });

  it('measures sequential and concurrent durable enqueues', async () => {
    const outbox = outboxIn(workspace, newClock());
    const url = 'http://127.0.0.1:9/api/ws-worker/orders';
    const latencies: number[] = [];
    for (let index = 0; index < COUNT; index += 1) {
      const started = performance.now();
      await outbox.enqueue(signal(url, `order-${index % 8}`, { price: '99950.1', size: '2' }));
      latencies.push(performance.now() - started);
    }
    latencies.sort((left, right) => left - right);

    const burstStarted = performance.now();
    await Promise.all(Array.from({ length: COUNT }, (_, index) => outbox.enqueue(signal(url, `burst-${index % 8}`))));
    const burstMs = performance.now() - burstStarted;

    console.log(
      `[enqueue cost] sequential: mean ${(latencies.reduce((sum, value) => sum + value, 0) / COUNT).toFixed(2)} ms, ` +
        `p50 ${percentile(latencies, 0.5).toFixed(2)} ms, p99 ${percentile(latencies, 0.99).toFixed(2)} ms; ` +
        `burst of ${COUNT} concurrent: ${burstMs.toFixed(1)} ms total, ${(burstMs / COUNT).toFixed(2)} ms per signal`,
    );
    expect(outbox.status().depth).toBe(2 * COUNT);
    await outbox.stop();
  });
});

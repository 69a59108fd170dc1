import { readdir } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorkspace, newClock, outboxIn, signal, type Workspace } from './support/harness.ts';

const COUNT = 200;
const URL = 'http://127.0.0.1:9/api/ws-worker/orders';

/** What the enqueues cost is measured by `npm run bench outbox` (docs/decisions/0006). */
describe('signal outbox enqueue', () => {
  let workspace: Workspace;

  beforeEach(async () => {
    workspace = await createWorkspace();
  });
  afterEach(async () => {
    await workspace.remove();
  });

  it('stores each of a run of sequential and of a burst of concurrent enqueues in its own file', async () => {
    const outbox = outboxIn(workspace, newClock());
    for (let index = 0; index < COUNT; index += 1) {
      await outbox.enqueue(signal(URL, `order-${index % 8}`, { price: '99950.1', size: '2' }));
    }
    await Promise.all(Array.from({ length: COUNT }, (_, index) => outbox.enqueue(signal(URL, `burst-${index % 8}`))));
    expect(outbox.status().depth).toBe(2 * COUNT);
    const files = await readdir(workspace.directory);
    expect(files.filter((name) => name.endsWith('.signal.json'))).toHaveLength(2 * COUNT);
    expect(files.filter((name) => name.endsWith('.tmp'))).toEqual([]);
    await outbox.stop();
  });
});

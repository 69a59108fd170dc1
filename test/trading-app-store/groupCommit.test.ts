import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../src/trading-app/store/groupCommit.ts';

/** A commit that records each batch it ran and answers `item × 10`; it refuses the batch holding a negative item. */
function recordingCommit() {
  const batches: number[][] = [];
  const commit = async (items: readonly number[]): Promise<number[]> => {
    batches.push([...items]);
    if (items.some((item) => item < 0)) throw new Error(`refused ${items.join(',')}`);
    return items.map((item) => item * 10);
  };
  return { batches, commit };
}

describe('GroupCommit', () => {
  it('runs a lone item at once, in a batch of its own', async () => {
    const { batches, commit } = recordingCommit();
    const group = new GroupCommit(commit, { maxBatch: 100, maxInFlight: 1 });
    expect(await group.submit(7)).toBe(70);
    expect(batches).toEqual([[7]]);
  });

  it('gathers the items asked for together into one batch, split at maxBatch, each answered its own result', async () => {
    const { batches, commit } = recordingCommit();
    const group = new GroupCommit(commit, { maxBatch: 3, maxInFlight: 1 });
    const results = await Promise.all([1, 2, 3, 4, 5].map((item) => group.submit(item)));
    expect(results).toEqual([10, 20, 30, 40, 50]);
    expect(batches).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
  });

  it('gathers what arrives while a batch runs into the next one', async () => {
    const batches: number[][] = [];
    let release: () => void = () => undefined;
    const firstHeld = new Promise<void>((resolve) => {
      release = resolve;
    });
    const group = new GroupCommit(
      async (items: readonly number[]) => {
        batches.push([...items]);
        if (batches.length === 1) await firstHeld;
        return [...items];
      },
      { maxBatch: 100, maxInFlight: 1 },
    );
    const first = group.submit(1);
    await new Promise((resolve) => setImmediate(resolve));
    const later = [2, 3, 4].map((item) => group.submit(item));
    release();
    expect(await Promise.all([first, ...later])).toEqual([1, 2, 3, 4]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('retries a failed batch one item at a time: only the bad item fails', async () => {
    const { batches, commit } = recordingCommit();
    const group = new GroupCommit(commit, { maxBatch: 10, maxInFlight: 1 });
    const results = await Promise.allSettled([1, -2, 3].map((item) => group.submit(item)));
    expect(results).toEqual([
      { status: 'fulfilled', value: 10 },
      { status: 'rejected', reason: new Error('refused -2') },
      { status: 'fulfilled', value: 30 },
    ]);
    expect(batches).toEqual([[1, -2, 3], [1], [-2], [3]]);
  });

  it('drains: resolves once every item asked for has been answered', async () => {
    const { commit } = recordingCommit();
    const group = new GroupCommit(commit, { maxBatch: 2, maxInFlight: 1 });
    const answered: number[] = [];
    for (const item of [1, 2, 3]) void group.submit(item).then((result) => answered.push(result));
    await group.drain();
    expect(answered).toEqual([10, 20, 30]);
    await group.drain();
  });
});

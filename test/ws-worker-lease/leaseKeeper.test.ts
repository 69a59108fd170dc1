import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/platform/clock/index.ts';
import { silentLogger } from '../../src/platform/logging/logger.ts';
import { LeaseKeeper } from '../../src/ws-worker/lease/LeaseKeeper.ts';
import { PostgresWorkerLease } from '../../src/ws-worker/lease/PostgresWorkerLease.ts';
import { waitFor } from '../support/waitFor.ts';
import { TEST_DATABASE_URL, uniqueLeaseSchema } from './leaseSchema.ts';

const TTL_MS = 3_000;
const START = Date.UTC(2026, 11, 7, 12);

/** Two workers' keepers on one account of a real PostgreSQL, each on its own manual clock. */
/**
 * Moves `clock` one attempt period at a time, each after the previous attempt was answered (an
 * attempt still in flight when the next falls due skips it), until the keeper holds the lease.
 */
async function advanceUntilActive(keeper: LeaseKeeper, clock: ManualClock): Promise<void> {
  while (keeper.role !== 'active') {
    const answered = keeper.status().acquire_attempts;
    clock.advance(TTL_MS / 5);
    await waitFor(
      () => keeper.role === 'active' || keeper.status().acquire_attempts > answered,
      'the next attempt to take the lease',
    );
  }
}

function setUp() {
  const schema = uniqueLeaseSchema();
  const opened: LeaseKeeper[] = [];
  const keeper = async (clock: ManualClock, account = 'bitmart:test') => {
    const lost = { count: 0 };
    const lease = await PostgresWorkerLease.open({
      databaseUrl: TEST_DATABASE_URL,
      schema: schema.name,
      account,
      ttlMs: TTL_MS,
    });
    const made = new LeaseKeeper({ lease, clock, logger: silentLogger(), ttlMs: TTL_MS, onLost: () => lost.count++ });
    opened.push(made);
    return { keeper: made, lost };
  };
  return {
    keeper,
    async tearDown() {
      await Promise.all(opened.map((made) => made.stop()));
      await schema.drop();
    },
  };
}

let tearDown: (() => Promise<void>) | undefined;
afterEach(async () => {
  await tearDown?.();
  tearDown = undefined;
});

describe('LeaseKeeper on PostgreSQL', () => {
  it('lets one worker of an account be active while the other stands by, naming the active one', async () => {
    const kit = setUp();
    tearDown = kit.tearDown;
    const clockA = new ManualClock(START);
    const clockB = new ManualClock(START);
    const a = await kit.keeper(clockA);
    const b = await kit.keeper(clockB);
    await a.keeper.acquire('http://127.0.0.1:1001');
    let bActive = false;
    void b.keeper.acquire('http://127.0.0.1:1002').then(() => {
      bActive = true;
    });
    await waitFor(() => b.keeper.status().active_control_url !== null, 'B to read who holds the lease');

    expect(a.keeper.status()).toMatchObject({
      role: 'active',
      fencing_token: 1,
      active_control_url: 'http://127.0.0.1:1001',
      acquired_at: START,
    });
    expect(b.keeper.status()).toMatchObject({
      role: 'standby',
      fencing_token: null,
      active_control_url: 'http://127.0.0.1:1001',
      acquired_at: null,
    });
    await expect(a.keeper.assertHeld()).resolves.toBeUndefined();
    await expect(b.keeper.assertHeld()).rejects.toMatchObject({ kind: 'retryable', fenced: true });
    // Heartbeats keep A's lease alive however long B tries.
    for (let second = 0; second < 10; second++) {
      clockA.advance(1_000);
      await waitFor(() => a.keeper.status().expires_at === clockA.now() + TTL_MS, "A's heartbeat");
      await a.keeper.assertHeld();
      clockB.advance(1_000);
    }
    expect(bActive).toBe(false);
    expect(a.lost.count).toBe(0);
  });

  it('hands the lease to the standby with the next token once the holder stops heartbeating, and fences the old holder', async () => {
    const kit = setUp();
    tearDown = kit.tearDown;
    const clockA = new ManualClock(START);
    const clockB = new ManualClock(START);
    const a = await kit.keeper(clockA);
    const b = await kit.keeper(clockB);
    await a.keeper.acquire('http://127.0.0.1:1001');
    let bActive = false;
    void b.keeper.acquire('http://127.0.0.1:1002').then(() => {
      bActive = true;
    });

    // A is paused (its clock stands still: no heartbeat); B's time passes the lease's expiry.
    clockB.advance(TTL_MS - 100);
    await waitFor(() => b.keeper.status().active_control_url !== null, 'B to see A active');
    expect(bActive).toBe(false);
    await advanceUntilActive(b.keeper, clockB);
    await waitFor(() => bActive, 'B to take the expired lease');
    expect(b.keeper.status()).toMatchObject({ role: 'active', fencing_token: 2 });

    // A comes back believing it is active: the fence asks the server, which says token 2.
    expect(a.keeper.role).toBe('active');
    await expect(a.keeper.assertHeld()).rejects.toMatchObject({ fenced: true });
    expect(a.keeper.status()).toMatchObject({ role: 'lost', fenced_refusals: 1 });
    expect(a.lost.count).toBe(1);
    await expect(b.keeper.assertHeld()).resolves.toBeUndefined();
  });

  it('finds the lease lost at the first heartbeat after a take-over', async () => {
    const kit = setUp();
    tearDown = kit.tearDown;
    const clockA = new ManualClock(START);
    const clockB = new ManualClock(START + TTL_MS + 1);
    const a = await kit.keeper(clockA);
    const b = await kit.keeper(clockB);
    await a.keeper.acquire('http://127.0.0.1:1001');
    await b.keeper.acquire('http://127.0.0.1:1002');
    clockA.advance(TTL_MS);
    await waitFor(() => a.lost.count === 1, "A's heartbeat to find the lease gone");
    expect(a.keeper.role).toBe('lost');
    expect(b.keeper.role).toBe('active');
  });

  it('releases the lease on stop, so the standby takes it at its next attempt, and keeps accounts apart', async () => {
    const kit = setUp();
    tearDown = kit.tearDown;
    const clockA = new ManualClock(START);
    const clockB = new ManualClock(START);
    const a = await kit.keeper(clockA);
    const b = await kit.keeper(clockB);
    const other = await kit.keeper(new ManualClock(START), 'okx:other');
    await a.keeper.acquire('http://127.0.0.1:1001');
    await other.keeper.acquire('http://127.0.0.1:1003');
    expect(other.keeper.status()).toMatchObject({ role: 'active', fencing_token: 1 });
    let bActive = false;
    void b.keeper.acquire('http://127.0.0.1:1002').then(() => {
      bActive = true;
    });
    await a.keeper.stop();
    // One attempt period at a time: an attempt still in flight when the next falls due skips it.
    await advanceUntilActive(b.keeper, clockB);
    await waitFor(() => bActive, 'B to take the released lease');
    expect(clockB.now()).toBeLessThan(START + TTL_MS);
    expect(b.keeper.status()).toMatchObject({ role: 'active', fencing_token: 2 });
  });
});

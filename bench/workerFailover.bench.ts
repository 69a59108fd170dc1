import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { waitFor } from '../test/support/waitFor.ts';
import { startWorkerE2e } from '../test/support/workerE2e.ts';
import { WorkerProcess } from '../test/support/workerProcess.ts';
import { TEST_DATABASE_URL, uniqueLeaseSchema } from '../test/ws-worker-lease/leaseSchema.ts';
import { type BenchLine, percentile } from './support.ts';

const KILLS = 20;
/** The e2e test's lease; `FAILOVER_TTL_S=10` measures the default. */
const TTL_S = Number(process.env['FAILOVER_TTL_S'] ?? '2');
/**
 * The design's bound on the lease alone (docs/decisions/0037-ws-worker-failover.md): expiry at
 * most one TTL after the last heartbeat, which precedes the kill, plus one standby attempt (TTL/5).
 */
const BOUND_MS = TTL_S * 1_000 * 1.2;
const PEER_NAME = `design bound 1.2 × lease TTL ${TTL_S} s (the original PHP worker had no failover)`;

const StatusSchema = z.looseObject({
  role: z.enum(['active', 'standby', 'lost']),
  active_since: z.number().nullable(),
  lease: z.looseObject({ active_control_url: z.string().nullable(), acquired_at: z.number().nullable() }),
  price_evaluations: z.looseObject({ count: z.number(), first_at: z.number().nullable() }),
});
type Status = z.infer<typeof StatusSchema>;

async function statusOf(worker: WorkerProcess): Promise<Status> {
  return StatusSchema.parse(await (await fetch(`${worker.controlUrl}/status`)).json());
}

interface Round {
  /** From the SIGKILL to the standby holding the lease. */
  readonly leaseMs: number;
  /** From the SIGKILL to the standby active and its execution's first price evaluation, whichever is later. */
  readonly failoverMs: number;
}

/**
 * Failover of `bin/console ws:run`: two worker processes on one simulator account share a lease
 * and their state on the real PostgreSQL (a directory each: two machines). The active one holds an
 * entry zone that the paused price never reaches, so the execution evaluates every price of its
 * symbol and places nothing. Each round SIGKILLs the active worker and measures, on this machine's
 * wall clock, from just before the kill to the later of two instants the standby reports in its
 * `/status`: `active_since` (lease taken, outbox resumed, orders and positions reconciled, the
 * execution re-armed) and `price_evaluations.first_at` (its execution evaluated the waiting entry
 * against a price: the start-up REST read or a push, whichever came first). The killed worker is
 * then started again and must stand by behind the new active one before the next round. Loopback
 * only: the simulator, the real trading-app and PostgreSQL 127.0.0.1:5432.
 */
export async function workerFailoverBenchmarks(): Promise<BenchLine[]> {
  const schema = uniqueLeaseSchema();
  const secondDirectory = await mkdtemp(join(tmpdir(), 'ws-worker-failover-'));
  const kit = await startWorkerE2e({
    workerEnv: {
      WORKER_LEASE: 'postgres',
      WORKER_LEASE_DATABASE_URL: TEST_DATABASE_URL,
      WORKER_LEASE_SCHEMA: schema.name,
      WORKER_LEASE_TTL_S: String(TTL_S),
      WORKER_STATE: 'postgres',
    },
  });
  const envA: Readonly<Record<string, string>> = kit.workerEnvironment;
  const envB: Readonly<Record<string, string>> = {
    ...kit.workerEnvironment,
    WORKER_DATA_DIR: secondDirectory,
    TRADING_APP_SIGNAL_FAILURE_LOG: join(secondDirectory, 'order-failures.log'),
    TRADING_APP_BALANCE_FAILURE_LOG: join(secondDirectory, 'balance-failures.log'),
    TRADING_APP_CALLBACK_FAILURE_LOG: join(secondDirectory, 'callback-failures.log'),
  };
  const running = new Set<WorkerProcess>([kit.worker]);
  try {
    let active = { worker: kit.worker, env: envA };
    await waitFor(async () => (await statusOf(active.worker)).role === 'active', 'the first worker to be active');
    const plan = await kit.plan('failover1', 'BTCUSDT', 'long', { timeoutSeconds: 3_600 });
    const answer = await active.worker.placeOrder(plan.request);
    if (answer.status !== 202) throw new Error(`place-order answered ${answer.status}`);
    let standby = { worker: await WorkerProcess.start(envB), env: envB };
    running.add(standby.worker);

    const rounds: Round[] = [];
    const deadlineMs = TTL_S * 1_000 * 2 + 30_000;
    for (let kill = 0; kill < KILLS; kill++) {
      const { worker: victim, env: victimEnv } = active;
      const { worker: heir, env: heirEnv } = standby;
      await waitFor(
        async () => (await statusOf(victim)).price_evaluations.count > 0,
        'the active worker to evaluate prices',
      );
      await waitFor(
        async () => (await statusOf(heir)).lease.active_control_url === victim.controlUrl,
        'the standby to stand by behind the active worker',
        deadlineMs,
      );
      const killedAt = Date.now();
      await victim.kill();
      running.delete(victim);
      let taken: Status | undefined;
      await waitFor(
        async () => {
          const status = await statusOf(heir);
          taken = status;
          return status.role === 'active' && status.active_since !== null && status.price_evaluations.first_at !== null;
        },
        'the standby to take over and evaluate a price',
        deadlineMs,
      ).catch((error: unknown) => {
        throw new Error(`${(error as Error).message}\n${heir.output()}`);
      });
      const status = taken as Status;
      rounds.push({
        leaseMs: (status.lease.acquired_at ?? Number.NaN) - killedAt,
        failoverMs:
          Math.max(status.active_since ?? Number.NaN, status.price_evaluations.first_at ?? Number.NaN) - killedAt,
      });
      // The killed worker comes back, on its own directory, as the next round's standby.
      const back = await WorkerProcess.start(victimEnv);
      running.add(back);
      standby = { worker: back, env: victimEnv };
      active = { worker: heir, env: heirEnv };
    }

    const failover = rounds.map((round) => round.failoverMs).sort((a, b) => a - b);
    const lease = rounds.map((round) => round.leaseMs).sort((a, b) => a - b);
    const work = rounds.map((round) => round.failoverMs - round.leaseMs).sort((a, b) => a - b);
    process.stderr.write(
      `  failover (TTL ${TTL_S} s, ${KILLS} kills): kill → lease taken p50 ${percentile(lease, 50)} ms, ` +
        `max ${percentile(lease, 100)} ms; lease → active and a price evaluated p50 ${percentile(work, 50)} ms, ` +
        `max ${percentile(work, 100)} ms; all (ms): ${rounds.map((round) => round.failoverMs).join(' ')}\n`,
    );
    const line = (name: string, ours: number): BenchLine => ({
      name,
      ours,
      peer: BOUND_MS,
      peerName: PEER_NAME,
      unit: 'ms',
      lowerIsBetter: true,
    });
    return [
      line(
        `ws-worker failover p50 (SIGKILL → standby active and a price evaluated, ${KILLS} kills)`,
        percentile(failover, 50),
      ),
      line(
        `ws-worker failover max (SIGKILL → standby active and a price evaluated, ${KILLS} kills)`,
        percentile(failover, 100),
      ),
    ];
  } finally {
    await Promise.all([...running].map((worker) => worker.kill()));
    await kit.teardown();
    await schema.drop();
    await rm(secondDirectory, { recursive: true, force: true });
  }
}

import { availableParallelism, loadavg } from 'node:os';
import type { EntryPlan } from '../test/support/entryPlan.ts';
import { orderByClientId } from '../test/support/simAdmin.ts';
import { waitFor } from '../test/support/waitFor.ts';
import { startWorkerE2e, type WorkerE2e } from '../test/support/workerE2e.ts';
import { type BenchLine, percentile } from './support.ts';
import { TriggerPacer } from './TriggerPacer.ts';

const SYMBOLS = [
  'BTCUSDT',
  'ETHUSDT',
  'SOLUSDT',
  'XRPUSDT',
  'DOGEUSDT',
  'BNBUSDT',
  'ADAUSDT',
  'LINKUSDT',
  'LTCUSDT',
  'AVAXUSDT',
] as const;
/** Round trips (entry, fill, SL or TP close): half end on the stop loss, half on the take profit. */
const CYCLES = 400;
/** Not counted: the first round trips pay for JIT compilation and first subscriptions. */
const WARM_UP_CYCLES = 10;
const PEER_NAME = "PHP worker (the seeds' figure)";
/** Ours: p99 under 5 ms from the price push to the order's arrival, on loopback. */
const TARGET_MS = 5;

/**
 * The worker's REST client keeps BitMart's submit-order limit (24 per 2 s per key, plus a 100 ms
 * margin) by waiting; a trigger sent while that window is full would measure the wait, not the
 * reaction. So no more than this many triggers go out in any window of PACING_WINDOW_MS.
 */
const PACING_BUDGET = 20;
const PACING_WINDOW_MS = 2_300;

type Trigger = 'entry' | 'stop_loss' | 'take_profit';

/**
 * The seeds' performance table (docs/reference/seed-contracts.md#latency-targets): its target and the
 * PHP worker's "current" figure.
 */
const SEED: Readonly<Record<Trigger, { label: string; targetMs: number; currentMs: number }>> = {
  entry: { label: 'entry', targetMs: 500, currentMs: 200 },
  stop_loss: { label: 'SL close', targetMs: 500, currentMs: 150 },
  take_profit: { label: 'TP close', targetMs: 1_000, currentMs: 300 },
};

interface Sample {
  readonly trigger: Trigger;
  readonly clientOrderId: string;
  readonly pushedAtMicros: number;
}

/**
 * Latency of `bin/console ws:run` (a child process) from the simulator's price push that enters
 * an entry zone, or reaches a stop loss or take profit, to the arrival of the submit-order it
 * causes, both read on the simulator's monotonic clock (`pushedAtMicros` of `POST /sim/price`,
 * `arrival_micros` of the order on `GET /sim/state`). The random walk is paused; round trips run
 * one at a time over ten symbols, each on a fresh zone around the current price. Each trigger
 * finds the worker idle (outbox drained) and the submit-order budget free (pacing): the figure is
 * the reaction, not a queue. The simulator, the real trading-app and this driver share one process.
 */
export async function workerLatencyBenchmarks(): Promise<BenchLine[]> {
  const kit = await startWorkerE2e();
  try {
    const samples: Sample[] = [];
    const watched = new Set<string>();
    const pacer = new TriggerPacer(PACING_BUDGET, PACING_WINDOW_MS);
    for (let cycle = 0; cycle < CYCLES + WARM_UP_CYCLES; cycle++) {
      const symbol = SYMBOLS[cycle % SYMBOLS.length] ?? 'BTCUSDT';
      const round = Math.floor(cycle / SYMBOLS.length);
      const exit: Trigger = round % 2 === 0 ? 'stop_loss' : 'take_profit';
      const side = Math.floor(round / 2) % 2 === 0 ? 'long' : 'short';
      const plan = await kit.plan(`lat${cycle}`, symbol, side);
      const answer = await kit.worker.placeOrder(plan.request);
      if (answer.status !== 202) throw new Error(`place-order ${plan.request.id} answered ${answer.status}`);
      if (!watched.has(symbol)) {
        await kit.watching(symbol);
        watched.add(symbol);
      }
      const measured = await roundTrip(kit, plan, exit, pacer);
      if (cycle >= WARM_UP_CYCLES) samples.push(...measured);
    }
    const state = await kit.admin.state();
    const latencies = (trigger: Trigger): number[] =>
      samples
        .filter((sample) => sample.trigger === trigger)
        .map((sample) => {
          const order = orderByClientId(state, kit.apiKey, sample.clientOrderId);
          if (!order) throw new Error(`no order ${sample.clientOrderId} on /sim/state`);
          const latencyMs = (order.arrival_micros - sample.pushedAtMicros) / 1_000;
          // An order that arrived before its push was not caused by it: the run is wrong, not slow.
          if (latencyMs <= 0) throw new Error(`${sample.clientOrderId} arrived before its price push`);
          return latencyMs;
        })
        .sort((left, right) => left - right);
    const results = (['entry', 'stop_loss', 'take_profit'] as const).map(
      (trigger) => [trigger, latencies(trigger)] as const,
    );
    // Context for the tail, on stderr so that stdout keeps one BenchLine per figure.
    const spread = results
      .map(
        ([trigger, sorted]) =>
          `${SEED[trigger].label} p90 ${fixed(percentile(sorted, 90))} p95 ${fixed(percentile(sorted, 95))}`,
      )
      .join('; ');
    process.stderr.write(
      `workerLatency: ${CYCLES} round trips after ${WARM_UP_CYCLES} warm-up, load average ${fixed(loadavg()[0] ?? 0)} on ${availableParallelism()} cores; ${spread} (ms)\n`,
    );
    return results.flatMap(([trigger, sorted]) => lines(trigger, sorted));
  } finally {
    await kit.teardown();
  }
}

function fixed(value: number): string {
  return value.toFixed(2);
}

/** Enter, fill, then close on `exit`; returns the two measured pushes. */
async function roundTrip(
  kit: WorkerE2e,
  plan: EntryPlan,
  exit: 'stop_loss' | 'take_profit',
  pacer: TriggerPacer,
): Promise<Sample[]> {
  const { id, symbol } = plan.request;
  await quiet(kit);
  await pacer.ready();
  const entry = await kit.admin.price(symbol, plan.inZone);
  await kit.callback(id, 'placed');
  await kit.admin.price(symbol, plan.fill);
  await waitFor(async () => (await kit.worker.ordersStatus()).positions[id] !== undefined, `${id} monitored`);
  await quiet(kit);
  await pacer.ready();
  const close = await kit.admin.price(symbol, exit === 'stop_loss' ? plan.stopLossHit : plan.takeProfitHit);
  await kit.callback(id, 'closed');
  return [
    { trigger: 'entry', clientOrderId: id, pushedAtMicros: entry.pushedAtMicros },
    { trigger: exit, clientOrderId: `${id}c1`, pushedAtMicros: close.pushedAtMicros },
  ];
}

function lines(trigger: Trigger, sorted: readonly number[]): BenchLine[] {
  const seed = SEED[trigger];
  const name = (statistic: string) =>
    `ws-worker ${seed.label}: price push → submit-order arrival, ${statistic} of ${sorted.length} (the seeds' target < ${seed.targetMs} ms)`;
  const line = (statistic: string, ours: number, target?: number): BenchLine => ({
    name: name(statistic),
    ours,
    peer: seed.currentMs,
    peerName: PEER_NAME,
    unit: 'ms',
    lowerIsBetter: true,
    ...(target === undefined ? {} : { target }),
  });
  return [
    line('p50', percentile(sorted, 50), TARGET_MS),
    line('p99', percentile(sorted, 99), TARGET_MS),
    line('max', sorted.at(-1) ?? Number.NaN),
  ];
}

/** Each trigger finds the worker idle: the previous trigger's signals and callbacks are delivered. */
async function quiet(kit: WorkerE2e): Promise<void> {
  await waitFor(async () => (await kit.worker.status()).outbox.depth === 0, 'the outbox to drain');
}

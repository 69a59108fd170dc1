import { availableParallelism, loadavg } from 'node:os';
import { type BenchLine, percentile } from '../support.ts';
import { TriggerPacer } from '../TriggerPacer.ts';
import { EntryRig } from './EntryRig.ts';

const SAMPLES = 25;
/**
 * The seeds' target for placement after the price enters the zone: < 500 ms
 * (docs/reference/seed-contracts.md#latency-targets).
 */
const TARGET_MS = 500;
/**
 * Each decision's preflight reads the positions (`position-v2`: 6 per 2 s per key, 5 of them for
 * normal requests) and the contract twice (`details`: 12 per 2 s, 10 for normal requests); the
 * REST client waits rather than overflow them. The paced samples keep each path to 5 decisions in
 * any 2.3 s, so that no decision waits for its window; the burst shows what happens when they do.
 */
const PACING_BUDGET = 5;
const PACING_WINDOW_MS = 2_300;
const PEER_NAME = "direct REST from the app (the original's path: no record, no limits, no worker)";

interface Sample {
  /** Decision (`enter` called) → the entry order's arrival at the simulator. */
  readonly totalMs: number;
  /** The app's part: decision → the place-order request leaves for the worker. */
  readonly appMs: number;
}

/**
 * Decision → entry order at the simulator over loopback (`EntryRig`: the app's `LiveTradeEntry`,
 * `ws:run`, the simulator), against the original's path (`placeDirectly`) on the same decisions.
 * Each decision's zone is built around the current price, so the worker places the entry at once
 * on the request (it places when the price is in the zone). Both times are read on the process's
 * monotonic clock: when `enter` is called, and when the order's request reaches the simulator
 * (`OrderArrivals`, the engine's events). First one decision at a time, paced under the REST
 * limits, each path in turn on a different symbol (the first round only warms up); then a burst:
 * every symbol's decision handed over one after another, as the MTF runner hands a run's READY
 * decisions, from the first decision to the last order's arrival.
 */
export async function decisionToOrder(): Promise<BenchLine[]> {
  const rig = await EntryRig.start();
  try {
    const { ours, peer } = await pacedSamples(rig);
    const burst = await bursts(rig);
    process.stderr.write(`${describe(rig, ours, peer, burst)}\n`);
    const total = sorted(ours.map((sample) => sample.totalMs));
    const direct = sorted(peer);
    const line = (statistic: string, p: number): BenchLine => ({
      name: `decision → entry order at the simulator, LiveTradeEntry → ws:run, zone around the price (placed at once), ${statistic} of ${total.length} (the seeds' target < ${TARGET_MS} ms)`,
      ours: percentile(total, p),
      peer: percentile(direct, p),
      peerName: PEER_NAME,
      unit: 'ms',
      lowerIsBetter: true,
      target: TARGET_MS,
    });
    return [
      line('p50', 50),
      line('p99', 99),
      {
        name: `decision → entry order, a burst of ${rig.symbols.length} decisions handed over one after another: first decision → last order`,
        ours: burst.ours,
        peer: burst.peer,
        peerName: PEER_NAME,
        unit: 'ms',
        lowerIsBetter: true,
      },
    ];
  } finally {
    await rig.stop();
  }
}

async function pacedSamples(rig: EntryRig): Promise<{ ours: Sample[]; peer: number[] }> {
  const { symbols } = rig;
  const ours: Sample[] = [];
  const peer: number[] = [];
  const oursPacer = new TriggerPacer(PACING_BUDGET, PACING_WINDOW_MS);
  const peerPacer = new TriggerPacer(PACING_BUDGET, PACING_WINDOW_MS);
  const warmUp = symbols.length;
  for (let index = 0; index < warmUp + SAMPLES; index++) {
    const side = Math.floor(index / symbols.length) % 2 === 0 ? 'LONG' : 'SHORT';
    const symbol = symbols[index % symbols.length]!;
    await rig.settle(symbol);
    await oursPacer.ready();
    const entry = await rig.enter(rig.decision(symbol, side, index));
    const arrival = await entry.arrivalMicros;
    const other = symbols[(index + Math.floor(symbols.length / 2)) % symbols.length]!;
    await peerPacer.ready();
    const direct = await rig.placeDirectly(rig.decision(other, side, index));
    const directArrival = await direct.arrivalMicros;
    await direct.cancel();
    if (index < warmUp) continue;
    ours.push({
      totalMs: (arrival - entry.decidedAtMicros) / 1_000,
      appMs: (entry.postedAtMicros - entry.decidedAtMicros) / 1_000,
    });
    peer.push((directArrival - direct.decidedAtMicros) / 1_000);
  }
  return { ours, peer };
}

/** Every symbol's decision at once, each path in turn: first decision → last arrival, in ms. */
async function bursts(rig: EntryRig): Promise<{ ours: number; peer: number }> {
  const { symbols } = rig;
  const first = 1_000;
  // Settling every symbol outlasts the last entry's 3 s zone: both clients' rate windows are empty.
  for (const symbol of symbols) await rig.settle(symbol);
  const startedAt = rig.clock.monotonicMicros();
  const entries = [];
  for (const [index, symbol] of symbols.entries())
    entries.push(await rig.enter(rig.decision(symbol, 'LONG', first + index)));
  const ours = (Math.max(...(await Promise.all(entries.map((entry) => entry.arrivalMicros)))) - startedAt) / 1_000;
  const directStartedAt = rig.clock.monotonicMicros();
  const direct = [];
  for (const [index, symbol] of symbols.entries())
    direct.push(await rig.placeDirectly(rig.decision(symbol, 'SHORT', first + symbols.length + index)));
  const peer = (Math.max(...(await Promise.all(direct.map((entry) => entry.arrivalMicros)))) - directStartedAt) / 1_000;
  for (const entry of direct) await entry.cancel();
  return { ours, peer };
}

function sorted(values: number[]): number[] {
  return values.sort((a, b) => a - b);
}

function describe(
  rig: EntryRig,
  ours: readonly Sample[],
  peer: readonly number[],
  burst: { ours: number; peer: number },
) {
  const fixed = (values: number[], p: number) => percentile(values, p).toFixed(2);
  const total = sorted(ours.map((sample) => sample.totalMs));
  const app = sorted(ours.map((sample) => sample.appMs));
  const worker = sorted(ours.map((sample) => sample.totalMs - sample.appMs));
  const direct = sorted([...peer]);
  return (
    `tradeEntry decision → order: ${ours.length} decisions after ${rig.symbols.length} warm-up on ${rig.symbols.join(', ')}, load average ${(loadavg()[0] ?? 0).toFixed(2)} on ${availableParallelism()} cores; ` +
    `ours: app (preflight, plan, gate, record) → POST p50 ${fixed(app, 50)} p99 ${fixed(app, 99)}, POST → arrival (worker) p50 ${fixed(worker, 50)} p99 ${fixed(worker, 99)}, total p90 ${fixed(total, 90)}; ` +
    `direct p90 ${fixed(direct, 90)} (ms); burst of ${rig.symbols.length}: ours ${burst.ours.toFixed(0)} ms, direct ${burst.peer.toFixed(0)} ms`
  );
}

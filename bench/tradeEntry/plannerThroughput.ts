import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { DEFAULT_CONFIG_DIRECTORY } from '../../src/trading-app/mtf-runner/index.ts';
import {
  loadTradeEntryProfile,
  tradeEntryFileFor,
} from '../../src/trading-app/trade-entry/config/loadTradeEntryProfile.ts';
import { planInputFrom } from '../../src/trading-app/trade-entry/planInputFrom.ts';
import { planTrade } from '../../src/trading-app/trade-entry/planner/planTrade.ts';
import type { PlanInput } from '../../src/trading-app/trade-entry/planner/TradePlan.ts';
import { preflight } from '../../src/trading-app/trade-entry/preflight.ts';
import { simulatorKlines } from '../../test/mtf-runner/support/simulatorCandles.ts';
import { workedExample } from '../../test/trade-entry/support/workedExample.ts';
import type { BenchLine } from '../support.ts';
import { type OriginalInput, originalInputOf, planOriginal } from './originalPlanner.ts';
import { simulatedVenueAt, snapshotsAt } from './simulatorMarket.ts';

/** Every shipped profile: the 2025-11 file (`default`) and the three profile files. */
const PROFILES = ['default', 'regular', 'scalper', 'scalper_micro'] as const;
/** Three seeded markets, each at its history's end (the moment the simulator's live market starts). */
const MARKETS = [
  { seed: 7, end: Date.UTC(2025, 10, 7, 12, 0) },
  { seed: 11, end: Date.UTC(2025, 10, 7, 17, 0) },
  { seed: 42, end: Date.UTC(2025, 10, 8, 3, 0) },
] as const;
const ROUNDS = 5;
const ROUND_MS = 150;

/**
 * Plans per second of `planTrade` against the original's planner in floats (`originalPlanner.ts`),
 * on the same inputs: the simulator's three seeded markets × 10 contracts × both sides × 1m and 5m
 * execution × the four shipped profiles, each input as the app builds it (indicator snapshot of
 * the candles, the venue's preflight, `planInputFrom`). Only the planning is timed, each side on
 * the input form it reads (`Dec`s for ours, doubles for the original). A second line keeps the
 * inputs both plan: a skip is cheaper than a plan, and the two skip different inputs.
 */
export async function plannerThroughput(): Promise<BenchLine[]> {
  checkWorkedExample();
  const inputs = await realisticInputs();
  const originalInputs = inputs.map(originalInputOf);
  const oursPlans = inputs.map((input) => planTrade(input).status === 'planned');
  const originalPlans = originalInputs.map((input) => planOriginal(input).status === 'planned');
  // Where only one of them plans, the other stops early: the same work is where both plan.
  const both = inputs.map((_, index) => oursPlans[index] === true && originalPlans[index] === true);
  const count = (flags: readonly boolean[]) => flags.filter(Boolean).length;
  process.stderr.write(
    `tradeEntry planner: ${inputs.length} inputs (simulator seeds ${MARKETS.map((market) => market.seed).join(', ')}, 4 profiles); ours plans ${count(oursPlans)}, skips ${inputs.length - count(oursPlans)} (${skipReasons(inputs)}); the original plans ${count(originalPlans)}, both ${count(both)}; load average ${(loadavg()[0] ?? 0).toFixed(2)} on ${availableParallelism()} cores\n`,
  );
  const line = (name: string, ours: readonly PlanInput[], original: readonly OriginalInput[]): BenchLine => {
    const rates = alternatingRates(ours, original);
    return {
      name,
      ...rates,
      peerName: 'the original planner in floats (PHP arithmetic, transcribed)',
      unit: 'plans/s',
    };
  };
  return [
    line(
      `trade planner: plans/s over ${inputs.length} realistic inputs (shipped profiles, simulator candles), median of ${ROUNDS} rounds`,
      inputs,
      originalInputs,
    ),
    line(
      `trade planner: plans/s over the ${count(both)} of them both plan (the whole pipeline on both sides)`,
      inputs.filter((_, index) => both[index]),
      originalInputs.filter((_, index) => both[index]),
    ),
  ];
}

/** Rounds alternate between the two (round 0 only warms the JIT); each figure is its median round. */
function alternatingRates(
  inputs: readonly PlanInput[],
  originalInputs: readonly OriginalInput[],
): { ours: number; peer: number } {
  const ours: number[] = [];
  const original: number[] = [];
  for (let round = 0; round <= ROUNDS; round++) {
    const oursRate = plansPerSecond(() => {
      for (const input of inputs) planTrade(input);
    }, inputs.length);
    const originalRate = plansPerSecond(() => {
      for (const input of originalInputs) planOriginal(input);
    }, inputs.length);
    if (round === 0) continue;
    ours.push(oursRate);
    original.push(originalRate);
  }
  return { ours: median(ours), peer: median(original) };
}

async function realisticInputs(): Promise<PlanInput[]> {
  const inputs: PlanInput[] = [];
  const profiles = PROFILES.map((name) => loadTradeEntryProfile(tradeEntryFileFor(DEFAULT_CONFIG_DIRECTORY, name)));
  for (const { seed, end } of MARKETS) {
    const venue = simulatedVenueAt(seed, end);
    const { symbols, klines } = simulatorKlines({ seed, end });
    const snapshots = snapshotsAt(klines, end);
    for (const symbol of symbols) {
      const market = snapshots.get(symbol);
      if (!market) throw new Error(`no candles for ${symbol}`);
      const venueView = await preflight(venue.exchange, symbol);
      for (const profile of profiles) {
        for (const side of ['LONG', 'SHORT'] as const) {
          for (const executionTimeframe of ['1m', '5m'] as const) {
            const request = {
              runId: 'bench',
              symbol,
              side,
              executionTimeframe,
              klineTime: end - 60_000,
              atr: market.timeframes[executionTimeframe]?.atr ?? null,
              referencePrice: market.timeframes[executionTimeframe]?.close ?? 0,
              market,
            };
            inputs.push(planInputFrom(request, venueView, profile));
          }
        }
      }
    }
  }
  return inputs;
}

function plansPerSecond(pass: () => void, plansPerPass: number): number {
  let plans = 0;
  const started = performance.now();
  let elapsed = 0;
  do {
    pass();
    plans += plansPerPass;
    elapsed = performance.now() - started;
  } while (elapsed < ROUND_MS);
  return plans / (elapsed / 1000);
}

function skipReasons(inputs: readonly PlanInput[]): string {
  const counts = new Map<string, number>();
  for (const input of inputs) {
    const outcome = planTrade(input);
    if (outcome.status === 'skipped') counts.set(outcome.reason, (counts.get(outcome.reason) ?? 0) + 1);
  }
  return [...counts].map(([reason, count]) => `${reason} ${count}`).join(', ');
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/**
 * Both planners reproduce the original's worked example (BTCUSDT long on 1m with the 2025-11 file:
 * entry 99950.0, stop 99450.0, TP 101098.8, 2 contracts at 10x) before either is timed: the peer is
 * a working planner, not a stand-in.
 */
function checkWorkedExample(): void {
  const input = workedExample();
  const expected = [99_950, 99_450, 101_098.8, 2, 10];
  const ours = planTrade(input);
  const original = planOriginal(originalInputOf(input));
  const got = [
    ours.status === 'planned'
      ? [ours.plan.entry, ours.plan.stop, ours.plan.targets[0]?.price, ours.plan.size]
          .map(Number)
          .concat(ours.plan.leverage)
      : [],
    original.status === 'planned'
      ? [original.entry, original.stop, original.targets[0]?.price ?? 0, original.size, original.leverage]
      : [],
  ];
  for (const values of got) {
    if (values.length !== expected.length || values.some((value, index) => Math.abs(value - expected[index]!) > 1e-9)) {
      throw new Error(`a planner misses the worked example: expected ${expected.join(' ')}, got ${values.join(' ')}`);
    }
  }
}

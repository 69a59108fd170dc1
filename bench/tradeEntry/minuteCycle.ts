import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { PlaceOrderRequest } from '../../src/contracts/api/placeOrder.ts';
import { type Clock, SystemClock } from '../../src/platform/clock/index.ts';
import { silentLogger } from '../../src/platform/logging/logger.ts';
import { KlineRepository } from '../../src/trading-app/market-data/KlineRepository.ts';
import {
  COLD_WINDOW,
  DEFAULT_CONFIG_DIRECTORY,
  DEFAULT_PROFILE,
  ENTRIES_SWITCH,
  isEffectivelyOff,
  MtfService,
  type RunResponse,
} from '../../src/trading-app/mtf-runner/index.ts';
import { type Database, openDatabase } from '../../src/trading-app/store/index.ts';
import { tradeEntryProfiles } from '../../src/trading-app/trade-entry/config/loadTradeEntryProfile.ts';
import { LiveTradeEntry } from '../../src/trading-app/trade-entry/LiveTradeEntry.ts';
import type { MarketSnapshot, TradeEntryOutcome } from '../../src/trading-app/trade-entry/TradeEntry.ts';
import { TradeRepository } from '../../src/trading-app/trades/TradeRepository.ts';
import { simulatorKlines } from '../../test/mtf-runner/support/simulatorCandles.ts';
import { PEER_SLOT_MS, PEER_SLOT_NAME } from '../mtfRun.bench.ts';
import { type BenchLine, percentile } from '../support.ts';
import { aliasedExchange } from './aliasedExchange.ts';
import { simulatedVenueAt, snapshotsAt } from './simulatorMarket.ts';

const SEED = 11;
const ALIASES = 20;
const SYMBOLS = 10 * ALIASES;
const CYCLES = 6;
/** The budget for one minute's work: run, plans and risk gate. */
const BUDGET_MS = 1_000;
/** As bench/mtfRun.bench.ts: history ends at 12:00; runs walk forward from 11:30:30, one a minute. */
const MARKET_END = Date.UTC(2025, 10, 7, 12, 0, 0);
const FIRST_RUN = Date.UTC(2025, 10, 7, 11, 30, 30);

interface Cycle {
  /** The scheduled cycle: the MTF run with live trade entry for its READY decisions. */
  readonly runMs: number;
  /** The run's own account of its trade-entry step (`timing.trade_entry_ms`). */
  readonly tradeEntryMs: number;
  /** The same cycle with every other symbol planned and gated as well: the worst case. */
  readonly everySymbolMs: number;
  readonly ready: number;
  readonly outcomes: readonly TradeEntryOutcome[];
}

/**
 * One minute of the platform's work over 200 symbols, as `npm start` composes it: the MTF run
 * (default profile `scalper_micro`, warm, in this thread, candles from the store on PGlite, as
 * bench/mtfRun.bench.ts) with `LiveTradeEntry` for its READY decisions (preflight, `planTrade`,
 * the risk gate, the trade record), against the 1 s budget. The venue is the simulator in
 * process, behind the same exchange port, so the figure is our own work; over the network each
 * decision's preflight adds its REST round trips and rate limits (part 3). The send to the worker
 * is not done here (part 3 measures it); the plan goes to a recorder. The 200 symbols are the
 * simulator's 10 contracts under 20 names each, so READY comes in groups of 20 (2 or 3 contracts
 * a minute here). The worst case is the same cycle with every other symbol decided too (side
 * alternating, the market snapshot of its candles with the volume filter passing, so that the
 * planner goes all the way): 200 decisions a minute.
 */
export async function minuteCycle(): Promise<BenchLine[]> {
  const directory = await mkdtemp(join(tmpdir(), 'trade-entry-bench-'));
  const setupStarted = performance.now();
  const database = await openDatabase({ dataDir: join(directory, 'pglite') });
  try {
    const symbols = await storeCandles(database);
    const contractKlines = simulatorKlines({ seed: SEED, end: MARKET_END, perSeries: COLD_WINDOW + 40 }).klines;
    // The wall clock, as bench/mtfRun.bench.ts: the run's own timings read it; decision times are `now`.
    const clock = new SystemClock();
    const sent: PlaceOrderRequest[] = [];
    const { entry, mtf } = composeApp(database, clock, sent);
    try {
      const run = (now: number) => mtf.run({ symbols, profile: DEFAULT_PROFILE, dryRun: false, workers: 1, now });
      const setupMs = performance.now() - setupStarted;
      const coldStarted = performance.now();
      await run(FIRST_RUN);
      const coldMs = performance.now() - coldStarted;
      const cycles: Cycle[] = [];
      for (let minute = 1; minute <= CYCLES; minute++) {
        const now = FIRST_RUN + minute * 60_000;
        cycles.push(await cycle(now, () => run(now), entry, snapshotsAt(contractKlines, now)));
      }
      process.stderr.write(`${describe(cycles, setupMs, coldMs, sent.length)}\n`);
      return lines(cycles);
    } finally {
      await mtf.close();
    }
  } finally {
    await database.close();
    await rm(directory, { recursive: true, force: true });
  }
}

/** The simulator's candles of 200 names (10 contracts × 20) into the store; returns the names. */
async function storeCandles(database: Database): Promise<string[]> {
  const { symbols, klines } = simulatorKlines({
    seed: SEED,
    end: MARKET_END,
    perSeries: COLD_WINDOW + 40,
    alias: (symbol) =>
      Array.from({ length: ALIASES }, (_, index) => symbol.replace('USDT', `${String(index).padStart(2, '0')}USDT`)),
  });
  await new KlineRepository(database.drizzle).upsertClosed(klines, 'rest', MARKET_END);
  return symbols;
}

/** `LiveTradeEntry` and the MTF service as the app's main composes them, the worker replaced by `sent`. */
function composeApp(database: Database, clock: Clock, sent: PlaceOrderRequest[]) {
  const switches: { mtf?: MtfService } = {};
  const entry = new LiveTradeEntry({
    exchange: aliasedExchange(simulatedVenueAt(SEED, MARKET_END).exchange),
    trades: new TradeRepository(database.drizzle, clock),
    profileFor: tradeEntryProfiles(DEFAULT_CONFIG_DIRECTORY),
    placeOrder: async (request) => {
      sent.push(request);
      return { status: 'queued' };
    },
    entriesPaused: async () =>
      (await switches.mtf?.switches.states())?.some(
        (state) => state.key === ENTRIES_SWITCH && isEffectivelyOff(state, clock.now()),
      ) ?? false,
    clock,
    logger: silentLogger(),
  });
  const mtf = new MtfService({ db: database.drizzle, clock, liveEntry: entry });
  switches.mtf = mtf;
  return { entry, mtf };
}

/** One minute: the run (timed), then every symbol it did not find READY decided too (timed on). */
async function cycle(
  now: number,
  run: () => Promise<RunResponse>,
  entry: LiveTradeEntry,
  snapshots: ReadonlyMap<string, MarketSnapshot>,
): Promise<Cycle> {
  const started = performance.now();
  const response = await run();
  const runMs = performance.now() - started;
  const outcomes = readyOutcomes(response);
  const others = Object.values(response.data.results).filter((result) => result.status !== 'READY');
  for (const [index, result] of others.entries()) {
    const market = passingVolume(snapshots.get(result.symbol.replace(/\d{2}USDT$/, 'USDT')));
    const request = {
      runId: response.data.summary.run_id,
      profile: DEFAULT_PROFILE,
      symbol: result.symbol,
      side: index % 2 === 0 ? ('LONG' as const) : ('SHORT' as const),
      executionTimeframe: '1m' as const,
      klineTime: now - 90_000,
      atr: market?.timeframes['1m']?.atr ?? null,
      referencePrice: market?.timeframes['1m']?.close ?? 0,
      market,
    };
    outcomes.push(await entry.enter(request));
  }
  return {
    runMs,
    tradeEntryMs: response.data.timing.trade_entry_ms,
    everySymbolMs: performance.now() - started,
    ready: SYMBOLS - others.length,
    outcomes,
  };
}

/** The snapshot with `volume_ratio_ok` passing: the profile's filter would refuse most of them early. */
function passingVolume(market: MarketSnapshot | undefined): MarketSnapshot | undefined {
  if (!market) return undefined;
  const timeframes = Object.fromEntries(
    Object.entries(market.timeframes).map(([timeframe, values]) => [
      timeframe,
      values && { ...values, volumeRatio: 1.5 },
    ]),
  );
  return { ...market, timeframes };
}

function readyOutcomes(response: RunResponse): TradeEntryOutcome[] {
  return Object.values(response.data.results)
    .map((result) => result.trading_decision)
    .filter((outcome): outcome is TradeEntryOutcome => outcome !== null);
}

function lines(cycles: readonly Cycle[]): BenchLine[] {
  const sorted = (pick: (cycle: Cycle) => number) => cycles.map(pick).sort((a, b) => a - b);
  const run = sorted((cycle) => cycle.runMs);
  const every = sorted((cycle) => cycle.everySymbolMs);
  const ready = cycles.map((cycle) => cycle.ready);
  const line = (name: string, ours: number): BenchLine => ({
    name,
    ours,
    peer: PEER_SLOT_MS,
    peerName: PEER_SLOT_NAME,
    unit: 'ms',
    lowerIsBetter: true,
    target: BUDGET_MS,
  });
  const readyRange = `${Math.min(...ready)}–${Math.max(...ready)} READY`;
  return [
    line(
      `minute cycle, ${SYMBOLS} symbols: MTF run + plans + risk gate for its ${readyRange}, p50 of ${cycles.length}`,
      percentile(run, 50),
    ),
    line(`minute cycle, ${SYMBOLS} symbols, ${readyRange}: p99 of ${cycles.length} (the slowest)`, percentile(run, 99)),
    line(
      `minute cycle, worst case: all ${SYMBOLS} symbols decided (preflight, plan, gate, record), p50 of ${cycles.length}`,
      percentile(every, 50),
    ),
    line(
      `minute cycle, worst case, ${SYMBOLS} decisions: p99 of ${cycles.length} (the slowest)`,
      percentile(every, 99),
    ),
  ];
}

/** Context on stderr: what the cycles decided, so that the figures can be read. */
function describe(cycles: readonly Cycle[], setupMs: number, coldMs: number, sent: number): string {
  const counts = new Map<string, number>();
  for (const cycle of cycles) {
    for (const outcome of cycle.outcomes) {
      const key = outcome.status === 'skipped' ? `skipped ${outcome.reason}` : outcome.status;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  const tally = [...counts].map(([key, count]) => `${key} ${count}`).join(', ');
  return `tradeEntry minute cycle: setup (candles into the store) ${setupMs.toFixed(0)} ms, first (cold) run ${coldMs.toFixed(0)} ms; READY per cycle ${cycles.map((cycle) => cycle.ready).join(', ')}; run ms ${cycles.map((cycle) => cycle.runMs.toFixed(0)).join(', ')} (of which trade entry ${cycles.map((cycle) => cycle.tradeEntryMs.toFixed(0)).join(', ')}); with every symbol ms ${cycles.map((cycle) => cycle.everySymbolMs.toFixed(0)).join(', ')}; decisions: ${tally}; entries handed to the worker ${sent}; load average ${(loadavg()[0] ?? 0).toFixed(2)} on ${availableParallelism()} cores`;
}

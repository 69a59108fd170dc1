import { performance } from 'node:perf_hooks';
import { seededHistory } from '../src/backtest/data/seededHistory.ts';
import { HISTORY_BEFORE_START_MS, runBacktest } from '../src/backtest/runBacktest.ts';
import { Dec } from '../src/platform/decimal/index.ts';
import { CONTRACT_CATALOG } from '../src/simulator/market/index.ts';
import { MinuteSeries } from '../src/simulator/replay/index.ts';
import type { BenchLine } from './support.ts';

/** Days replayed: `BACKTEST_BENCH_DAYS` (default 1; the year is 365). */
const DAYS = Number(process.env.BACKTEST_BENCH_DAYS ?? '1');
const FROM = Date.UTC(2026, 0, 5);
/** Issue 14: one symbol, one year of 1m candles in under 10 s, i.e. at least 50,000 candles per second. */
const GOAL_CANDLES_PER_SECOND = 50_000;
const YEAR_MINUTES = 365 * 1_440;

/**
 * One symbol (the seeded simulator's BTCUSDT, 50 days of warm-up) through the shipped scalper_micro,
 * the whole platform on the manual clock: candles per second over `DAYS` days, with the start-up
 * (app, worker, the first catch-up of 300 candles per timeframe) measured apart on a one-minute
 * run and left out of the rate; the year's wall time extrapolated from that rate.
 */
export async function backtestBenchmarks(): Promise<BenchLine[]> {
  const spec = CONTRACT_CATALOG.find((contract) => contract.symbol === 'BTCUSDT');
  if (!spec) throw new Error('the catalog lists BTCUSDT');
  const toMs = FROM + DAYS * 86_400_000;
  const series = MinuteSeries.of(
    'BTCUSDT',
    spec.tickSize,
    seededHistory({ seed: 7, symbol: 'BTCUSDT', fromMs: FROM - HISTORY_BEFORE_START_MS, toMs }),
  );
  const timed = async (endMs: number) => {
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const result = await runBacktest({
      profile: 'scalper_micro',
      series: [{ spec, series }],
      fromMs: FROM,
      toMs: endMs,
      balanceUsdt: new Dec(10_000),
      seed: 7,
    });
    const cpu = process.cpuUsage(cpuBefore);
    return {
      seconds: (performance.now() - started) / 1000,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      trades: result.trades.length,
    };
  };
  const startUp = await timed(FROM + 60_000);
  const startUpPeakRssMb = process.resourceUsage().maxRSS / 1024;
  const run = await timed(toMs);
  const candles = DAYS * 1_440;
  const perSecond = candles / Math.max(run.seconds - startUp.seconds, 1e-9);
  // The machine is shared: CPU time (the process's, every thread) says what wall time hides under load.
  const perCpuSecond = candles / Math.max(run.cpuSeconds - startUp.cpuSeconds, 1e-9);
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  process.stderr.write(
    `backtest: ${candles} candles (${DAYS} d) in ${run.seconds.toFixed(1)} s (${run.cpuSeconds.toFixed(1)} s of CPU) with ${startUp.seconds.toFixed(1)} s of start-up, ${run.trades} trades, peak RSS ${peakRssMb.toFixed(0)} MB\n`,
  );
  return [
    {
      name: `backtest, 1 symbol × ${DAYS} d of 1m, scalper_micro, whole platform (start-up excluded)`,
      ours: perSecond,
      peer: GOAL_CANDLES_PER_SECOND,
      peerName: 'issue 14 goal',
      unit: 'candles/s',
      target: GOAL_CANDLES_PER_SECOND,
    },
    {
      name: `backtest, 1 symbol × ${DAYS} d of 1m, per second of CPU (start-up excluded)`,
      ours: perCpuSecond,
      peer: GOAL_CANDLES_PER_SECOND,
      peerName: 'issue 14 goal',
      unit: 'candles/CPU-s',
      target: GOAL_CANDLES_PER_SECOND,
    },
    {
      name: 'backtest, peak resident memory of the process',
      ours: peakRssMb,
      peer: startUpPeakRssMb,
      peerName: 'peak after the one-minute start-up run',
      unit: 'MB',
      lowerIsBetter: true,
    },
    {
      name: 'backtest, one year of 1m candles for 1 symbol, extrapolated wall time',
      ours: startUp.seconds + YEAR_MINUTES / perSecond,
      peer: 10,
      peerName: 'issue 14 goal',
      unit: 's',
      target: 10,
      lowerIsBetter: true,
    },
  ];
}

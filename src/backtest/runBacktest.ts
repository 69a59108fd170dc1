import { join } from 'node:path';
import { TIMEFRAME_MS } from '../exchange/port/types.ts';
import { ManualClock } from '../platform/clock/index.ts';
import { Dec } from '../platform/decimal/index.ts';
import type { Logger } from '../platform/logging/logger.ts';
import type { ContractSpec } from '../simulator/market/index.ts';
import {
  type MinuteSeries,
  type PriceLevel,
  ReplayMarket,
  venueLevels,
  type WatchBands,
} from '../simulator/replay/index.ts';
import type { FeeRates } from '../trading-app/backtests/backtestParameters.ts';
import { DEFAULT_HISTORY_CANDLES } from '../trading-app/market-data/KlineSync.ts';
import { DEFAULT_CONFIG_DIRECTORY } from '../trading-app/mtf-runner/MtfService.ts';
import { thresholdsOf } from '../ws-worker/execution/context.ts';
import { loadOrdersConfig } from '../ws-worker/execution/ordersConfig.ts';
import { collectTrades, type TradeRecord } from './collectTrades.ts';
import { withFees } from './feeOverride.ts';
import { startInProcessPlatform } from './inProcessPlatform.ts';
import { MemoryKlines } from './memoryKlines.ts';
import { scratchDirectory } from './scratchDirectory.ts';
import { analyse, type BacktestStatistics } from './statistics.ts';
import { type BacktestSummary, type EquityPoint, summarize } from './summary.ts';

export interface BacktestSeries {
  readonly spec: ContractSpec;
  /** 1m closed candles, contiguous, from the warm-up's start up to the run's end. */
  readonly series: MinuteSeries;
}

export interface BacktestRun {
  /** The trade-entry and MTF profile (`MTF_PROFILE`). */
  readonly profile: string;
  readonly series: readonly BacktestSeries[];
  /** The first moment the platform runs; candles before it are history (warm-up). */
  readonly fromMs: number;
  readonly toMs: number;
  readonly balanceUsdt: Dec;
  /** Fee rates replacing every contract's for the run (`--fees`). */
  readonly fees?: FeeRates;
  /** Basis points by which market and stop fills move against us (`--slippage`); default 0. */
  readonly slippageBps?: number;
  /** The MTF and trade-entry YAML files. */
  readonly configDirectory?: string;
  /** Seeds the synthetic book and the funding rates. */
  readonly seed?: number;
  /** More of the platform's environment (tests: a schedule off, a limit lifted). */
  readonly env?: Record<string, string>;
  readonly logger?: Logger;
  /** Called after each settled moment with the clock's time. */
  readonly onProgress?: (nowMs: number) => void;
  /** Called once the platform runs, before the replay starts (tests: a request at a chosen moment). */
  readonly onStart?: (platform: BacktestPlatform) => Promise<void> | void;
}

export interface BacktestPlatform {
  readonly appUrl: string;
  readonly clock: ManualClock;
  /** Replays up to `endMs` (≤ the run's end), settling at each moment. */
  runUntil(endMs: number): Promise<void>;
}

export interface BacktestResult {
  readonly trades: readonly TradeRecord[];
  /** Decisions that did not trade, by status and reason (`refused: symbol_busy`). */
  readonly notTraded: Readonly<Record<string, number>>;
  readonly equity: readonly EquityPoint[];
  readonly summary: BacktestSummary;
  readonly statistics: BacktestStatistics;
}

const MINUTE_MS = 60_000;

/**
 * How much history before the start the indicators need: the app fills the last 300 candles of each
 * timeframe it syncs (`KlineSync`), up to 4h, so 300 × 4h = 50 days. Less works (a run with too few
 * candles for a rule decides nothing on it); more is never read.
 */
export const HISTORY_BEFORE_START_MS = DEFAULT_HISTORY_CANDLES * TIMEFRAME_MS['4h'];

/** The worker's slippage bands before its stop and targets (config/orders.yaml), where the replay must print too. */
function workerBands(ordersFile: string): WatchBands {
  const thresholds = thresholdsOf(loadOrdersConfig(ordersFile));
  return { stopLoss: thresholds.stopLossSlippage, takeProfit: thresholds.takeProfitSlippage };
}

/**
 * Replays recorded candles through the platform as it trades live (docs/decisions/0026-backtests.md):
 * the MTF runner on its schedule, the trade entry, the worker's execution and the simulator's engine,
 * on one manual clock; only the market differs from paper trading. Returns the app's trade records
 * (accounted from the venue's fills and ledger, as live) and the account's equity each minute.
 */
export async function runBacktest(run: BacktestRun): Promise<BacktestResult> {
  // The worker reads the orders file of the configuration, as `ws:run` reads config/orders.yaml.
  const ordersFile = join(run.configDirectory ?? DEFAULT_CONFIG_DIRECTORY, 'orders.yaml');
  const clock = new ManualClock(run.fromMs);
  let levels: ((symbol: string) => readonly PriceLevel[]) | undefined;
  const market = new ReplayMarket({
    clock,
    symbols: withFees(run.series, run.fees),
    seed: run.seed ?? 0,
    levels: (symbol) => levels?.(symbol) ?? [],
  });
  // The app's candles live as long as the run (docs/decisions/0031-backtest-speed.md).
  const memoryKlines = new MemoryKlines();
  const platform = await startInProcessPlatform({
    clock,
    market,
    seed: run.seed ?? 0,
    balanceUsdt: run.balanceUsdt.toFixed(),
    marketSlippageBps: run.slippageBps ?? 0,
    env: { MTF_PROFILE: run.profile, ORDERS_CONFIG: ordersFile, ...run.env },
    ...(run.configDirectory ? { configDirectory: run.configDirectory } : {}),
    ...(run.logger ? { logger: run.logger } : {}),
    klineStore: { klines: memoryKlines, candles: memoryKlines },
    scratchDirectory: scratchDirectory(),
  });
  levels = venueLevels({
    engine: platform.engine,
    accountId: platform.accountId,
    market,
    bands: workerBands(ordersFile),
  });
  const equity: EquityPoint[] = [];
  const sample = () => {
    const usdt = platform.engine.assets(platform.accountId)[0];
    equity.push({ timeMs: clock.now(), equity: usdt?.equity ?? new Dec(0) });
  };
  let sampledMinute = Math.floor(run.fromMs / MINUTE_MS);
  sample();
  const runUntil = (endMs: number) =>
    platform.runUntil(Math.min(endMs, run.toMs), {
      beforeStep: () => market.refreshNextPrint(),
      afterStep: () => {
        const minute = Math.floor(clock.now() / MINUTE_MS);
        if (minute > sampledMinute) {
          sampledMinute = minute;
          sample();
        }
        run.onProgress?.(clock.now());
      },
    });
  try {
    await run.onStart?.({ appUrl: platform.app.url, clock, runUntil });
    await runUntil(run.toMs);
    if (equity.at(-1)?.timeMs !== clock.now()) sample();
    await platform.settle();
    const { trades, notTraded } = await collectTrades(platform.app.url);
    const { balanceUsdt, fromMs, toMs } = run;
    return {
      trades,
      notTraded,
      equity,
      summary: summarize({ trades, equity, balanceUsdt }),
      statistics: analyse({ trades, equity, balanceUsdt, fromMs, toMs, notTraded }),
    };
  } finally {
    await platform.stop();
  }
}

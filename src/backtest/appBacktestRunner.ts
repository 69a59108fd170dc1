import type { BacktestRunner } from '../trading-app/backtests/BacktestRunner.ts';
import { completeBacktest } from './completeBacktest.ts';
import { loadStoreSeries } from './data/storeSeries.ts';
import { HISTORY_BEFORE_START_MS } from './runBacktest.ts';

/**
 * The trading-app's backtests (`POST /api/backtests`): the app's stored klines, as
 * `backtest:run --data=store` reads them, through the same run, hashes, JSON and report.
 */
export function appBacktestRunner(options: { codeVersion: string; seed?: number }): BacktestRunner {
  const seed = options.seed ?? 0;
  return {
    async run(parameters, data, onProgress) {
      const { fromMs, toMs } = parameters;
      const series = await loadStoreSeries(
        data,
        parameters.symbols,
        { fromMs, toMs, warmupMs: HISTORY_BEFORE_START_MS },
        "the trading-app's store",
      );
      const completed = await completeBacktest({
        parameters,
        series,
        seed,
        codeVersion: options.codeVersion,
        onProgress: (nowMs) => onProgress((nowMs - fromMs) / (toMs - fromMs)),
      });
      return { json: completed.json, html: completed.html() };
    },
  };
}

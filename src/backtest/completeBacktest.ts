import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BacktestParameters, feesText, parametersJson } from '../trading-app/backtests/backtestParameters.ts';
import { DEFAULT_CONFIG_DIRECTORY } from '../trading-app/mtf-runner/MtfService.ts';
import { inputHash, outputHash, resultJson } from './hashes.ts';
import { htmlReport } from './report/htmlReport.ts';
import { type BacktestResult, type BacktestSeries, runBacktest } from './runBacktest.ts';

export interface CompletedBacktest {
  readonly result: BacktestResult;
  readonly hashes: { readonly input: string; readonly output: string };
  /** What `backtest:run --json` prints and `GET /api/backtests/:id` returns. */
  readonly json: ReturnType<typeof backtestJson>;
  /** The self-contained HTML report (`--report`, `GET /api/backtests/:id/report.html`). */
  html(): string;
}

/**
 * One backtest from parameters to its outputs, for the CLI and the app alike: the run, the input
 * hash (code, parameters with fees and slippage, config files, contracts and candles), the output
 * hash, the JSON and the report.
 */
export async function completeBacktest(options: {
  parameters: BacktestParameters;
  series: readonly BacktestSeries[];
  seed: number;
  codeVersion: string;
  onProgress?: (nowMs: number) => void;
}): Promise<CompletedBacktest> {
  const { parameters, series, seed } = options;
  const configFiles = readdirSync(DEFAULT_CONFIG_DIRECTORY)
    .filter((name) => /\.ya?ml$/.test(name))
    .map((name) => ({ name, content: readFileSync(join(DEFAULT_CONFIG_DIRECTORY, name), 'utf8') }));
  const input = inputHash({
    codeVersion: options.codeVersion,
    profile: parameters.profile,
    fromMs: parameters.fromMs,
    toMs: parameters.toMs,
    balanceUsdt: parameters.balance.toFixed(),
    seed,
    fees: parameters.fees ? feesText(parameters.fees) : null,
    slippageBps: parameters.slippageBps,
    configFiles,
    series,
  });
  const result = await runBacktest({
    profile: parameters.profile,
    series,
    fromMs: parameters.fromMs,
    toMs: parameters.toMs,
    balanceUsdt: parameters.balance,
    seed,
    slippageBps: parameters.slippageBps,
    ...(parameters.fees ? { fees: parameters.fees } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const hashes = { input, output: outputHash(result) };
  const fees = parameters.fees ? feesText(parameters.fees) : undefined;
  return {
    result,
    hashes,
    json: backtestJson(parameters, result, hashes),
    html: () =>
      htmlReport(
        {
          profile: parameters.profile,
          fromMs: parameters.fromMs,
          toMs: parameters.toMs,
          balance: parameters.balance,
          slippageBps: parameters.slippageBps,
          ...(fees ? { fees } : {}),
        },
        series,
        result,
        hashes,
      ),
  };
}

function backtestJson(parameters: BacktestParameters, result: BacktestResult, hashes: CompletedBacktest['hashes']) {
  return {
    run: parametersJson(parameters),
    ...resultJson(result),
    hashes,
  };
}

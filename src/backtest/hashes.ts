import { createHash } from 'node:crypto';
import type { ContractSpec } from '../simulator/market/index.ts';
import type { MinuteSeries } from '../simulator/replay/index.ts';
import type { BacktestResult } from './runBacktest.ts';

/** Everything a backtest's outcome depends on; the same inputs give the same hash, byte for byte. */
export interface BacktestInputs {
  /** The code that ran: the package version and its commit (a changed rule changes the result). */
  readonly codeVersion: string;
  readonly profile: string;
  readonly fromMs: number;
  readonly toMs: number;
  readonly balanceUsdt: string;
  readonly seed: number;
  /** `maker,taker` replacing the contracts' rates (`--fees`), or null: the contracts' own (hashed with each contract). */
  readonly fees: string | null;
  /** `--slippage`, in basis points. */
  readonly slippageBps: number;
  /** The YAML files of the config directory, by name: the MTF rules and the trade-entry profiles. */
  readonly configFiles: readonly { readonly name: string; readonly content: string }[];
  readonly series: readonly { readonly spec: ContractSpec; readonly series: MinuteSeries }[];
}

/** SHA-256 over a canonical text of the inputs: candles in ticks with their tick, files by name. */
export function inputHash(inputs: BacktestInputs): string {
  const hash = createHash('sha256');
  hash.update(
    `code ${inputs.codeVersion}\nprofile ${inputs.profile}\nrange ${inputs.fromMs} ${inputs.toMs}\nbalance ${inputs.balanceUsdt}\nseed ${inputs.seed}\n`,
  );
  hash.update(`fees ${inputs.fees ?? 'contracts'}\nslippage ${inputs.slippageBps} bps\n`);
  for (const file of [...inputs.configFiles].sort((a, b) => a.name.localeCompare(b.name))) {
    hash.update(`file ${file.name} ${createHash('sha256').update(file.content).digest('hex')}\n`);
  }
  for (const { spec, series } of [...inputs.series].sort((a, b) => a.spec.symbol.localeCompare(b.spec.symbol))) {
    hash.update(
      `contract ${spec.symbol} tick ${spec.tickSize} size ${spec.contractSize} fees ${spec.makerFeeRate} ${spec.takerFeeRate}\n`,
    );
    hash.update(`candles ${spec.symbol} from ${series.startMs} count ${series.length}\n`);
    for (let index = 0; index < series.length; index++) {
      const candle = series.candle(index);
      hash.update(`${candle.open},${candle.high},${candle.low},${candle.close},${candle.volume}\n`);
    }
  }
  return hash.digest('hex');
}

/** SHA-256 of the result as JSON with its keys in a fixed order: two runs agree iff this does. */
export function outputHash(result: BacktestResult): string {
  return createHash('sha256')
    .update(JSON.stringify(resultJson(result)))
    .digest('hex');
}

const HOUR_MS = 3_600_000;

/**
 * The result as plain JSON: money as exact decimal strings, times in ISO, the equity at each hour
 * and at the end (the drawdown was measured on every minute).
 */
export function resultJson(result: BacktestResult) {
  const last = result.equity.at(-1);
  return {
    summary: result.summary,
    statistics: result.statistics,
    trades: result.trades,
    not_traded: result.notTraded,
    equity: result.equity
      .filter((point) => point.timeMs % HOUR_MS === 0 || point === last)
      .map((point) => ({ time: new Date(point.timeMs).toISOString(), equity: point.equity.toFixed() })),
  };
}

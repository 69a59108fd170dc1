import type { ContractRepository } from '../market-data/ContractRepository.ts';
import type { KlineStore } from '../market-data/KlineStore.ts';
import type { BacktestParameters } from './backtestParameters.ts';

/** The app's own market data, where a backtest reads its contracts and 1m candles (as the CLI's `--data=store`). */
export interface BacktestData {
  readonly contracts: ContractRepository;
  readonly klines: KlineStore;
}

/** A finished run, as the CLI prints and writes it. */
export interface BacktestOutcome {
  /** What `backtest:run --json` prints, byte for byte once serialised. */
  readonly json: { readonly summary: object };
  /** What `backtest:run --report` writes: one self-contained HTML file. */
  readonly html: string;
}

/**
 * Runs one backtest (the whole platform on a replay of `data`, src/backtest). A port: the
 * trading-app never imports the backtest, which itself composes a trading-app; the composition root
 * (`app:serve`, `up`) injects it. `onProgress` gets the fraction done; when it throws, the run stops
 * and rejects with that error.
 */
export interface BacktestRunner {
  run(
    parameters: BacktestParameters,
    data: BacktestData,
    onProgress: (fraction: number) => void,
  ): Promise<BacktestOutcome>;
}

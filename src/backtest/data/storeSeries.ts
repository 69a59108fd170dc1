import type { ContractRepository } from '../../trading-app/market-data/ContractRepository.ts';
import type { KlineStore } from '../../trading-app/market-data/KlineStore.ts';
import type { BacktestSeries } from '../runBacktest.ts';
import { contractSpecFor } from './contractSpec.ts';
import { BacktestDataError, loadStoredSeries } from './storedSeries.ts';

/**
 * Every symbol's contract and 1m candles from the app's store (`--data=store`, and the app's own
 * `POST /api/backtests`), or every problem of every symbol at once.
 */
export async function loadStoreSeries(
  store: { readonly contracts: ContractRepository; readonly klines: KlineStore },
  symbols: readonly string[],
  range: { fromMs: number; toMs: number; warmupMs: number },
  storage: string,
): Promise<BacktestSeries[]> {
  const loaded: BacktestSeries[] = [];
  const problems: string[] = [];
  for (const symbol of symbols) {
    const spec = contractSpecFor(symbol, await store.contracts.get(symbol));
    if (!spec) {
      problems.push(`${symbol}: unknown contract in ${storage}; fetch it first (bitmart:fetch-contracts)`);
      continue;
    }
    try {
      loaded.push({ spec, ...(await loadStoredSeries(store.klines, spec, range)) });
    } catch (error) {
      if (!(error instanceof BacktestDataError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) throw new BacktestDataError(problems);
  return loaded;
}

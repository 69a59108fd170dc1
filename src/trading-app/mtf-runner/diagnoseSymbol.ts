import { evaluateSymbol } from '../mtf/cascade/evaluateSymbol.ts';
import type { SymbolDecision } from '../mtf/cascade/SymbolDecision.ts';
import type { MtfConfig } from '../mtf/config/MtfConfig.ts';
import type { MtfTimeframe } from '../mtf/timeframes.ts';
import type { StoreDatabase } from '../store/openDatabase.ts';
import { StoreCandleSource } from './candles/StoreCandleSource.ts';
import { symbolContexts } from './symbolContexts.ts';

/**
 * One symbol's full decision from the stored candles (`symbolContexts`), with `timeframe` forced
 * as the execution timeframe when the profile executes on it. For the diagnose command: nothing is
 * written.
 */
export async function diagnoseSymbol(
  db: StoreDatabase,
  config: MtfConfig,
  symbol: string,
  timeframe: MtfTimeframe,
  now: number,
): Promise<SymbolDecision> {
  const { contexts, history } = await symbolContexts(new StoreCandleSource(db), symbol, now);
  return evaluateSymbol(config, {
    symbol,
    contexts,
    history,
    now,
    ...(config.executionTimeframes.includes(timeframe) ? { currentTf: timeframe } : {}),
  });
}

import { eq } from 'drizzle-orm';
import { evaluateSymbol } from '../mtf/cascade/evaluateSymbol.ts';
import type { SymbolDecision } from '../mtf/cascade/SymbolDecision.ts';
import type { MtfConfig } from '../mtf/config/MtfConfig.ts';
import type { MtfTimeframe } from '../mtf/timeframes.ts';
import type { StoreDatabase } from '../store/openDatabase.ts';
import { contracts } from '../store/schema.ts';
import { StoreCandleSource } from './candles/StoreCandleSource.ts';
import { symbolContexts } from './symbolContexts.ts';

/**
 * One symbol's full decision from the stored candles (`symbolContexts`), with `timeframe` forced
 * as the execution timeframe when the profile executes on it, and the contract's tick size for the
 * ATR floor as a run has it. For the diagnose command and `GET /api/mtf/diagnose`: nothing is written.
 */
export async function diagnoseSymbol(
  db: StoreDatabase,
  config: MtfConfig,
  symbol: string,
  timeframe: MtfTimeframe | undefined,
  now: number,
): Promise<SymbolDecision> {
  const [contract] = await db
    .select({ tickSize: contracts.tickSize })
    .from(contracts)
    .where(eq(contracts.symbol, symbol))
    .limit(1);
  const tickSize = contract ? Number(contract.tickSize) : undefined;
  const { contexts, history } = await symbolContexts(new StoreCandleSource(db), symbol, now, tickSize);
  return evaluateSymbol(config, {
    symbol,
    contexts,
    history,
    now,
    ...(timeframe && config.executionTimeframes.includes(timeframe) ? { currentTf: timeframe } : {}),
  });
}

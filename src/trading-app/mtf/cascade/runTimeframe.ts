import type { IndicatorContext } from '../../indicators/IndicatorContext.ts';
import type { MtfConfig } from '../config/MtfConfig.ts';
import { evaluateTimeframe } from '../evaluation/evaluateTimeframe.ts';
import type { MtfTimeframe } from '../timeframes.ts';
import { freshness } from './freshness.ts';
import type { TimeframeOutcome } from './SymbolDecision.ts';

export interface SymbolInput {
  readonly symbol: string;
  readonly contexts: Partial<Record<MtfTimeframe, IndicatorContext>>;
  /** Decision time (ms). Only used to check that each context ends at the last candle closed at `now`. */
  readonly now: number;
  /** Bypasses kill switches and the grace window, never the closed-candle check. */
  readonly forceRun?: boolean;
  /** Forces this execution timeframe (the selector is not consulted); the context timeframes still gate. */
  readonly currentTf?: MtfTimeframe;
  /** Kill switch per timeframe: false → SKIPPED (unless forceRun). */
  readonly switches?: (timeframe: MtfTimeframe) => boolean;
  /** Earlier contexts per timeframe, newest first: slopes over N bars and `validity_bars` need them. */
  readonly history?: Partial<Record<MtfTimeframe, readonly IndicatorContext[]>>;
  /** Non-indicator facts for rules and the execution selector (`expected_r_multiple`, `spread_bps`, ...). */
  readonly facts?: Readonly<Record<string, number | boolean>>;
}

/** Gates and evaluates one timeframe: kill switch, context presence and freshness, then the rule lists. */
export function runTimeframe(config: MtfConfig, timeframe: MtfTimeframe, input: SymbolInput): TimeframeOutcome {
  const base = { timeframe, signal: 'NONE' as const, klineTime: null };
  if (input.switches && !input.forceRun && !input.switches(timeframe)) {
    return { ...base, status: 'SKIPPED', reason: `${timeframe} kill switch OFF` };
  }
  const context = input.contexts[timeframe];
  if (!context) return { ...base, status: 'ERROR', reason: `NO_CONTEXT_${timeframe}` };
  if (context.timeframe !== timeframe || context.symbol !== input.symbol) {
    return { ...base, status: 'ERROR', reason: `CONTEXT_MISMATCH: got ${context.symbol} ${context.timeframe}` };
  }
  const klineTime = context.klineTime;
  const fresh = freshness(timeframe, context, input.now, input.forceRun ?? false);
  if (fresh.status === 'unclosed')
    return { ...base, klineTime, status: 'ERROR', reason: `UNCLOSED_CANDLE_${timeframe}` };
  if (fresh.status === 'grace')
    return { ...base, klineTime, status: 'GRACE_WINDOW', reason: `${timeframe} candle not yet received` };
  if (fresh.status === 'stale') return { ...base, klineTime, status: 'ERROR', reason: `STALE_CONTEXT_${timeframe}` };
  try {
    const evaluation = evaluateTimeframe(config, timeframe, context, {
      peers: input.contexts,
      history: input.history?.[timeframe] ?? [],
      facts: input.facts ?? {},
    });
    const status = evaluation.signal === 'NONE' ? 'INVALID' : 'VALID';
    const none = evaluation.tie ? 'SIGNAL_AMBIGUOUS' : 'SIGNAL_NONE';
    const reason = status === 'INVALID' ? none : fresh.status === 'stale_forced' ? 'STALE_CONTEXT_FORCED' : null;
    return { timeframe, status, signal: evaluation.signal, klineTime, reason, evaluation };
  } catch (error) {
    return {
      ...base,
      klineTime,
      status: 'ERROR',
      reason: `EXCEPTION: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

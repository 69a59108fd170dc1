import type { IndicatorContext } from '../../indicators/IndicatorContext.ts';
import { TimeframeIndicators } from '../../indicators/TimeframeIndicators.ts';
import { evaluateSymbol } from '../../mtf/cascade/evaluateSymbol.ts';
import { loadMtfConfig } from '../../mtf/config/loadMtfConfig.ts';
import type { MtfConfig } from '../../mtf/config/MtfConfig.ts';
import { MTF_TIMEFRAMES, type MtfTimeframe } from '../../mtf/timeframes.ts';
import { marketSnapshot } from '../../trade-entry/marketSnapshot.ts';
import { decisionAudits, withMetrics } from '../audit/auditRows.ts';
import { evaluationError } from '../errorResult.ts';
import { type SnapshotDraft, snapshotValues } from '../snapshots/snapshotValues.ts';
import { symbolTimeframeSwitch } from '../switches/switchKeys.ts';
import type { EvaluatedSymbol, EvaluationJob, EvaluationSettings } from './EvaluationJob.ts';
import { IndicatorBook } from './IndicatorBook.ts';

/**
 * Feeds a job's candles into the book, then runs the MTF cascade on the resulting contexts. The
 * same code runs in the runner's thread and in each worker thread, so a symbol's result depends
 * only on the candles it was fed and the settings, never on where it ran. Never throws: a failure
 * is an ERROR result naming its cause.
 */
export class SymbolEvaluator {
  readonly #book = new IndicatorBook();
  readonly #configs = new Map<string, MtfConfig>();

  evaluate(job: EvaluationJob, settings: EvaluationSettings): EvaluatedSymbol {
    const { symbol } = job;
    try {
      for (const timeframe of MTF_TIMEFRAMES) {
        const feed = job.feeds[timeframe];
        if (feed) this.#book.feed(symbol, timeframe, feed, job.tickSize);
      }
      return this.#decide(symbol, this.#config(settings.configPath), settings);
    } catch (error) {
      const reason = `EVALUATION_FAILED: ${error instanceof Error ? error.message : String(error)}`;
      return evaluationError(symbol, reason, this.#cursors(symbol));
    }
  }

  #decide(symbol: string, config: MtfConfig, settings: EvaluationSettings): EvaluatedSymbol {
    const contexts: Partial<Record<MtfTimeframe, IndicatorContext>> = {};
    const history: Partial<Record<MtfTimeframe, readonly IndicatorContext[]>> = {};
    for (const timeframe of MTF_TIMEFRAMES) {
      const view = this.#book.view(symbol, timeframe);
      if (!view) continue;
      contexts[timeframe] = view.context;
      history[timeframe] = view.history;
    }
    const cursors = this.#cursors(symbol);
    const lowest = [...MTF_TIMEFRAMES].reverse().find((timeframe) => contexts[timeframe]);
    const currentPrice = lowest ? (contexts[lowest] as IndicatorContext).close : null;
    const cold = config.timeframes.find((timeframe) => !contexts[timeframe]);
    if (cold) {
      const count = this.#book.candleCount(symbol, cold);
      const reason = `INSUFFICIENT_CANDLES_${cold}: ${count} of ${TimeframeIndicators.warmUpCandles}`;
      return evaluationError(symbol, reason, cursors, { failedTimeframe: cold, currentPrice });
    }
    const off = new Set(settings.offSwitches);
    const decision = evaluateSymbol(config, {
      symbol,
      contexts,
      history,
      now: settings.now,
      forceRun: settings.forceRun,
      ...(settings.currentTf ? { currentTf: settings.currentTf } : {}),
      switches: (timeframe) => !off.has(symbolTimeframeSwitch(symbol, timeframe)),
    });
    const metrics = Object.fromEntries(
      Object.entries(contexts).map(([timeframe, context]) => [timeframe, { close: context.close, atr: context.atr }]),
    );
    const snapshots: SnapshotDraft[] = [];
    for (const outcome of Object.values(decision.timeframes)) {
      const context = outcome ? contexts[outcome.timeframe] : undefined;
      // docs/reference/original-system.md#indicator-snapshots: every evaluated timeframe, INVALID included;
      // not one waiting in its grace window.
      if (!outcome?.evaluation || !context) continue;
      snapshots.push({
        symbol,
        timeframe: outcome.timeframe,
        klineTime: context.klineTime,
        values: snapshotValues(context),
      });
    }
    return {
      symbol,
      status: decision.status,
      signal_side: decision.signal_side,
      execution_tf: decision.execution_tf,
      failed_timeframe: decision.failed_timeframe,
      reason: decision.reason,
      context: decision.context,
      current_price: currentPrice,
      atr: decision.atr,
      kline_time: decision.kline_time,
      error: decision.status === 'ERROR' ? { message: decision.reason ?? 'error' } : null,
      market: decision.status === 'READY' ? marketSnapshot(contexts) : null,
      cursors,
      audits: decisionAudits(decision).map((draft) => withMetrics(draft, metrics)),
      snapshots,
    };
  }

  #config(path: string): MtfConfig {
    let config = this.#configs.get(path);
    if (!config) {
      config = loadMtfConfig(path);
      this.#configs.set(path, config);
    }
    return config;
  }

  #cursors(symbol: string): Partial<Record<MtfTimeframe, number>> {
    const cursors: Partial<Record<MtfTimeframe, number>> = {};
    for (const timeframe of MTF_TIMEFRAMES) {
      const last = this.#book.lastOpenTime(symbol, timeframe);
      if (last !== undefined) cursors[timeframe] = last;
    }
    return cursors;
  }
}

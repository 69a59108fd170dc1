import type { IndicatorContext } from '../../indicators/IndicatorContext.ts';
import type { MtfTimeframe } from '../../mtf/timeframes.ts';

/** An `indicator_snapshots` row before the runner stamps it. */
export interface SnapshotDraft {
  readonly symbol: string;
  readonly timeframe: MtfTimeframe;
  readonly klineTime: number;
  readonly values: Readonly<Record<string, number | null>>;
}

/**
 * The values kept per candle (docs/reference/original-system.md#indicator-snapshots): the original's subset, plus the
 * fields it left out because its context never had them (Bollinger, SMA 9/21, StochRSI, volume ratio). Numbers, not
 * strings: jsonb keeps a float64 exactly as the indicators produced it.
 */
export function snapshotValues(context: IndicatorContext): Record<string, number | null> {
  const n = (value: number | undefined): number | null => value ?? null;
  return {
    close: context.close,
    rsi: n(context.rsi),
    atr: n(context.atr),
    vwap: n(context.vwap),
    macd: n(context.macd?.macd),
    macd_signal: n(context.macd?.signal),
    macd_histogram: n(context.macd?.hist),
    ema9: n(context.ema[9]),
    ema20: n(context.ema[20]),
    ema21: n(context.ema[21]),
    ema50: n(context.ema[50]),
    ema200: n(context.ema[200]),
    ma9: n(context.sma[9]),
    ma21: n(context.sma[21]),
    adx: n(context.adx),
    bb_upper: n(context.bollinger?.upper),
    bb_middle: n(context.bollinger?.middle),
    bb_lower: n(context.bollinger?.lower),
    stoch_rsi_k: n(context.stochRsi?.k),
    stoch_rsi_d: n(context.stochRsi?.d),
    volume_ratio: n(context.volumeRatio),
  };
}

export { buildIndicatorContext, warmIndicators } from './buildIndicatorContext.ts';
export type { IndicatorCandle, StreamingIndicator } from './IndicatorCandle.ts';
export type { BollingerValue, IndicatorContext, MacdValue, PivotLevels } from './IndicatorContext.ts';
export { IndicatorInputError, IndicatorInputErrorReason } from './IndicatorInputError.ts';
export {
  EMA_PERIODS,
  SERIES_LENGTH,
  SMA_PERIODS,
  TimeframeIndicators,
  type TimeframeIndicatorsOptions,
} from './TimeframeIndicators.ts';

/**
 * Why a candle was refused. A duplicate or an older open time is how a replay or a lookahead bug
 * would corrupt streaming state (every indicator here folds each candle in exactly once), so it
 * is refused instead of silently skipped: the caller must rebuild from the store or drop the candle.
 */
export const IndicatorInputErrorReason = {
  duplicate: 'duplicate',
  outOfOrder: 'out_of_order',
  nonFinite: 'non_finite',
  noCandle: 'no_candle',
} as const;
export type IndicatorInputErrorReason = (typeof IndicatorInputErrorReason)[keyof typeof IndicatorInputErrorReason];

/** An *invalid* input (docs/style.md#error-kinds): nothing was folded into the indicators. */
export class IndicatorInputError extends Error {
  override readonly name = 'IndicatorInputError';
  readonly reason: IndicatorInputErrorReason;
  readonly symbol: string;
  readonly timeframe: string;
  /** Open time of the refused candle, when there was one. */
  readonly openTime: number | undefined;
  /** Open time of the last candle accepted before it. */
  readonly lastOpenTime: number | undefined;

  constructor(fields: {
    reason: IndicatorInputErrorReason;
    symbol: string;
    timeframe: string;
    openTime?: number;
    lastOpenTime?: number;
  }) {
    super(describe(fields));
    this.reason = fields.reason;
    this.symbol = fields.symbol;
    this.timeframe = fields.timeframe;
    this.openTime = fields.openTime;
    this.lastOpenTime = fields.lastOpenTime;
  }
}

function describe(fields: {
  reason: IndicatorInputErrorReason;
  symbol: string;
  timeframe: string;
  openTime?: number;
  lastOpenTime?: number;
}): string {
  const where = `${fields.symbol} ${fields.timeframe}`;
  switch (fields.reason) {
    case 'duplicate':
      return `${where}: candle ${fields.openTime} was already folded in; rebuild the indicators to replay it`;
    case 'out_of_order':
      return `${where}: candle ${fields.openTime} is older than the last one (${fields.lastOpenTime}); feed closed candles in ascending order`;
    case 'non_finite':
      return `${where}: candle ${fields.openTime} has a non-finite open time, price or volume`;
    case 'no_candle':
      return `${where}: no candle yet, so there is no indicator context`;
  }
}

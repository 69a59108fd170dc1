import type { MtfTimeframe } from '../../mtf/timeframes.ts';

/**
 * Values a file may leave out, taken from the 2025-11 `trade_entry.yaml` the original shipped
 * (pivox/tradingV3 `trading-app/config/app/trade_entry.yaml`), so that a profile file, which
 * writes only what it changes, plans like the original did for the rest.
 */
export const TRADE_ENTRY_DEFAULTS = {
  riskPercent: 5,
  initialMarginUsdt: 20,
  rMultiple: 2,
  atrK: 1.5,
  pivotPolicy: 'nearest_below',
  pivotBuffer: 0.003,
  pivotMinKeepRatio: 0.8,
  minStopDistance: 0.005,
  /**
   * The profile layout bounds its stop in ATRs itself (`min_stop_atr_multiple`..`max_stop_atr_multiple`);
   * a percentage floor on top would contradict those bounds on the 1m timeframe, so there is none.
   */
  profileMinStopDistance: 0,
  tpBuffer: 0.001,
  tpBufferTicks: 0,
  tpMinKeepRatio: 0.9,
  tpMaxExtraR: 0.3,
  insideTicks: 1,
  maxDeviation: 0.005,
  implausibleDeviation: 0.02,
  zoneMaxDeviation: 0.007,
  marketMaxSpread: 0.001,
  kDynamic: 10,
  zone: { kAtr: 0.3, widthMin: 0.0005, widthMax: 0.01, ttlSeconds: 120, timeframe: '5m' as MtfTimeframe },
  leverage: { floor: 1, exchangeCap: 20 },
  allowedExecutionTimeframes: ['1m', '5m', '15m'] as readonly MtfTimeframe[],
  decisionKeyTemplate: '{symbol}:{timeframe}:{candle_open_ts}',
  /**
   * The original switched a symbol off for "15 minutes" after an entry (a rule that never bit:
   * docs/reference/original-system.md#bug-cooldown-void).
   */
  symbolCooldownSeconds: 900,
  /** Two targets without a split in the file: half each (the original's `TpSplitResolver` default). */
  tp1Fraction: 0.5,
} as const;

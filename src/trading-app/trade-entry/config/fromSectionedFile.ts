import type { ErrorSite } from '../../../platform/config/ConfigFileError.ts';
import { TRADE_ENTRY_DEFAULTS as D } from './defaults.ts';
import type { SectionedFile } from './fileSchemas.ts';
import { compileSymbolCaps, reportDisabledFallback, spreadOf, UnusedKeys } from './profileParts.ts';
import type { EndOfZoneFallback, TradeEntryProfile } from './TradeEntryProfile.ts';

/**
 * The `trade_entry:` layout (the 2025-11 single file, the December `regular` and `scalper`
 * profiles) with the meaning the original's entry path gave each key (reference: pivox/tradingV3
 * `trading-app/src/TradeEntry/**`), except where the original ignored a key whose intent is clear
 * (the daily loss cap, the maximum of positions, the pivot stop's keep ratio): those are enforced.
 */
export function fromSectionedFile(file: SectionedFile, site: ErrorSite): Omit<TradeEntryProfile, 'file'> {
  const section = file.trade_entry;
  const defaults = section.defaults;
  const unused = new UnusedKeys('trade_entry');
  const entrySection = section.entry ?? {};
  const zone = section.post_validation?.entry_zone ?? {};
  const rMultiple = defaults.r_multiple ?? D.rMultiple;
  const riskFraction = (defaults.risk_pct_percent ?? D.riskPercent) / 100;

  if (section.risk?.fixed_risk_pct !== undefined)
    unused.add('risk.fixed_risk_pct', 'the entry sizes with defaults.risk_pct_percent, as the original did');
  if (defaults.sl_full_size === false)
    unused.add(
      'defaults.sl_full_size',
      'the stop always covers the whole remaining size: a partial stop leaves exposure unprotected',
    );
  for (const key of ['confidence_multiplier', 'conviction'] as const) {
    if (section.leverage?.[key]) unused.add(`leverage.${key}`, 'the MTF runner grades no confidence or conviction');
  }
  if (section.leverage?.rounding?.precision !== undefined)
    unused.add(
      'leverage.rounding.precision',
      'leverage is a whole number on BitMart; rounding.mode picks the direction',
    );
  if (section.market_entry)
    unused.add(
      'market_entry',
      'entries are maker-first with the end-of-zone fallback; a direct taker entry is not built',
    );
  if (entrySection.budget)
    unused.add('entry.budget', 'the budget is defaults.initial_margin_usdt, as the original sized its trades');
  if (entrySection.quantization)
    unused.add('entry.quantization', 'prices and sizes always snap to the exchange tick and size step');
  if (entrySection.slippage_guard_bps !== undefined)
    unused.add('entry.slippage_guard_bps', 'the taker fallback is bounded by fallback_end_of_zone.max_slippage_bps');
  if (section.post_validation?.idempotency?.max_attempts !== undefined)
    unused.add(
      'post_validation.idempotency.max_attempts',
      'one order per decision; the worker bounds its own re-placements',
    );
  if (zone.quantize_to_exchange_step === false)
    unused.add('post_validation.entry_zone.quantize_to_exchange_step', 'zone edges always snap to the tick');
  const makerFirst = entrySection.prefer_maker ?? defaults.order_mode === 4;
  if (entrySection.prefer_maker !== undefined && defaults.order_mode !== undefined)
    unused.add('defaults.order_mode', 'entry.prefer_maker decides maker or taker');
  if (section.fallback_end_of_zone && entrySection.fallback_taker !== undefined)
    unused.add('entry.fallback_taker', 'fallback_end_of_zone decides the taker fallback');
  if (section.fallback_end_of_zone?.enabled === false) reportDisabledFallback(unused, 'fallback_end_of_zone');
  if (defaults.tp1_r !== undefined && defaults.tp1_r >= rMultiple)
    unused.add('defaults.tp1_r', 'not nearer than r_multiple: one target at r_multiple');

  return {
    layout: 'sectioned',
    version: file.version === undefined ? undefined : String(file.version),
    name: file.meta?.name?.trim() ?? 'trade_entry',
    decision: {
      allowedExecutionTimeframes: section.decision?.allowed_execution_timeframes ?? D.allowedExecutionTimeframes,
      requirePriceOrAtr: section.decision?.require_price_or_atr ?? true,
    },
    sizing: {
      riskFraction,
      basis: 'margin_budget',
      budgetUsdt: defaults.initial_margin_usdt ?? D.initialMarginUsdt,
      fallbackAccountBalance: defaults.fallback_account_balance ?? 0,
      timeframeMultipliers: defaults.timeframe_multipliers ?? {},
    },
    zone: {
      anchor: zone.vwap_anchor === false ? 'sma21' : 'vwap',
      timeframe: section.post_validation?.execution_timeframe?.default ?? D.zone.timeframe,
      kAtr: zone.k_atr ?? D.zone.kAtr,
      widthMin: zone.w_min ?? D.zone.widthMin,
      widthMax: zone.w_max ?? D.zone.widthMax,
      ttlSeconds: zone.ttl_sec ?? D.zone.ttlSeconds,
    },
    entry: {
      orderType: defaults.order_type ?? 'limit',
      marginMode: defaults.open_type ?? 'isolated',
      makerFirst,
      insideTicks: defaults.inside_ticks ?? D.insideTicks,
      maxDeviation: defaults.max_deviation_pct ?? D.maxDeviation,
      implausibleDeviation: defaults.implausible_pct ?? D.implausibleDeviation,
      zoneMaxDeviation: defaults.zone_max_deviation_pct ?? D.zoneMaxDeviation,
      // The original read a value above 1 as a percentage.
      marketMaxSpread: spreadOf(defaults.market_max_spread_pct ?? D.marketMaxSpread),
      endOfZoneFallback: endOfZoneFallback(section.fallback_end_of_zone, entrySection.fallback_taker, makerFirst),
    },
    stop: {
      from: defaults.stop_from ?? 'atr',
      atrTimeframe: '1m',
      atrK: defaults.atr_k ?? D.atrK,
      pivotPolicy: defaults.pivot_sl_policy ?? D.pivotPolicy,
      pivotBuffer: defaults.pivot_sl_buffer_pct ?? D.pivotBuffer,
      pivotMinKeepRatio: defaults.pivot_sl_min_keep_ratio ?? D.pivotMinKeepRatio,
      minDistance: D.minStopDistance,
      minAtrMultiple: undefined,
      maxAtrMultiple: undefined,
    },
    targets: {
      targets:
        defaults.tp1_r === undefined || defaults.tp1_r >= rMultiple
          ? [{ rMultiple, fraction: 1 }]
          : [
              { rMultiple: defaults.tp1_r, fraction: D.tp1Fraction },
              { rMultiple, fraction: 1 - D.tp1Fraction },
            ],
      pivotAlignment:
        (defaults.tp_policy ?? 'pivot_conservative') === 'pivot_conservative'
          ? {
              buffer: defaults.tp_buffer_pct ?? D.tpBuffer,
              bufferTicks: defaults.tp_buffer_ticks ?? D.tpBufferTicks,
              minKeepRatio: defaults.tp_min_keep_ratio ?? D.tpMinKeepRatio,
              maxExtraR: defaults.tp_max_extra_r ?? D.tpMaxExtraR,
            }
          : undefined,
    },
    trailing: undefined,
    leverage: {
      floor: section.leverage?.floor ?? D.leverage.floor,
      exchangeCap: section.leverage?.exchange_cap ?? D.leverage.exchangeCap,
      perSymbolCaps: compileSymbolCaps(section.leverage?.per_symbol_caps ?? [], site.at('trade_entry', 'leverage')),
      timeframeMultipliers: section.leverage?.timeframe_multipliers ?? {},
      kDynamic: defaults.k_dynamic ?? D.kDynamic,
      rounding: section.leverage?.rounding?.mode ?? 'floor',
    },
    limits: {
      dailyLossFraction: percentToFraction(section.risk?.daily_max_loss_pct),
      dailyLossUsdt: section.risk?.daily_max_loss_usdt,
      countUnrealizedInDailyLoss: section.risk?.daily_loss_count_unrealized ?? false,
      maxConcurrentPositions: section.risk?.max_concurrent_positions,
      dailyMaxTrades: section.risk?.daily_max_trades,
      perSymbolDailyMaxTrades: section.risk?.per_symbol_max_trades,
      symbolCooldownSeconds: section.risk?.symbol_cooldown_sec ?? D.symbolCooldownSeconds,
    },
    filters: {
      maxSpread: entrySection.spread_guard_bps === undefined ? undefined : entrySection.spread_guard_bps / 10_000,
      requireVolumeRatioOk: false,
      minLiquidityNotionalUsdt: undefined,
    },
    decisionKeyTemplate: section.post_validation?.idempotency?.decision_key_tpl ?? D.decisionKeyTemplate,
    unused: unused.list(),
  };
}

function endOfZoneFallback(
  section: SectionedFile['trade_entry']['fallback_end_of_zone'],
  fallbackTaker: boolean | undefined,
  makerFirst: boolean,
): EndOfZoneFallback | undefined {
  if (section) {
    if (!section.enabled) return undefined;
    return {
      secondsBeforeEnd: section.ttl_threshold_sec,
      maxSpread: section.max_spread_bps / 10_000,
      maxSlippage: section.max_slippage_bps / 10_000,
      onlyWithinZone: section.only_if_within_zone,
    };
  }
  // `fallback_taker` alone (2025-11): the fallback with the December files' limits.
  if (!fallbackTaker || !makerFirst) return undefined;
  return { secondsBeforeEnd: 25, maxSpread: 8 / 10_000, maxSlippage: 10 / 10_000, onlyWithinZone: true };
}

function percentToFraction(value: number | undefined): number | undefined {
  return value === undefined ? undefined : value / 100;
}

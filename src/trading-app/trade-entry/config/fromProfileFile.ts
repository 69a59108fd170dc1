import { TRADE_ENTRY_DEFAULTS as D } from './defaults.ts';
import type { ProfileFile } from './fileSchemas.ts';
import { reportDisabledFallback, UnusedKeys } from './profileParts.ts';
import type { TradeEntryProfile } from './TradeEntryProfile.ts';

/**
 * The December 2025 profile layout (`trade_entry.scalper_micro.yaml`): risk as a share of
 * capital, an ATR-wide zone around VWAP, an ATR stop with bounds, two targets with their shares,
 * trailing after TP1 and a hard time stop. What it leaves out takes the 2025-11 values
 * (`defaults.ts`).
 */
export function fromProfileFile(file: ProfileFile): Omit<TradeEntryProfile, 'file'> {
  const { risk } = file;
  const entry = file.entry ?? {};
  const zone = entry.entry_zone ?? {};
  const stop = file.stop_loss ?? {};
  const atrTimeframe = stop.atr_tf ?? '1m';
  const tp1 = file.take_profit?.tp1;
  const tp2 = file.take_profit?.tp2;
  const unused = new UnusedKeys('');
  if (tp1 && tp2 && Math.abs(tp1.qty_fraction + tp2.qty_fraction - 1) > 1e-9)
    unused.add('take_profit.tp2.qty_fraction', 'TP2 closes whatever TP1 left: the stop and TP2 always cover the rest');
  const fallback = entry.fallback_end_of_zone;
  if (fallback?.enabled === false) reportDisabledFallback(unused, 'entry.fallback_end_of_zone');
  const minAtrMultiple = maxDefined(risk.min_stop_atr_multiple, stop.enforce_min_stop_multiple);
  if (risk.min_stop_atr_multiple !== undefined && stop.enforce_min_stop_multiple !== undefined) {
    // Two keys for one floor: the larger binds.
    const looser =
      risk.min_stop_atr_multiple < stop.enforce_min_stop_multiple
        ? 'risk.min_stop_atr_multiple'
        : 'stop_loss.enforce_min_stop_multiple';
    unused.add(looser, 'the larger of risk.min_stop_atr_multiple and stop_loss.enforce_min_stop_multiple binds');
  }
  return {
    layout: 'profile',
    version: file.version === undefined ? undefined : String(file.version),
    name: file.profile.name,
    decision: { allowedExecutionTimeframes: D.allowedExecutionTimeframes, requirePriceOrAtr: true },
    sizing: {
      riskFraction: risk.risk_pct / 100,
      basis: 'equity',
      budgetUsdt: 0,
      fallbackAccountBalance: 0,
      timeframeMultipliers: {},
    },
    zone: {
      anchor: zone.from === undefined || zone.from === 'vwap' ? 'vwap' : 'sma21',
      timeframe: zone.offset_atr_tf ?? atrTimeframe,
      // `offset_k` is the zone's whole width in ATRs: half of it on each side of the anchor.
      kAtr: zone.offset_k === undefined ? D.zone.kAtr : zone.offset_k / 2,
      widthMin: D.zone.widthMin,
      widthMax: zone.max_deviation_pct ?? D.zone.widthMax,
      ttlSeconds: zone.ttl_sec ?? D.zone.ttlSeconds,
    },
    entry: {
      orderType: 'limit',
      marginMode: 'isolated',
      makerFirst: (entry.mode ?? 'maker_first') === 'maker_first',
      insideTicks: D.insideTicks,
      maxDeviation: D.maxDeviation,
      implausibleDeviation: D.implausibleDeviation,
      zoneMaxDeviation: entry.zone_max_deviation_pct ?? D.zoneMaxDeviation,
      marketMaxSpread: D.marketMaxSpread,
      endOfZoneFallback:
        fallback?.enabled === true
          ? {
              secondsBeforeEnd: fallback.ttl_threshold_sec,
              maxSpread: fallback.max_spread_bps / 10_000,
              maxSlippage: fallback.max_slippage_bps / 10_000,
              onlyWithinZone: fallback.only_if_within_zone,
            }
          : undefined,
    },
    stop: {
      from: stop.stop_from ?? 'atr',
      atrTimeframe,
      atrK: stop.atr_k ?? D.atrK,
      pivotPolicy: D.pivotPolicy,
      pivotBuffer: D.pivotBuffer,
      pivotMinKeepRatio: D.pivotMinKeepRatio,
      minDistance: D.profileMinStopDistance,
      minAtrMultiple,
      maxAtrMultiple: risk.max_stop_atr_multiple,
    },
    targets: {
      targets: tp1
        ? [
            { rMultiple: tp1.r_multiple, fraction: tp2 ? tp1.qty_fraction : 1 },
            ...(tp2 ? [{ rMultiple: tp2.r_multiple, fraction: 1 - tp1.qty_fraction }] : []),
          ]
        : [{ rMultiple: D.rMultiple, fraction: 1 }],
      // Pure micro-structure: targets stay on their R multiples, no pivot alignment.
      pivotAlignment: undefined,
    },
    trailing: file.trailing
      ? {
          afterTp1: file.trailing.enabled_after_tp1 ? (file.trailing.mode ?? 'atr_chandelier') : 'break_even',
          atrTimeframe: file.trailing.atr_tf ?? atrTimeframe,
          atrK: file.trailing.atr_k ?? D.atrK,
          hardTimeStopSeconds: file.trailing.hard_time_stop_sec,
        }
      : undefined,
    leverage: {
      floor: D.leverage.floor,
      exchangeCap: risk.max_leverage ?? D.leverage.exchangeCap,
      perSymbolCaps: [],
      timeframeMultipliers: {},
      kDynamic: D.kDynamic,
      rounding: 'floor',
    },
    limits: {
      dailyLossFraction: risk.daily_loss_cap_pct === undefined ? undefined : risk.daily_loss_cap_pct / 100,
      dailyLossUsdt: risk.daily_loss_cap_usdt,
      countUnrealizedInDailyLoss: false,
      maxConcurrentPositions: risk.max_concurrent_positions,
      dailyMaxTrades: risk.daily_max_trades,
      perSymbolDailyMaxTrades: risk.per_symbol_max_trades,
      symbolCooldownSeconds: risk.symbol_cooldown_sec ?? D.symbolCooldownSeconds,
    },
    filters: {
      maxSpread:
        file.filters?.require_spread_bps_max === undefined ? undefined : file.filters.require_spread_bps_max / 10_000,
      requireVolumeRatioOk: file.filters?.require_volume_ratio_ok ?? false,
      minLiquidityNotionalUsdt: file.filters?.min_liquidity_notional_usdt,
    },
    decisionKeyTemplate: D.decisionKeyTemplate,
    unused: unused.list(),
  };
}

function maxDefined(...values: (number | undefined)[]): number | undefined {
  const defined = values.filter((value): value is number => value !== undefined);
  return defined.length === 0 ? undefined : Math.max(...defined);
}

import { z } from 'zod';
import { MTF_TIMEFRAMES } from '../../mtf/timeframes.ts';

/**
 * The two layouts our users' `trade_entry*.yaml` files are written in, key for key. Strict: an
 * unknown key is a load error naming it (a misspelt key must not be silently ignored, as the
 * original did). Meaning is given in `fromSectionedFile.ts` and `fromProfileFile.ts`.
 */
const timeframe = z.enum(MTF_TIMEFRAMES);
const fraction = z.number().min(0).max(1);
const positive = z.number().positive();
const nonNegative = z.number().min(0);
const percent = z.number().min(0).max(100);
const bps = z.number().min(0).max(10_000);
const text = z.string();
const multipliers = z.partialRecord(timeframe, nonNegative);
const meta = z.unknown().optional();

const FallbackEndOfZoneSchema = z.strictObject({
  enabled: z.boolean(),
  ttl_threshold_sec: nonNegative,
  max_spread_bps: bps,
  only_if_within_zone: z.boolean(),
  taker_order_type: z.string().regex(/^(market|MARKET)$/, 'only market is supported'),
  max_slippage_bps: bps,
});

/** The 2025-11 single file and the December `regular` / `scalper` profiles: everything under `trade_entry:`. */
export const SectionedFileSchema = z.strictObject({
  version: z.union([z.string(), z.number()]).optional(),
  meta: z.strictObject({ name: text.optional(), description: text.optional(), created_at: text.optional() }).optional(),
  trade_entry: z.strictObject({
    defaults: z.strictObject({
      risk_pct_percent: percent.optional(),
      initial_margin_usdt: nonNegative.optional(),
      fallback_account_balance: nonNegative.optional(),
      timeframe_multipliers: multipliers.optional(),
      r_multiple: positive.optional(),
      tp1_r: positive.optional(),
      stop_from: z.enum(['atr', 'risk', 'pivot']).optional(),
      atr_k: positive.optional(),
      pivot_sl_policy: text.optional(),
      pivot_sl_buffer_pct: fraction.optional(),
      pivot_sl_min_keep_ratio: fraction.optional(),
      sl_full_size: z.boolean().optional(),
      tp_policy: z.enum(['pivot_conservative', 'r_multiple']).optional(),
      tp_buffer_pct: fraction.optional(),
      tp_buffer_ticks: z.number().int().min(0).optional(),
      tp_min_keep_ratio: fraction.optional(),
      tp_max_extra_r: nonNegative.optional(),
      order_type: z.enum(['limit', 'market']).optional(),
      open_type: z.enum(['isolated', 'cross']).optional(),
      order_mode: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).optional(),
      market_max_spread_pct: nonNegative.optional(),
      inside_ticks: z.number().int().min(0).optional(),
      max_deviation_pct: fraction.optional(),
      implausible_pct: fraction.optional(),
      zone_max_deviation_pct: fraction.optional(),
      k_dynamic: positive.optional(),
    }),
    risk: z
      .strictObject({
        fixed_risk_pct: percent.optional(),
        daily_max_loss_pct: percent.optional(),
        daily_max_loss_usdt: nonNegative.optional(),
        daily_loss_count_unrealized: z.boolean().optional(),
        max_concurrent_positions: z.number().int().positive().optional(),
        daily_max_trades: z.number().int().positive().optional(),
        per_symbol_max_trades: z.number().int().positive().optional(),
        symbol_cooldown_sec: nonNegative.optional(),
        meta,
      })
      .optional(),
    leverage: z
      .strictObject({
        mode: z.literal('dynamic_from_risk').optional(),
        floor: positive.optional(),
        exchange_cap: positive.optional(),
        per_symbol_caps: z.array(z.strictObject({ symbol_regex: text, cap: positive })).optional(),
        timeframe_multipliers: multipliers.optional(),
        confidence_multiplier: z
          .strictObject({
            enabled: z.boolean().optional(),
            default: nonNegative.optional(),
            when_upstream_stale: nonNegative.optional(),
            when_tie_breaker_used: nonNegative.optional(),
          })
          .optional(),
        conviction: z
          .strictObject({ enabled: z.boolean().optional(), cap_pct_of_exchange: fraction.optional(), meta })
          .optional(),
        rounding: z
          .strictObject({ precision: z.number().int().min(0).optional(), mode: z.enum(['floor', 'round', 'ceil']) })
          .optional(),
        meta,
      })
      .optional(),
    decision: z
      .strictObject({
        allowed_execution_timeframes: z.array(timeframe).optional(),
        require_price_or_atr: z.boolean().optional(),
      })
      .optional(),
    fallback_end_of_zone: FallbackEndOfZoneSchema.optional(),
    market_entry: z
      .strictObject({
        enabled: z.boolean().optional(),
        allowed_execution_timeframes: z.array(timeframe).optional(),
        max_slippage_bps: bps.optional(),
        adx_min_1h: nonNegative.optional(),
      })
      .optional(),
    entry: z
      .strictObject({
        prefer_maker: z.boolean().optional(),
        fallback_taker: z.boolean().optional(),
        budget: z
          .strictObject({ mode: z.literal('fixed_or_available'), fixed_usdt_if_available: nonNegative })
          .optional(),
        quantization: z
          .strictObject({ price_tick: z.literal('from_exchange'), qty_step: z.literal('from_exchange') })
          .optional(),
        slippage_guard_bps: bps.optional(),
        spread_guard_bps: bps.optional(),
        meta,
      })
      .optional(),
    post_validation: z
      .strictObject({
        entry_zone: z
          .strictObject({
            vwap_anchor: z.boolean().optional(),
            k_atr: nonNegative.optional(),
            w_min: fraction.optional(),
            w_max: fraction.optional(),
            quantize_to_exchange_step: z.boolean().optional(),
            ttl_sec: positive.optional(),
          })
          .optional(),
        execution_timeframe: z.strictObject({ default: timeframe.optional() }).optional(),
        idempotency: z
          .strictObject({ decision_key_tpl: text.optional(), max_attempts: z.number().int().optional() })
          .optional(),
        meta,
      })
      .optional(),
  }),
});

/** The December 2025 micro-structure profile (`trade_entry.scalper_micro.yaml`): flat sections. */
export const ProfileFileSchema = z.strictObject({
  version: z.union([z.string(), z.number()]).optional(),
  profile: z.strictObject({ name: text, description: text.optional() }),
  risk: z.strictObject({
    risk_pct: percent,
    max_leverage: positive.optional(),
    min_stop_atr_multiple: positive.optional(),
    max_stop_atr_multiple: positive.optional(),
    daily_loss_cap_pct: percent.optional(),
    daily_loss_cap_usdt: nonNegative.optional(),
    max_concurrent_positions: z.number().int().positive().optional(),
    daily_max_trades: z.number().int().positive().optional(),
    per_symbol_max_trades: z.number().int().positive().optional(),
    symbol_cooldown_sec: nonNegative.optional(),
  }),
  entry: z
    .strictObject({
      mode: z.enum(['maker_first', 'taker']).optional(),
      zone_max_deviation_pct: fraction.optional(),
      fallback_end_of_zone: FallbackEndOfZoneSchema.optional(),
      entry_zone: z
        .strictObject({
          from: z.enum(['vwap', 'sma21', 'ma21']).optional(),
          offset_atr_tf: timeframe.optional(),
          offset_k: nonNegative.optional(),
          max_deviation_pct: fraction.optional(),
          ttl_sec: positive.optional(),
        })
        .optional(),
    })
    .optional(),
  stop_loss: z
    .strictObject({
      stop_from: z.enum(['atr', 'risk', 'pivot']).optional(),
      atr_tf: timeframe.optional(),
      atr_k: positive.optional(),
      enforce_min_stop_multiple: positive.optional(),
    })
    .optional(),
  take_profit: z
    .strictObject({
      tp1: z.strictObject({ r_multiple: positive, qty_fraction: fraction }),
      tp2: z.strictObject({ r_multiple: positive, qty_fraction: fraction }).optional(),
    })
    .optional(),
  trailing: z
    .strictObject({
      enabled_after_tp1: z.boolean(),
      mode: z.enum(['atr_chandelier', 'break_even']).optional(),
      atr_tf: timeframe.optional(),
      atr_k: positive.optional(),
      hard_time_stop_sec: positive.optional(),
    })
    .optional(),
  filters: z
    .strictObject({
      require_volume_ratio_ok: z.boolean().optional(),
      require_spread_bps_max: bps.optional(),
      min_liquidity_notional_usdt: nonNegative.optional(),
    })
    .optional(),
});

export type SectionedFile = z.infer<typeof SectionedFileSchema>;
export type ProfileFile = z.infer<typeof ProfileFileSchema>;

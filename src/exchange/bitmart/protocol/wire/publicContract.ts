import { z } from 'zod';
import { BitmartContractStatusSchema, BitmartProductTypeSchema } from './enums.ts';
import {
  bitmartCurrency,
  bitmartDecimal,
  bitmartEpochAnyUnit,
  bitmartEpochMillis,
  bitmartEpochSeconds,
  bitmartSymbol,
} from './primitives.ts';

/** Data of `GET /system/time` (docs/reference/bitmart-wire.md#system-time). */
export const BitmartServerTimeSchema = z.looseObject({ server_time: bitmartEpochMillis });
export type BitmartServerTime = z.infer<typeof BitmartServerTimeSchema>;

/**
 * Data of `GET /system/service`: a list of maintenance windows. The docs give no sample, so only the
 * list itself is checked [?].
 */
export const BitmartSystemServiceSchema = z.looseObject({ service: z.array(z.looseObject({})) });
export type BitmartSystemService = z.infer<typeof BitmartSystemServiceSchema>;

/**
 * One contract of `GET /contract/public/details` (bitmart-wire.md#contract-details). `price_precision` is the tick size
 * and `vol_precision` the size step, both decimal strings; sizes are in contracts of `contract_size`.
 *
 * Optional fields: ccxt's real 2024 sample (fixture rest.contract.public.details) lacks
 * `market_max_volume`, `funding_interval_hours`, `status` and `delist_time`, which today's payload
 * and bitmart-api's types carry; the simulator should send them all (ccxt needs `status`).
 */
export const BitmartContractDetailsSchema = z.looseObject({
  symbol: bitmartSymbol,
  product_type: BitmartProductTypeSchema,
  /** ms today; seconds in older payloads. */
  open_timestamp: bitmartEpochAnyUnit,
  expire_timestamp: bitmartEpochAnyUnit,
  settle_timestamp: bitmartEpochAnyUnit,
  base_currency: bitmartCurrency,
  quote_currency: bitmartCurrency,
  last_price: bitmartDecimal,
  volume_24h: bitmartDecimal,
  turnover_24h: bitmartDecimal,
  index_price: bitmartDecimal,
  index_name: z.string(),
  contract_size: bitmartDecimal,
  min_leverage: bitmartDecimal,
  max_leverage: bitmartDecimal,
  price_precision: bitmartDecimal,
  vol_precision: bitmartDecimal,
  max_volume: bitmartDecimal,
  market_max_volume: bitmartDecimal.optional(),
  min_volume: bitmartDecimal,
  funding_rate: bitmartDecimal,
  expected_funding_rate: bitmartDecimal,
  open_interest: bitmartDecimal,
  open_interest_value: bitmartDecimal,
  high_24h: bitmartDecimal,
  low_24h: bitmartDecimal,
  change_24h: bitmartDecimal,
  funding_interval_hours: z.number().int().positive().optional(),
  /** Next funding settlement. */
  funding_time: bitmartEpochMillis.optional(),
  status: BitmartContractStatusSchema.optional(),
  /** Seconds, unlike the other times (docs sample 1745830379); 0 when not scheduled. */
  delist_time: bitmartEpochSeconds.optional(),
});
export type BitmartContractDetails = z.infer<typeof BitmartContractDetailsSchema>;

export const BitmartContractDetailsListSchema = z.looseObject({ symbols: z.array(BitmartContractDetailsSchema) });
export type BitmartContractDetailsList = z.infer<typeof BitmartContractDetailsListSchema>;

/** Data of `GET /contract/public/open-interest` (bitmart-wire.md#open-interest). */
export const BitmartOpenInterestSchema = z.looseObject({
  timestamp: bitmartEpochMillis,
  symbol: bitmartSymbol,
  open_interest: bitmartDecimal,
  open_interest_value: bitmartDecimal,
});
export type BitmartOpenInterest = z.infer<typeof BitmartOpenInterestSchema>;

/**
 * One tier of `GET /contract/public/leverage-bracket` (bitmart-wire.md#open-interest). bitmart-api types
 * `initial_leverage` as a number and the notional fields as strings; no real sample is at hand, so the leverage
 * accepts either JSON type [?].
 */
export const BitmartLeverageBracketSchema = z.looseObject({
  bracket: z.number().int().positive(),
  initial_leverage: z.union([z.number().positive(), bitmartDecimal]),
  notional_cap: bitmartDecimal,
  notional_floor: bitmartDecimal,
  maint_margin_ratio: bitmartDecimal,
  cum: bitmartDecimal,
});
export type BitmartLeverageBracket = z.infer<typeof BitmartLeverageBracketSchema>;

export const BitmartLeverageBracketRulesSchema = z.looseObject({
  rules: z.array(z.looseObject({ symbol: bitmartSymbol, brackets: z.array(BitmartLeverageBracketSchema) })),
});
export type BitmartLeverageBracketRules = z.infer<typeof BitmartLeverageBracketRulesSchema>;

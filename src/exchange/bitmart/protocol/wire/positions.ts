import { z } from 'zod';
import {
  BitmartAccountSchema,
  BitmartMarginTypeSchema,
  BitmartOpenTypeSchema,
  BitmartPositionModeSchema,
  BitmartPositionSideSchema,
  BitmartPositionTypeSchema,
} from './enums.ts';
import { bitmartDecimal, bitmartEpochMillis, bitmartSymbol } from './primitives.ts';

/** Fields `/position` and `/position-v2` rows share (docs/reference/bitmart-wire.md#positions). */
const positionCommonFields = {
  symbol: bitmartSymbol,
  leverage: bitmartDecimal,
  timestamp: bitmartEpochMillis,
  current_fee: bitmartDecimal,
  /** 0 on a zero-filled flat row of position-v2. */
  open_timestamp: bitmartEpochMillis,
  current_value: bitmartDecimal,
  /** Real 2024 data shows odd values here (an LTC mark of "0.05824406044"): do not rely on it. */
  mark_price: bitmartDecimal,
  position_value: bitmartDecimal,
  /** Margin of the position. */
  position_cross: bitmartDecimal,
  maintenance_margin: bitmartDecimal,
  close_vol: bitmartDecimal,
  close_avg_price: bitmartDecimal,
  open_avg_price: bitmartDecimal,
  entry_price: bitmartDecimal,
  /** Contracts held, never negative. */
  current_amount: bitmartDecimal,
  realized_value: bitmartDecimal,
};

/**
 * One row of `GET /contract/private/position` (bitmart-wire.md#positions); hedge mode returns one row per side.
 * ccxt's 2023 sample lacks `mark_value`, `margin_type`, `position_mode` and `account`, which the
 * current docs list, so they are optional.
 */
export const BitmartPositionSchema = z.looseObject({
  ...positionCommonFields,
  unrealized_value: bitmartDecimal,
  position_type: BitmartPositionTypeSchema,
  mark_value: bitmartDecimal.optional(),
  margin_type: BitmartMarginTypeSchema.optional(),
  position_mode: BitmartPositionModeSchema.optional(),
  account: BitmartAccountSchema.optional(),
});
export type BitmartPosition = z.infer<typeof BitmartPositionSchema>;

export const BitmartPositionListSchema = z.array(BitmartPositionSchema);
export type BitmartPositionList = z.infer<typeof BitmartPositionListSchema>;

/**
 * One row of `GET /contract/private/position-v2` (bitmart-wire.md#positions). `position_amount` is positive in hedge
 * mode and signed in one-way mode (+long / −short). With `symbol`, flat rows are returned
 * zero-filled; the docs' own samples even show `position_amount` "5" beside `current_amount` "0".
 */
export const BitmartPositionV2Schema = z.looseObject({
  ...positionCommonFields,
  position_amount: bitmartDecimal,
  mark_value: bitmartDecimal,
  account: BitmartAccountSchema,
  open_type: BitmartOpenTypeSchema,
  position_side: BitmartPositionSideSchema,
  unrealized_pnl: bitmartDecimal,
  liquidation_price: bitmartDecimal,
  max_notional_value: bitmartDecimal,
  initial_margin: bitmartDecimal,
});
export type BitmartPositionV2 = z.infer<typeof BitmartPositionV2Schema>;

export const BitmartPositionV2ListSchema = z.array(BitmartPositionV2Schema);
export type BitmartPositionV2List = z.infer<typeof BitmartPositionV2ListSchema>;

/**
 * One row of `GET /contract/private/position-risk` (bitmart-wire.md#positions). `margin_type` is capitalised in the
 * field list but lower-case in the skills reference sample (bitmart-wire.md#enums), so both spellings pass.
 */
export const BitmartPositionRiskSchema = z.looseObject({
  symbol: bitmartSymbol,
  position_amt: bitmartDecimal,
  mark_price: bitmartDecimal,
  unrealized_profit: bitmartDecimal,
  liquidation_price: bitmartDecimal,
  leverage: bitmartDecimal,
  max_notional_value: bitmartDecimal,
  margin_type: z.union([BitmartMarginTypeSchema, BitmartOpenTypeSchema]),
  isolated_margin: bitmartDecimal,
  position_side: z.enum(['Long', 'Short']),
  notional: bitmartDecimal,
  update_time: bitmartEpochMillis,
  account: BitmartAccountSchema.optional(),
});
export type BitmartPositionRisk = z.infer<typeof BitmartPositionRiskSchema>;

export const BitmartPositionRiskListSchema = z.array(BitmartPositionRiskSchema);
export type BitmartPositionRiskList = z.infer<typeof BitmartPositionRiskListSchema>;

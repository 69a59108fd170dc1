import { z } from 'zod';
import {
  BitmartOpenTypeSchema,
  BitmartOrderStateSchema,
  BitmartPositionModeSchema,
  BitmartPositionTypeSchema,
  BitmartSideSchema,
  BitmartWsOpenTypeSchema,
  BitmartWsOrderActionSchema,
  BitmartWsOrderTypeSchema,
  BitmartWsPriceTypeSchema,
} from './enums.ts';
import {
  bitmartClientOrderId,
  bitmartCurrency,
  bitmartDecimal,
  bitmartDecimalOrDash,
  bitmartEpochMillis,
  bitmartIdNumber,
  bitmartIdString,
  bitmartIdStringOrEmpty,
  bitmartSymbol,
} from './primitives.ts';

/** Pushes of the private futures V2 channels, sent after `access` (docs/reference/bitmart-wire.md#private-channels). */

/** `futures/asset:<CURRENCY>`: one currency as an object, not an array. */
export const BitmartWsAssetPushSchema = z.looseObject({
  group: z.string().regex(/^futures\/asset:[A-Z0-9]+$/, 'expected a group such as futures/asset:USDT'),
  data: z.looseObject({
    currency: bitmartCurrency,
    available_balance: bitmartDecimal,
    position_deposit: bitmartDecimal,
    frozen_balance: bitmartDecimal,
  }),
});
export type BitmartWsAssetPush = z.infer<typeof BitmartWsAssetPushSchema>;

/**
 * One position of `futures/position`; a hedge account gets one element per side, and
 * `hold_volume` "0" means closed. `open_type` is an **int** here (1 isolated, 2 cross), unlike
 * REST. ccxt's sample has no `position_mode`, the docs' one does.
 */
export const BitmartWsPositionSchema = z.looseObject({
  symbol: bitmartSymbol,
  hold_volume: bitmartDecimal,
  position_type: BitmartPositionTypeSchema,
  open_type: BitmartWsOpenTypeSchema,
  frozen_volume: bitmartDecimal,
  close_volume: bitmartDecimal,
  hold_avg_price: bitmartDecimal,
  close_avg_price: bitmartDecimal,
  open_avg_price: bitmartDecimal,
  liquidate_price: bitmartDecimal,
  create_time: bitmartEpochMillis,
  update_time: bitmartEpochMillis,
  position_mode: BitmartPositionModeSchema.optional(),
});
export type BitmartWsPosition = z.infer<typeof BitmartWsPositionSchema>;

export const BitmartWsPositionPushSchema = z.looseObject({
  group: z.literal('futures/position'),
  data: z.array(BitmartWsPositionSchema),
});
export type BitmartWsPositionPush = z.infer<typeof BitmartWsPositionPushSchema>;

/**
 * The latest fill of an order (camelCase, unlike the rest). `fillQty` is contracts. The docs show
 * `lastTradeID` as a number; public `trade_id` turned from number to string between 2023 and
 * 2025, so a string is accepted too.
 */
export const BitmartWsLastTradeSchema = z.looseObject({
  lastTradeID: z.union([bitmartIdNumber, bitmartIdString]),
  fillQty: bitmartDecimal,
  fillPrice: bitmartDecimal,
  fee: bitmartDecimal,
  feeCcy: bitmartCurrency,
});
export type BitmartWsLastTrade = z.infer<typeof BitmartWsLastTradeSchema>;

/**
 * The order inside a `futures/order` element. `deal_size`/`deal_avg_price` are cumulative,
 * `last_trade` is null until the first fill. Trigger fields are "-" when not applicable; they and
 * `position_mode` are absent from the 2023 captures. Real captures show `update_time` a few ms
 * *before* `create_time`, so no order between them is enforced.
 */
export const BitmartWsOrderSchema = z.looseObject({
  order_id: bitmartIdString,
  client_order_id: bitmartClientOrderId,
  symbol: bitmartSymbol,
  side: BitmartSideSchema,
  type: BitmartWsOrderTypeSchema,
  state: BitmartOrderStateSchema,
  price: bitmartDecimal,
  size: bitmartDecimal,
  leverage: bitmartDecimal,
  open_type: BitmartOpenTypeSchema,
  deal_avg_price: bitmartDecimal,
  deal_size: bitmartDecimal,
  create_time: bitmartEpochMillis,
  update_time: bitmartEpochMillis,
  last_trade: BitmartWsLastTradeSchema.nullable(),
  plan_order_id: bitmartIdStringOrEmpty.optional(),
  trigger_price: bitmartDecimalOrDash.optional(),
  trigger_price_type: BitmartWsPriceTypeSchema.optional(),
  execution_price: bitmartDecimalOrDash.optional(),
  activation_price_type: BitmartWsPriceTypeSchema.optional(),
  activation_price: bitmartDecimalOrDash.optional(),
  callback_rate: bitmartDecimalOrDash.optional(),
  position_mode: BitmartPositionModeSchema.optional(),
});
export type BitmartWsOrder = z.infer<typeof BitmartWsOrderSchema>;

/** One element of `futures/order`: what happened (`action`, bitmart-wire.md#enums) and the order after it. */
export const BitmartWsOrderEventSchema = z.looseObject({
  action: BitmartWsOrderActionSchema,
  order: BitmartWsOrderSchema,
});
export type BitmartWsOrderEvent = z.infer<typeof BitmartWsOrderEventSchema>;

/** `futures/order`: an array of `{action, order}`. */
export const BitmartWsOrderPushSchema = z.looseObject({
  group: z.literal('futures/order'),
  data: z.array(BitmartWsOrderEventSchema),
});
export type BitmartWsOrderPush = z.infer<typeof BitmartWsOrderPushSchema>;

import { z } from 'zod';
import {
  BitmartAccountSchema,
  BitmartExecTypeSchema,
  BitmartOpenTypeSchema,
  BitmartOrderStateSchema,
  BitmartOrderTypeSchema,
  BitmartPositionModeSchema,
  BitmartPriceTypeSchema,
  BitmartSideSchema,
} from './enums.ts';
import {
  bitmartClientOrderId,
  bitmartDecimal,
  bitmartDecimalOrEmpty,
  bitmartEpochMillis,
  bitmartIdString,
  bitmartIdStringOrEmpty,
  bitmartSymbol,
} from './primitives.ts';

/**
 * Order rows of the KEYED order queries (docs/reference/bitmart-wire.md#order-queries). Ids are strings here, unlike
 * the number `submit-order` returns. `size` and `deal_size` are contracts; `price` is set even on
 * market orders (a protection price). There is no "canceled" state: a finished order (4) with
 * `deal_size < size` was canceled.
 *
 * The trigger, trailing and preset fields are absent from ccxt's 2023 samples and present in the
 * 2024–2025 ones, so they are optional; when unset BitMart sends "" (prices) and 0 (price types).
 */
const orderFields = {
  order_id: bitmartIdString,
  client_order_id: bitmartClientOrderId,
  symbol: bitmartSymbol,
  side: BitmartSideSchema,
  type: BitmartOrderTypeSchema,
  leverage: bitmartDecimal,
  open_type: BitmartOpenTypeSchema,
  price: bitmartDecimal,
  size: bitmartDecimal,
  deal_avg_price: bitmartDecimal,
  deal_size: bitmartDecimal,
  create_time: bitmartEpochMillis,
  update_time: bitmartEpochMillis,
  position_mode: BitmartPositionModeSchema.optional(),
  account: BitmartAccountSchema.optional(),
  activation_price: bitmartDecimalOrEmpty.optional(),
  callback_rate: bitmartDecimalOrEmpty.optional(),
  activation_price_type: BitmartPriceTypeSchema.optional(),
  executive_order_id: bitmartIdStringOrEmpty.optional(),
  preset_take_profit_price_type: BitmartPriceTypeSchema.optional(),
  preset_stop_loss_price_type: BitmartPriceTypeSchema.optional(),
  preset_take_profit_price: bitmartDecimalOrEmpty.optional(),
  preset_stop_loss_price: bitmartDecimalOrEmpty.optional(),
};

/**
 * Data of `GET /contract/private/order` (bitmart-wire.md#order-detail): state 1 while BitMart validates the order,
 * 2 active (possibly partly filled), 4 finished.
 */
export const BitmartOrderSchema = z.looseObject({ ...orderFields, state: BitmartOrderStateSchema });
export type BitmartOrder = z.infer<typeof BitmartOrderSchema>;

/**
 * One row of `GET /contract/private/order-history` (bitmart-wire.md#order-history): only active (2) or finished (4)
 * orders, plus the trigger fields of executed plan orders ("0" when not a plan order).
 */
export const BitmartHistoricOrderSchema = z.looseObject({
  ...orderFields,
  state: z.literal([2, 4]),
  trigger_price: bitmartDecimalOrEmpty.optional(),
  execution_price: bitmartDecimalOrEmpty.optional(),
});
export type BitmartHistoricOrder = z.infer<typeof BitmartHistoricOrderSchema>;

export const BitmartHistoricOrderListSchema = z.array(BitmartHistoricOrderSchema);
export type BitmartHistoricOrderList = z.infer<typeof BitmartHistoricOrderListSchema>;

/**
 * One row of `GET /contract/private/get-open-orders` (bitmart-wire.md#open-orders). The docs say state 2; state 1
 * (still being validated) is also an open order, and a start-up reconciliation must not fail on one.
 */
export const BitmartOpenOrderSchema = z.looseObject({ ...orderFields, state: z.literal([1, 2]) });
export type BitmartOpenOrder = z.infer<typeof BitmartOpenOrderSchema>;

export const BitmartOpenOrderListSchema = z.array(BitmartOpenOrderSchema);
export type BitmartOpenOrderList = z.infer<typeof BitmartOpenOrderListSchema>;

/**
 * One fill of `GET /contract/private/trades` (bitmart-wire.md#trades). `trade_id` and `order_id` are strings,
 * `vol` is contracts, `paid_fees` is positive when a fee was paid. ccxt's sample has no `account`.
 */
export const BitmartFillSchema = z.looseObject({
  order_id: bitmartIdString,
  trade_id: bitmartIdString,
  symbol: bitmartSymbol,
  side: BitmartSideSchema,
  price: bitmartDecimal,
  vol: bitmartDecimal,
  exec_type: BitmartExecTypeSchema,
  profit: z.boolean(),
  create_time: bitmartEpochMillis,
  realised_profit: bitmartDecimal,
  paid_fees: bitmartDecimal,
  account: BitmartAccountSchema.optional(),
});
export type BitmartFill = z.infer<typeof BitmartFillSchema>;

export const BitmartFillListSchema = z.array(BitmartFillSchema);
export type BitmartFillList = z.infer<typeof BitmartFillListSchema>;

import { z } from 'zod';
import {
  BitmartOpenTypeSchema,
  BitmartOrderModeSchema,
  BitmartOrderStateSchema,
  BitmartPlanCategorySchema,
  BitmartPlanOrderTypeSchema,
  BitmartPositionModeSchema,
  BitmartPriceTypeSchema,
  BitmartPriceWaySchema,
  BitmartSideSchema,
} from './enums.ts';
import {
  bitmartClientOrderId,
  bitmartDecimal,
  bitmartDecimalOrEmpty,
  bitmartEpochMillis,
  bitmartIdNumber,
  bitmartIdString,
  bitmartIdStringOrNumber,
  bitmartSymbol,
} from './primitives.ts';

/**
 * Data of `POST submit-plan-order` and `POST submit-trail-order` (docs/reference/bitmart-wire.md#plan-orders): the new
 * order id as a JSON number, like submit-order.
 */
export const BitmartSubmitPlanOrderResultSchema = z.looseObject({ order_id: bitmartIdNumber });
export type BitmartSubmitPlanOrderResult = z.infer<typeof BitmartSubmitPlanOrderResultSchema>;

/**
 * Data of `POST submit-tp-sl-order` (bitmart-wire.md#tp-sl-orders): here the id is a string, with the
 * client id echoed.
 */
export const BitmartSubmitTpSlOrderResultSchema = z.looseObject({
  order_id: bitmartIdString,
  client_order_id: bitmartClientOrderId.optional(),
});
export type BitmartSubmitTpSlOrderResult = z.infer<typeof BitmartSubmitTpSlOrderResultSchema>;

/**
 * Data of `POST modify-plan-order`, `modify-tp-sl-order` and `modify-preset-plan-order` (bitmart-wire.md#plan-orders).
 * The docs only say `{order_id}`; ccxt's samples show a string, so either JSON type passes [?].
 */
export const BitmartModifyPlanOrderResultSchema = z.looseObject({ order_id: bitmartIdStringOrNumber });
export type BitmartModifyPlanOrderResult = z.infer<typeof BitmartModifyPlanOrderResultSchema>;

/**
 * One row of `GET /contract/private/current-plan-order` (bitmart-wire.md#plan-order-list): a trigger order waiting for
 * its `trigger_price`. `executive_price` is the limit price once triggered; market plan orders leave
 * it empty or "0".
 */
export const BitmartPlanOrderSchema = z.looseObject({
  order_id: bitmartIdString,
  client_order_id: bitmartClientOrderId,
  symbol: bitmartSymbol,
  side: BitmartSideSchema,
  type: BitmartPlanOrderTypeSchema,
  size: bitmartDecimal,
  leverage: bitmartDecimal,
  open_type: BitmartOpenTypeSchema,
  state: BitmartOrderStateSchema,
  trigger_price: bitmartDecimal,
  executive_price: bitmartDecimalOrEmpty,
  mode: BitmartOrderModeSchema,
  price_way: BitmartPriceWaySchema,
  price_type: BitmartPriceTypeSchema,
  plan_category: z.union([z.literal(0), BitmartPlanCategorySchema]).optional(),
  position_mode: BitmartPositionModeSchema.optional(),
  create_time: bitmartEpochMillis,
  update_time: bitmartEpochMillis,
});
export type BitmartPlanOrder = z.infer<typeof BitmartPlanOrderSchema>;

export const BitmartPlanOrderListSchema = z.array(BitmartPlanOrderSchema);
export type BitmartPlanOrderList = z.infer<typeof BitmartPlanOrderListSchema>;

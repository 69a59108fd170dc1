import { z } from 'zod';
import { bitmartClientOrderId, bitmartDecimal, bitmartEpochSeconds, bitmartIdNumber } from './primitives.ts';

/**
 * Data of `POST /contract/private/submit-order` (docs/reference/bitmart-wire.md#submit-order). `order_id` is a JSON
 * **number** here and nowhere else among order queries; `price` echoes the limit price, or the
 * literal "market price" for a market order.
 */
export const BitmartSubmitOrderResultSchema = z.looseObject({
  order_id: bitmartIdNumber,
  price: z.union([z.literal('market price'), bitmartDecimal]),
});
export type BitmartSubmitOrderResult = z.infer<typeof BitmartSubmitOrderResultSchema>;

/**
 * Data of `POST cancel-order`, `cancel-orders`, `cancel-plan-order` and `cancel-trail-order`:
 * `{}`, or no `data` key at all as in ccxt's real cancel-order sample. Code 1000 means the
 * cancellation was **submitted**; the outcome arrives on the WS order channel (bitmart-wire.md#cancel-order).
 */
export const BitmartCancelResultSchema = z.looseObject({}).optional();
export type BitmartCancelResult = z.infer<typeof BitmartCancelResultSchema>;

/** Data of `POST /contract/private/cancel-all-after` (bitmart-wire.md#cancel-all-after): times in seconds. */
export const BitmartCancelAllAfterResultSchema = z.looseObject({
  result: z.boolean(),
  set_time: bitmartEpochSeconds,
  cancel_time: bitmartEpochSeconds,
});
export type BitmartCancelAllAfterResult = z.infer<typeof BitmartCancelAllAfterResultSchema>;

/**
 * Data of `POST /contract/private/modify-limit-order` (bitmart-wire.md#modify-limit-order): the order
 * id is a number.
 */
export const BitmartModifyLimitOrderResultSchema = z.looseObject({
  order_id: bitmartIdNumber,
  client_order_id: bitmartClientOrderId.optional(),
});
export type BitmartModifyLimitOrderResult = z.infer<typeof BitmartModifyLimitOrderResultSchema>;

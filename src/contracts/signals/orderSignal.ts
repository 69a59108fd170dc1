import { z } from 'zod';
import { RequestIdSchema } from '../api/requestFields.ts';
import {
  IsoTimestampSchema,
  NonNegativeDecimalStringSchema,
  OrderIdSchema,
  SignalEnvelopeFieldsSchema,
} from './common.ts';

/**
 * What an order is for. The original knew the first three; ours also names the worker's own
 * closes (CLOSE), the venue's forced closes (LIQUIDATION: liquidation, bankruptcy, ADL) and orders
 * the platform did not make (MANUAL: the exchange's UI or another tool).
 */
export const ORDER_SIGNAL_KINDS = ['ENTRY', 'STOP_LOSS', 'TAKE_PROFIT', 'CLOSE', 'LIQUIDATION', 'MANUAL'] as const;
export type OrderSignalKind = (typeof ORDER_SIGNAL_KINDS)[number];

/**
 * The original sent SUBMITTED only; ours follows the order to its end (the seeds ask for it:
 * docs/reference/seed-contracts.md#order-signal).
 */
export const ORDER_SIGNAL_STATUSES = ['SUBMITTED', 'PARTIALLY_FILLED', 'FILLED', 'CANCELLED'] as const;
export type OrderSignalStatus = (typeof ORDER_SIGNAL_STATUSES)[number];

/**
 * The order signal (`POST TRADING_APP_ORDER_SIGNAL_PATH`), field for field with
 * the PHP worker's payload (seed-contracts.md#order-signal) so either worker can feed either app.
 *
 * `client_order_id` stays a string, but may be "" when `order_id` names the order: the venue's own
 * orders (a preset stop or take profit firing, a liquidation) and orders made by another tool carry
 * none, and the seeds promise a signal for every order. `position_id` is ours: the place-order request
 * id (the callbacks' `order_id` / `position_id`) of the position the order opens or closes.
 */
export const OrderSignalSchema = z
  .strictObject({
    kind: z.enum(ORDER_SIGNAL_KINDS),
    status: z.enum(ORDER_SIGNAL_STATUSES),
    client_order_id: z.string().regex(/^[A-Za-z0-9_-]{0,64}$/, 'expected at most 64 letters, digits, - or _'),
    parent_client_order_id: OrderIdSchema.optional(),
    position_id: RequestIdSchema.optional(),
    order_id: OrderIdSchema.optional(),
    symbol: z.string().regex(/^[A-Z0-9]{2,30}$/, 'expected an upper-case symbol such as BTCUSDT'),
    /** BitMart's side as a string ("1".."4"), as the PHP worker sends it. */
    side: z.string().regex(/^[A-Za-z0-9_]{1,16}$/, 'expected a side such as "1"'),
    type: z.string().regex(/^[A-Za-z_]{1,32}$/, 'expected an order type such as limit'),
    price: NonNegativeDecimalStringSchema,
    size: NonNegativeDecimalStringSchema,
    deal_size: NonNegativeDecimalStringSchema.optional(),
    deal_avg_price: NonNegativeDecimalStringSchema.optional(),
    leverage: NonNegativeDecimalStringSchema.optional(),
    submitted_at: IsoTimestampSchema,
    context: z.record(z.string(), z.unknown()).optional(),
    exchange_response: z.record(z.string(), z.unknown()).optional(),
    ...SignalEnvelopeFieldsSchema.shape,
  })
  .refine((signal) => signal.client_order_id !== '' || signal.order_id !== undefined, {
    path: ['client_order_id'],
    message: 'may be empty only when order_id names the order',
  });

export type OrderSignal = z.infer<typeof OrderSignalSchema>;

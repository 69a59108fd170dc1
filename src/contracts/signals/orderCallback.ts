import { z } from 'zod';
import { RequestIdSchema } from '../api/requestFields.ts';
import { NonNegativeDecimalStringSchema, OrderIdSchema, SignalTextSchema, TraceIdSchema } from './common.ts';

/**
 * Callbacks (docs/reference/seed-contracts.md#callbacks) from the worker's entry-zone and SL/TP monitors to the
 * request's `callback_url`. The seed's fields, plus `trace_id` (stable across retries, for idempotency) and
 * `timestamp` (optional for senders that predate it). Prices travel as decimal strings; the seed's examples show numbers, which the
 * receiver also accepts.
 */
const price = z.union([z.string(), z.number().finite().transform(String)]).pipe(NonNegativeDecimalStringSchema);
const common = {
  trace_id: TraceIdSchema.optional(),
  timestamp: z.string().max(64).optional(),
  metadata: z.unknown().optional(),
  // The outbox's envelope (seed-contracts.md#signal-delivery): the attempt number and the payload
  // version ride on every signal.
  retry_count: z.number().int().nonnegative().optional(),
  payload_version: z.string().min(1).max(16).optional(),
};

/**
 * Why a position ended or a close was tried: the worker's triggers (`trailing` is the stop moved
 * after TP1, `time_stop` the request's `time_stop_seconds`), the venue (`exchange` when it closed
 * the position and the close is not recognised as one of the position's levels), or a person.
 */
export const CLOSE_REASONS = [
  'stop_loss',
  'take_profit',
  'exchange',
  'liquidation',
  'manual',
  'trailing',
  'time_stop',
] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

const quantity = price;

export const OrderCallbackSchema = z.discriminatedUnion('status', [
  z.strictObject({
    status: z.literal('placed'),
    order_id: RequestIdSchema,
    exchange_order_id: OrderIdSchema,
    entry_price: price,
    quantity: price,
    ...common,
  }),
  z.strictObject({ status: z.literal('failed'), order_id: RequestIdSchema, error: SignalTextSchema, ...common }),
  z.strictObject({ status: z.literal('timeout'), order_id: RequestIdSchema, reason: SignalTextSchema, ...common }),
  z.strictObject({
    status: z.literal('closed'),
    position_id: RequestIdSchema,
    /** "" when the venue closed the position and its closing order could not be found. */
    close_order_id: z.union([z.literal(''), OrderIdSchema]),
    reason: z.enum(CLOSE_REASONS),
    /** The price of the close that ended the position (after TP1, of the remainder only). */
    close_price: price,
    /** Over the position's whole life (TP1 included): contracts closed and their average price. */
    closed_quantity: quantity.optional(),
    average_close_price: price.optional(),
    ...common,
  }),
  /**
   * A target closed part of the position (TP1 of two); the rest stays open and protected. Sent
   * once per target.
   */
  z.strictObject({
    status: z.literal('partially_closed'),
    position_id: RequestIdSchema,
    target: z.number().int().positive().max(10),
    reason: z.enum(CLOSE_REASONS),
    close_order_id: z.union([z.literal(''), OrderIdSchema]),
    close_price: price,
    closed_quantity: quantity,
    remaining_quantity: quantity,
    ...common,
  }),
  z.strictObject({
    status: z.literal('close_failed'),
    position_id: RequestIdSchema,
    reason: z.enum(CLOSE_REASONS),
    error: SignalTextSchema,
    /** True when the worker gave up and no stop protects the position on the exchange either. */
    unprotected: z.boolean().optional(),
    ...common,
  }),
]);

export type OrderCallback = z.infer<typeof OrderCallbackSchema>;
export type OrderCallbackStatus = OrderCallback['status'];

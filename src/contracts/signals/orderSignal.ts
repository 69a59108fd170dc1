import { z } from 'zod';
import { DecimalStringSchema, IsoTimestampSchema, SignalEnvelopeFieldsSchema } from './common.ts';

/**
 * What an order is for. The original knew the first three; ours also names the worker's own
 * closes (CLOSE), the venue's forced closes (LIQUIDATION: liquidation, bankruptcy, ADL) and orders
 * the platform did not make (MANUAL: the exchange's UI or another tool).
 */
export const ORDER_SIGNAL_KINDS = ['ENTRY', 'STOP_LOSS', 'TAKE_PROFIT', 'CLOSE', 'LIQUIDATION', 'MANUAL'] as const;
export type OrderSignalKind = (typeof ORDER_SIGNAL_KINDS)[number];

/** The original sent SUBMITTED only; ours follows the order to its end (seed 001 asks for it). */
export const ORDER_SIGNAL_STATUSES = ['SUBMITTED', 'PARTIALLY_FILLED', 'FILLED', 'CANCELLED'] as const;
export type OrderSignalStatus = (typeof ORDER_SIGNAL_STATUSES)[number];

/**
 * The order signal of seeds 001/000 (`POST TRADING_APP_ORDER_SIGNAL_PATH`), field for field with
 * the PHP worker's payload (tradingv3-reference §1.8) so either worker can feed either app.
 */
export const OrderSignalSchema = z.strictObject({
  kind: z.enum(ORDER_SIGNAL_KINDS),
  status: z.enum(ORDER_SIGNAL_STATUSES),
  client_order_id: z.string().min(1),
  parent_client_order_id: z.string().min(1).optional(),
  order_id: z.string().min(1).optional(),
  symbol: z.string().regex(/^[A-Z0-9]{2,30}$/, 'expected an upper-case symbol such as BTCUSDT'),
  /** BitMart's side as a string ("1".."4"), as the PHP worker sends it. */
  side: z.string().min(1),
  type: z.string(),
  price: DecimalStringSchema,
  size: DecimalStringSchema,
  deal_size: DecimalStringSchema.optional(),
  deal_avg_price: DecimalStringSchema.optional(),
  leverage: DecimalStringSchema.optional(),
  submitted_at: IsoTimestampSchema,
  context: z.record(z.string(), z.unknown()).optional(),
  exchange_response: z.record(z.string(), z.unknown()).optional(),
  ...SignalEnvelopeFieldsSchema.shape,
});

export type OrderSignal = z.infer<typeof OrderSignalSchema>;

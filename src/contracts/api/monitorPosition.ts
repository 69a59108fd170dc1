import { z } from 'zod';
import { CallbackUrlSchema, DecimalFieldSchema, RequestIdSchema, SymbolSchema } from './requestFields.ts';

/**
 * `POST /api/monitor-position` (docs/reference/seed-contracts.md#monitor-position): SL/TP monitoring of a
 * position that is already open on the exchange, opened by `order_id` (the venue's order id, as a
 * string or a number). The worker checks both over REST before it answers. At least one level is
 * needed: a position watched for nothing is a mistake, not a request.
 */
export const MonitorPositionRequestSchema = z
  .strictObject({
    id: RequestIdSchema,
    symbol: SymbolSchema,
    order_id: z
      .union([z.string(), z.number().int().nonnegative()])
      .transform(String)
      .pipe(z.string().regex(/^\d{1,24}$/, "expected the exchange's order id (digits)")),
    stop_loss: DecimalFieldSchema.optional(),
    take_profit: DecimalFieldSchema.optional(),
    callback_url: CallbackUrlSchema.optional(),
  })
  .refine((request) => request.stop_loss !== undefined || request.take_profit !== undefined, {
    message: 'give stop_loss, take_profit or both: there is nothing to monitor otherwise',
  });

export type MonitorPositionRequest = z.infer<typeof MonitorPositionRequestSchema>;

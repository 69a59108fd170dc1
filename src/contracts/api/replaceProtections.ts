import { z } from 'zod';
import { DecimalFieldSchema } from './requestFields.ts';
import { TargetsSchema } from './tradeManagement.ts';

/**
 * `POST /api/positions/:positionId/protections` on the worker: new stop and targets for a position
 * it manages (one it opened from a place-order, or adopted by monitor-position; the id is that
 * request's). The trading-app sends it for `POST /api/trade-tpsl/two-targets` (the original's
 * `TpSlTwoTargetsService`, pivox/tradingV3 `trading-app/src/TradeEntry/Service/`). `targets`
 * replaces what remains to be taken: once TP1 has filled, only the last target is read.
 */
export const ReplaceProtectionsRequestSchema = z
  .strictObject({
    stop_loss: DecimalFieldSchema.optional(),
    targets: TargetsSchema.optional(),
  })
  .refine((request) => request.stop_loss !== undefined || request.targets !== undefined, {
    message: 'give stop_loss, targets or both: there is nothing to replace otherwise',
  });

export type ReplaceProtectionsRequest = z.infer<typeof ReplaceProtectionsRequestSchema>;

/** One trigger order the worker placed on the exchange for the replacement. */
export const PlacedProtectionSchema = z.strictObject({
  kind: z.enum(['stop_loss', 'take_profit']),
  /** Take-profits: which target (1 = TP1 of two, or the only one). */
  target: z.number().int().positive().nullable(),
  client_order_id: z.string(),
  /** Null when the venue's answer was lost: the worker's periodic check finds it by its client order id. */
  order_id: z.string().nullable(),
  trigger_price: z.string(),
  /** Contracts; null for a position-level trigger, which covers the whole remaining position. */
  size: z.string().nullable(),
});
export type PlacedProtection = z.infer<typeof PlacedProtectionSchema>;

/**
 * The worker's answer: 200 `ok` with what now protects the position, the orders placed and the
 * exchange order ids canceled; 404 an id it does not manage; 409 a position being closed or a
 * level the price has already passed; 502 the venue refused a new order (what was there stays).
 */
export const ReplaceProtectionsAnswerSchema = z.looseObject({
  ok: z.boolean(),
  error: z.string().optional(),
  position_id: z.string().optional(),
  size: z.string().optional(),
  stop_loss: z.string().nullable().optional(),
  targets: z
    .array(z.looseObject({ price: z.string(), fraction: z.string(), state: z.enum(['open', 'filled']) }))
    .optional(),
  submitted: z.array(PlacedProtectionSchema).optional(),
  cancelled: z.array(z.string()).optional(),
});
export type ReplaceProtectionsAnswer = z.infer<typeof ReplaceProtectionsAnswerSchema>;

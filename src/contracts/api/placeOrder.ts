import { Decimal } from 'decimal.js';
import { z } from 'zod';
import {
  CallbackUrlSchema,
  DecimalFieldSchema,
  MetadataSchema,
  RequestIdSchema,
  SymbolSchema,
  wellFormedDecimal,
} from './requestFields.ts';
import {
  checkManagement,
  FallbackEndOfZoneSchema,
  TargetsSchema,
  TimeStopSecondsSchema,
  TrailingSchema,
} from './tradeManagement.ts';

/**
 * Units of `quantity`: `contracts` (the venue's order size, and the default: what this API always
 * meant and what the original worker sent as `size`), or `base`, an amount of the base asset converted
 * with the contract size (the seeds' `"quantity": 0.01` on BTCUSDT means 0.01 BTC, 10 contracts).
 */
export const QUANTITY_UNITS = ['contracts', 'base'] as const;
export type QuantityUnit = (typeof QUANTITY_UNITS)[number];

/**
 * `POST /api/place-order` (docs/reference/seed-contracts.md#place-order): an entry zone with protections, handed by the
 * trading-app to the worker. Prices may come as numbers (the seed's examples) or decimal strings; they are
 * normalised to strings so no float ever reaches the money path. The trade-management fields
 * (targets, trailing, time stop, end-of-zone fallback) are optional additions.
 */
export const PlaceOrderRequestSchema = z
  .strictObject({
    id: RequestIdSchema,
    symbol: SymbolSchema,
    side: z.enum(['long', 'short']),
    entry_zone_min: DecimalFieldSchema,
    entry_zone_max: DecimalFieldSchema,
    quantity: DecimalFieldSchema,
    quantity_unit: z.enum(QUANTITY_UNITS).optional(),
    leverage: z
      .union([
        z.number().int().positive(),
        z
          .string()
          .regex(/^\d{1,4}$/)
          .transform(Number),
      ])
      .optional(),
    stop_loss: DecimalFieldSchema.optional(),
    take_profit: DecimalFieldSchema.optional(),
    timeout_seconds: z.number().int().positive().max(86_400).optional(),
    callback_url: CallbackUrlSchema.optional(),
    metadata: MetadataSchema.optional(),
    // Trade management (issue 11, `tradeManagement.ts`): all optional, the seed's fields unchanged.
    targets: TargetsSchema.optional(),
    trailing: TrailingSchema.optional(),
    time_stop_seconds: TimeStopSecondsSchema.optional(),
    fallback_end_of_zone: FallbackEndOfZoneSchema.optional(),
  })
  // Runs even when a field failed its own check: only well-formed values are compared.
  .superRefine((request, context) => {
    const number = (value: unknown) => {
      const text = wellFormedDecimal(value);
      return text === undefined ? undefined : new Decimal(text);
    };
    if (request.side !== 'long' && request.side !== 'short') return;
    checkManagement(request, context);
    const min = number(request.entry_zone_min);
    const max = number(request.entry_zone_max);
    if (min === undefined || max === undefined) return;
    if (min.gt(max))
      context.addIssue({ code: 'custom', path: ['entry_zone_max'], message: 'entry_zone_max is below entry_zone_min' });
    const below = request.side === 'long' ? 'stop_loss' : 'take_profit';
    const above = request.side === 'long' ? 'take_profit' : 'stop_loss';
    const low = number(request[below]);
    const high = number(request[above]);
    if (low?.gte(min)) {
      context.addIssue({
        code: 'custom',
        path: [below],
        message: `${below} must be below the entry zone for a ${request.side}`,
      });
    }
    if (high?.lte(max)) {
      context.addIssue({
        code: 'custom',
        path: [above],
        message: `${above} must be above the entry zone for a ${request.side}`,
      });
    }
  });

export type PlaceOrderRequest = z.infer<typeof PlaceOrderRequestSchema>;

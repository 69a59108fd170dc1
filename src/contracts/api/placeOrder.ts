import { Decimal } from 'decimal.js';
import { z } from 'zod';

/**
 * `POST /api/place-order` of seed 003: an entry zone with protections, handed by the trading-app
 * to the worker. Prices may come as numbers (the seed's examples) or decimal strings; they are
 * normalised to strings so no float ever reaches the money path. `quantity` is in contracts.
 */
const decimal = z
  .union([z.string(), z.number().finite()])
  .transform(String)
  .pipe(z.string().regex(/^\d+(\.\d+)?$/, 'expected a positive decimal number'));

export const PlaceOrderRequestSchema = z
  .strictObject({
    id: z
      .string()
      .regex(/^[A-Za-z0-9]{1,32}$/, 'id becomes the client_order_id: 1-32 letters or digits (BitMart rule)'),
    symbol: z.string().regex(/^[A-Z0-9]{2,30}$/, 'expected an upper-case symbol such as BTCUSDT'),
    side: z.enum(['long', 'short']),
    entry_zone_min: decimal,
    entry_zone_max: decimal,
    quantity: decimal,
    leverage: z.union([z.number().int().positive(), z.string().regex(/^\d+$/).transform(Number)]).optional(),
    stop_loss: decimal.optional(),
    take_profit: decimal.optional(),
    timeout_seconds: z.number().int().positive().max(86_400).optional(),
    callback_url: z.url({ protocol: /^https?$/ }).optional(),
    metadata: z.record(z.string(), z.unknown()).optional(),
  })
  .superRefine((request, context) => {
    const min = new Decimal(request.entry_zone_min);
    const max = new Decimal(request.entry_zone_max);
    if (min.gt(max))
      context.addIssue({ code: 'custom', path: ['entry_zone_max'], message: 'entry_zone_max is below entry_zone_min' });
    const below = request.side === 'long' ? 'stop_loss' : 'take_profit';
    const above = request.side === 'long' ? 'take_profit' : 'stop_loss';
    const low = request[below];
    const high = request[above];
    if (low !== undefined && new Decimal(low).gte(min)) {
      context.addIssue({
        code: 'custom',
        path: [below],
        message: `${below} must be below the entry zone for a ${request.side}`,
      });
    }
    if (high !== undefined && new Decimal(high).lte(max)) {
      context.addIssue({
        code: 'custom',
        path: [above],
        message: `${above} must be above the entry zone for a ${request.side}`,
      });
    }
  });

export type PlaceOrderRequest = z.infer<typeof PlaceOrderRequestSchema>;

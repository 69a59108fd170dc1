import { z } from 'zod';
import { DecimalStringSchema, IsoTimestampSchema, SignalEnvelopeFieldsSchema } from './common.ts';

/** The USDT balance signal of seed 002 (`POST TRADING_APP_BALANCE_SIGNAL_PATH`). */
export const BalanceSignalSchema = z.strictObject({
  asset: z
    .string()
    .transform((asset) => asset.toUpperCase())
    .pipe(z.literal('USDT', { message: 'only USDT balance signals are accepted' })),
  available_balance: DecimalStringSchema,
  frozen_balance: DecimalStringSchema,
  equity: DecimalStringSchema,
  unrealized_pnl: DecimalStringSchema.optional(),
  position_deposit: DecimalStringSchema.optional(),
  bonus: DecimalStringSchema.optional(),
  timestamp: IsoTimestampSchema,
  context: z
    .looseObject({ source: z.string().optional(), raw_data: z.record(z.string(), z.unknown()).optional() })
    .optional(),
  ...SignalEnvelopeFieldsSchema.shape,
});

export type BalanceSignal = z.infer<typeof BalanceSignalSchema>;

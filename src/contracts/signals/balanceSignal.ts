import { z } from 'zod';
import {
  DecimalStringSchema,
  IsoTimestampSchema,
  NonNegativeDecimalStringSchema,
  SignalEnvelopeFieldsSchema,
} from './common.ts';

/**
 * The USDT balance signal (docs/reference/seed-contracts.md#balance-signal, `POST TRADING_APP_BALANCE_SIGNAL_PATH`).
 * Amounts held are never negative (BitMart's insurance fund absorbs a shortfall); only the unrealized PnL is signed.
 */
export const BalanceSignalSchema = z.strictObject({
  asset: z
    .string()
    .max(16)
    .transform((asset) => asset.toUpperCase())
    .pipe(z.literal('USDT', { message: 'only USDT balance signals are accepted' })),
  available_balance: NonNegativeDecimalStringSchema,
  frozen_balance: NonNegativeDecimalStringSchema,
  equity: NonNegativeDecimalStringSchema,
  unrealized_pnl: DecimalStringSchema.optional(),
  position_deposit: NonNegativeDecimalStringSchema.optional(),
  bonus: NonNegativeDecimalStringSchema.optional(),
  timestamp: IsoTimestampSchema,
  context: z
    .looseObject({
      source: z.string().max(64).optional(),
      raw_data: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
  ...SignalEnvelopeFieldsSchema.shape,
});

export type BalanceSignal = z.infer<typeof BalanceSignalSchema>;

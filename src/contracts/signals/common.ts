import { z } from 'zod';

/**
 * More than any venue quotes (BitMart: prices and sizes under 20 significant digits) yet small
 * enough that a decimal type and `numeric` handle it at once: a 200,000-digit "amount" is refused
 * at the door instead of being stored without sense.
 */
export const MAX_SIGNIFICANT_DIGITS = 40;
/** A decimal string, sign and point included, is never longer than this. */
const MAX_DECIMAL_CHARS = 64;

const DECIMAL_SHAPE = /^-?\d+(\.\d+)?$/;

/** Digits from the first non-zero one: "0.000120" has 3, "10000.00" has 7. */
function significantDigits(value: string): number {
  const digits = value.replace(/[-.]/g, '').replace(/^0+/, '');
  return digits.length;
}

function decimalString(options: { negative: boolean }) {
  const pattern = options.negative ? DECIMAL_SHAPE : /^\d+(\.\d+)?$/;
  const shape = options.negative ? 'a decimal number as a string' : 'a non-negative decimal number as a string';
  return z
    .string()
    .max(MAX_DECIMAL_CHARS, `expected ${shape} of at most ${MAX_DECIMAL_CHARS} characters`)
    .regex(pattern, `expected ${shape}`)
    .refine(
      (value) => significantDigits(value) <= MAX_SIGNIFICANT_DIGITS,
      `expected at most ${MAX_SIGNIFICANT_DIGITS} significant digits`,
    );
}

/** A decimal number carried as a string, as every money field on the worker ⇄ app wire. */
export const DecimalStringSchema = decimalString({ negative: true });

/** Balances, sizes and prices: a negative one means nothing (unrealized PnL uses the signed one). */
export const NonNegativeDecimalStringSchema = decimalString({ negative: false });

/** ISO-8601 with an offset, as the PHP worker writes it (`2025-11-01T12:00:00+00:00`). */
export const IsoTimestampSchema = z.iso.datetime({ offset: true });

/** Stable across retries: the app deduplicates on it (the worker delivers at least once). */
export const TraceIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'expected 8-64 letters, digits, - or _');

/**
 * An order or request id: BitMart's client order ids are 1-32 letters or digits and its order ids
 * digits; the seeds' own ids add `-` and `_` (`TPSL-BTCUSDT-L-…-SL`, `MTF_…`, `order-…`). Ids are
 * keys and path parameters in the app, so they are bounded and plain.
 */
export const OrderIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected 1-64 letters, digits, - or _');

/** Free text from the worker (an exchange error, a reason): bounded so a row stays a row. */
/** Longest free text (an error, a reason) a signal carries. */
export const SIGNAL_TEXT_MAX = 2_000;
export const SignalTextSchema = z.string().max(SIGNAL_TEXT_MAX, `expected at most ${SIGNAL_TEXT_MAX} characters`);

export const PAYLOAD_VERSION = '1.0';

export const SignalEnvelopeFieldsSchema = z.object({
  trace_id: TraceIdSchema,
  retry_count: z.number().int().nonnegative(),
  payload_version: z.string().min(1).max(16),
});

import { z } from 'zod';
import { type BitmartCodeInfo, BitmartCodes } from '../../exchange/bitmart/protocol/codes.ts';
import { Dec, parseDecimal } from '../../platform/decimal/index.ts';
import { BitmartReplyError } from './envelope.ts';

/**
 * Venue-style request parsing: BitMart accepts numbers as JSON numbers or numeric strings and
 * ignores parameters it does not know (`recvWindow`, `account`, broker tags), so the schemas here
 * coerce loosely and strip unknown keys (docs/style.md#parse-at-boundaries: venue objects are parsed loosely).
 */

/** An integer sent as a JSON number or a numeric string (query strings are always strings). */
export const intParam = z
  .union([
    z.number(),
    z
      .string()
      .trim()
      .regex(/^[+-]?\d+$/),
  ])
  .transform(Number)
  .pipe(z.number().int().safe());

/** A decimal amount sent as a string ("95000.1") or a JSON number; never a float afterwards. */
export const decimalParam = z.union([z.string(), z.number()]).transform((value, ctx): Dec => {
  try {
    return parseDecimal(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: `not a decimal number: ${String(value)}` });
    return z.NEVER;
  }
});

/** An id that clients send as a string or, like ccxt on modify-limit-order, as a number. */
export const idParam = z.union([z.string().min(1), z.number().int()]).transform(String);

export const symbolParam = z.string().trim().min(1);

/**
 * Fields whose bad value BitMart answers with a dedicated code instead of 40007
 * (docs/reference/bitmart-wire.md#codes).
 */
const FIELD_CODES: Readonly<Record<string, BitmartCodeInfo>> = {
  side: BitmartCodes.sideInvalid,
  type: BitmartCodes.typeInvalid,
  open_type: BitmartCodes.openTypeInvalid,
  step: BitmartCodes.klineStepInvalid,
  leverage: BitmartCodes.leverageInvalid,
};

/** Parses `input` or throws the BitMart error for its first bad field (40007 unless the field has its own code). */
export function parseParams<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = String(issue?.path[0] ?? '');
  const info = FIELD_CODES[field] ?? BitmartCodes.parseParameter;
  const detail = field ? `${info.message}: ${field}` : info.message;
  throw new BitmartReplyError(info, info === BitmartCodes.parseParameter ? detail : info.message);
}

const SEVEN_DAYS_MS = 7 * 24 * 3_600_000;

/**
 * A history range in ms. The docs say seconds for order-history and trades, but ccxt sends ms
 * there (bitmart-wire.md#order-history), so values above 1e12 are taken as ms. Default: the last 7 days.
 */
export function historyRange(
  nowMs: number,
  start: number | undefined,
  end: number | undefined,
  unit: 'seconds' | 'ms',
): { startMs: number; endMs: number } {
  const toMs = (value: number): number => (unit === 'ms' || value > 1e12 ? value : value * 1000);
  const endMs = end === undefined ? nowMs : toMs(end);
  const startMs = start === undefined ? endMs - SEVEN_DAYS_MS : toMs(start);
  return { startMs, endMs };
}

/** Unix seconds, accepting ms when a client sends them (values above 1e12). */
export function toSeconds(value: number): number {
  return value > 1e12 ? Math.floor(value / 1000) : value;
}

export function isDecimalPositive(value: Dec): boolean {
  return value.greaterThan(new Dec(0));
}

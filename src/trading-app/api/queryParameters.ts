import { z } from 'zod';
import { ORDER_SIGNAL_KINDS } from '../../contracts/signals/orderSignal.ts';
import { ApiError, describeZodError } from './ApiError.ts';

/**
 * Query-string rules shared by the read endpoints. Unknown parameters are refused
 * (docs/style.md#parse-at-boundaries: our own inputs are parsed strictly), so a misspelt `?intervall=`
 * is a 400, not a silent default.
 */

/** An integer within bounds, from its decimal text, or `fallback` when absent. */
export const boundedInt = (min: number, max: number, fallback: number) =>
  z
    .string()
    .regex(/^\d+$/, `expected an integer from ${min} to ${max}`)
    .transform(Number)
    .refine((value) => value >= min && value <= max, `expected an integer from ${min} to ${max}`)
    .optional()
    .transform((value) => value ?? fallback);

/** `boundedInt` for a body field, which may be a JSON number as well as text. */
export const boundedIntField = (min: number, max: number, fallback: number) =>
  z
    .union([z.number(), z.string().regex(/^\d+$/, `expected an integer from ${min} to ${max}`).transform(Number)])
    .pipe(
      z
        .number()
        .int()
        .min(min, `expected an integer from ${min} to ${max}`)
        .max(max, `expected an integer from ${min} to ${max}`),
    )
    .optional()
    .transform((value) => value ?? fallback);

/**
 * `FILTER_VALIDATE_BOOLEAN`'s words: true/false, 1/0, yes/no, on/off, in JSON or a query string.
 * Unlike PHP, an empty or blank value is no boolean (a 400): `?dry_run=` must not read as false.
 */
export const boolish = z.union([z.boolean(), z.number(), z.string()]).transform((value, context) => {
  const text = String(value).trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(text)) return true;
  if (['0', 'false', 'no', 'off'].includes(text)) return false;
  context.addIssue({ code: 'custom', message: 'expected a boolean (true/false, 1/0)' });
  return z.NEVER;
});

/**
 * A date (`2025-11-01`, midnight UTC) or a date-time with an offset. An unescaped `+` in a query
 * string decodes to a space, which no ISO-8601 value contains, so it is read back as `+`.
 */
export const isoInstant = z
  .string()
  .transform((value) => value.replaceAll(' ', '+'))
  .pipe(
    z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
      message: 'expected an ISO-8601 date or date-time, for example 2025-11-01 or 2025-11-01T12:00:00Z',
    }),
  )
  .transform((value) => new Date(value));

export const symbolParameter = z
  .string()
  .transform((value) => value.toUpperCase())
  .pipe(z.string().regex(/^[A-Z0-9]{2,30}$/, 'expected a symbol such as BTCUSDT'));

export const kindParameter = z
  .string()
  .transform((value) => value.toUpperCase())
  .pipe(z.enum(ORDER_SIGNAL_KINDS, { message: `expected one of ${ORDER_SIGNAL_KINDS.join(', ')}` }));

export const statusParameter = z
  .string()
  .transform((value) => value.toUpperCase())
  .pipe(z.string().regex(/^[A-Z_]{1,32}$/, 'expected a status such as FILLED'));

/** Client order ids in paths: BitMart allows 1-32 letters and digits; we accept the id grammar of our signals. */
export const clientOrderIdParameter = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected a client order id (letters, digits, - or _)');

/** Parses `input` or throws a 400 `invalid_parameter` naming the parameter. */
export function parseParameters<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input ?? {});
  if (!result.success) throw new ApiError(400, 'invalid_parameter', describeZodError(result.error, 'query'));
  return result.data;
}

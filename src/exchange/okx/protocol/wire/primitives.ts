import { z } from 'zod';

/**
 * Scalars of OKX's wire (https://www.okx.com/docs-v5/en/#overview-rest-authentication): every
 * number is a JSON string, `""` where a value is unset; ids are digit strings of 18–19 digits (never
 * JS numbers); times are ms strings. What OKX sends is parsed loosely (extra fields pass); the
 * fields we rely on are typed.
 */
const DECIMAL = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

export const okxDecimal = z.string().regex(DECIMAL, 'expected a decimal number as a string');
export const okxDecimalOrEmpty = z.union([z.literal(''), okxDecimal]);
export const okxId = z.string().regex(/^\d+$/, 'expected an id made of digits');
export const okxIdOrEmpty = z.union([z.literal(''), okxId]);
/** Unix ms as a digit string. */
export const okxMillis = z.string().regex(/^\d+$/, 'expected Unix milliseconds as a string');
export const okxMillisOrEmpty = z.union([z.literal(''), okxMillis]);
export const okxBoolString = z.enum(['true', 'false']);

/**
 * A request value clients send as a string or a number (ccxt sends `lever` and `timeOut` as
 * numbers, okx-api what its caller passes); the server reads both.
 */
export const okxNumericInput = z.union([z.string(), z.number()]);
/** `reduceOnly` and friends: a JSON boolean per the docs, a string from some clients. */
export const okxBoolInput = z.union([z.boolean(), z.enum(['true', 'false'])]);

import { Decimal } from 'decimal.js';

/**
 * Money is never a float (docs/style.md#money). One Decimal constructor for the whole code base, with
 * enough precision that no balance ever rounds silently.
 */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -30, toExpPos: 40 });
export type Dec = InstanceType<typeof Dec>;

export const ZERO = new Dec(0);

/** Parses a decimal string or integer; rejects NaN, Infinity and empty input. */
export function parseDecimal(value: string | number, what = 'value'): Dec {
  if (typeof value === 'number' && !Number.isFinite(value))
    throw new RangeError(`${what} must be finite, got ${value}`);
  if (typeof value === 'string' && !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value.trim())) {
    throw new RangeError(`${what} must be a decimal number, got "${value}"`);
  }
  return new Dec(value);
}

/** Rounds to a multiple of `step` (a tick or a lot size), half-up unless told otherwise. */
export function roundToStep(value: Dec, step: Dec, rounding: Decimal.Rounding = Decimal.ROUND_HALF_UP): Dec {
  return value.div(step).toDecimalPlaces(0, rounding).mul(step);
}

/** True when `value` is an exact multiple of `step`. */
export function isMultipleOf(value: Dec, step: Dec): boolean {
  return value.mod(step).isZero();
}

/** The plain string BitMart puts on the wire: no exponent, no trailing zeros. */
export function toWire(value: Dec): string {
  return value.toFixed();
}

import { type Dec, toWire } from '../../../../platform/decimal/index.ts';

/**
 * The simulator's objects in OKX's JSON (https://www.okx.com/docs-v5/en/): every number a string,
 * `""` where unset, sizes in contracts. The simulator's contracts are whole (`lotSz` = `minSz` = 1)
 * and `ctVal` is the contract's base size, so engine contracts are OKX contracts unchanged.
 */

/** A time in OKX's JSON: Unix ms as a string. */
export const ms = (value: number): string => String(value);

/** A decimal that OKX leaves `""` when it is zero (a position's liquidation price...). */
export const orEmpty = (value: Dec): string => (value.isZero() ? '' : toWire(value));

import { z } from 'zod';

/**
 * Scalar building blocks shared by every BitMart wire schema (docs/reference/bitmart-wire.md#value-types).
 * BitMart sends almost every quantity as a JSON string; these schemas keep them strings (the mapper
 * turns them into `Dec`) but refuse anything that is not a plain decimal number, and refuse JS
 * numbers where BitMart sends strings (docs/style.md#money: money is never a float).
 */

const DECIMAL_PATTERN = /^-?\d+(\.\d+)?$/;
const DIGITS_PATTERN = /^\d+$/;

/** A decimal number as a JSON string: "0", "-0.0000238", "265231.721368593081729069". */
export const bitmartDecimal = z.string().regex(DECIMAL_PATTERN, 'expected a decimal number as a string');

/**
 * A decimal string, or "" where BitMart leaves an optional price unset: REST order rows send
 * `activation_price`, `callback_rate`, `preset_take_profit_price` and `preset_stop_loss_price` as
 * "" when the order has none (the order detail sample, bitmart-wire.md#order-detail; plan-executed
 * order-history fixture).
 */
export const bitmartDecimalOrEmpty = z.union([z.literal(''), bitmartDecimal]);

/**
 * A decimal string, or "-" where the WS `futures/order` push marks a trigger field as not
 * applicable (`trigger_price`, `execution_price`, `activation_price`, `callback_rate`;
 * bitmart-wire.md#private-channels).
 */
export const bitmartDecimalOrDash = z.union([z.literal('-'), bitmartDecimal]);

/** An id made of digits, sent as a JSON string (`order_id` of order rows, `trade_id`, `tran_id`). */
export const bitmartIdString = z.string().regex(DIGITS_PATTERN, 'expected an id made of digits');

/** An id BitMart may leave empty: `executive_order_id`, `plan_order_id` are "" when unset. */
export const bitmartIdStringOrEmpty = z.union([z.literal(''), bitmartIdString]);

/**
 * An order id sent as a JSON number: only `submit-order`, `submit-plan-order`, `submit-trail-order`
 * and `modify-limit-order` do this (bitmart-wire.md#value-types). Ids are 15–16 digits, still below 2^53, so a JS
 * number holds them exactly; the mapper turns them into strings at once.
 */
export const bitmartIdNumber = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/**
 * An id whose JSON type BitMart does not document and whose samples disagree (modify-plan-order
 * and modify-tp-sl-order: "{order_id}" in the docs, a string in ccxt's samples) [?].
 */
export const bitmartIdStringOrNumber = z.union([bitmartIdString, bitmartIdNumber]);

/**
 * `client_order_id` as BitMart echoes it: "" when unset, and not necessarily alphanumeric, since
 * BitMart fills in its own ids (an executed plan order reports "PLAN_3000097492004577").
 */
export const bitmartClientOrderId = z.string();

/** A contract symbol without separator: "BTCUSDT". */
export const bitmartSymbol = z.string().regex(/^[A-Z0-9]+$/, 'expected a symbol such as BTCUSDT');

/** A currency code: "USDT". */
export const bitmartCurrency = z.string().regex(/^[A-Z0-9]+$/, 'expected a currency such as USDT');

/**
 * The boundary between the two epoch units: 1e11 ms is March 1973, 1e11 s is the year 5138. Any
 * recent time in ms is above it and any time in seconds below, so a unit mix-up cannot validate.
 */
const EPOCH_UNIT_BOUNDARY = 100_000_000_000;

/** Unix time in milliseconds as a JSON number; 0 where BitMart means "none" (open_timestamp of a flat position-v2 row). */
export const bitmartEpochMillis = z
  .number()
  .int()
  .nonnegative()
  .refine((value) => value === 0 || value >= EPOCH_UNIT_BOUNDARY, 'expected a Unix time in milliseconds');

/** Unix time in seconds as a JSON number (kline `timestamp`, WS kline `ts`, market-trade `time`). */
export const bitmartEpochSeconds = z
  .number()
  .int()
  .nonnegative()
  .lt(EPOCH_UNIT_BOUNDARY, 'expected a Unix time in seconds');

/**
 * Unix time whose unit has changed over the years: `details.open_timestamp` was in seconds in
 * older payloads and is in ms now (bitmart-wire.md#contract-details).
 */
export const bitmartEpochAnyUnit = z.number().int().nonnegative();

/**
 * Unix time in milliseconds sent as a JSON string (`transaction-history.time`,
 * bitmart-wire.md#transaction-history).
 */
export const bitmartEpochMillisString = z
  .string()
  .regex(DIGITS_PATTERN, 'expected a Unix time in milliseconds as a string')
  .refine((value) => Number(value) >= EPOCH_UNIT_BOUNDARY, 'expected a Unix time in milliseconds as a string');

import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DecimalFieldSchema, RequestIdSchema, wellFormedDecimal } from '../../contracts/api/requestFields.ts';
import { Dec } from '../../platform/decimal/index.ts';
import { MTF_TIMEFRAMES } from '../mtf/timeframes.ts';
import { spreadOf } from '../trade-entry/config/profileParts.ts';
import { MOMENTUM_GRADES } from '../trade-entry/tpsl/splitRatio.ts';
import { ApiError, describeZodError } from './ApiError.ts';
import { boolish, symbolParameter } from './queryParameters.ts';
import { jsonBody } from './requestBodies.ts';

/**
 * The bodies of the seeds' trade routes (pivox/tradingV3
 * `trading-app/src/TradeEntry/Controller/`): the original's own 400s first (`Invalid JSON`,
 * `Missing … field: X`, `Invalid side value`, in its `{"error": …}`), then every optional field
 * checked, a bad one a 400 naming it. Unknown fields are refused, as everywhere in this API.
 */

/** A number, or its decimal text (the original cast strings with `(float)`). */
const numeric = z.union([
  z.number(),
  z
    .string()
    .trim()
    .regex(/^-?\d+(\.\d+)?$/, 'expected a number')
    .transform(Number),
]);
const positive = (max: number) =>
  numeric.pipe(z.number().finite().gt(0, 'expected a number above 0').max(max, `expected at most ${max}`));
const fraction = (min: 'open' | 'closed') =>
  numeric.pipe(
    z
      .number()
      .finite()
      .min(0, 'expected a fraction from 0 to 1')
      .lt(1, 'expected a fraction below 1')
      .refine((value) => min === 'closed' || value > 0, 'expected a fraction above 0'),
  );
const word = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .string()
    .transform((value) => value.trim().toLowerCase())
    .pipe(z.enum(values, { message: `expected one of ${values.join(', ')}` }));
/** A price or size: a decimal string kept exact (a JSON number is taken as written). */
const aboveZero = DecimalFieldSchema.refine(
  // A refine runs after a failed regex too: only a well-formed decimal is compared.
  (text) => wellFormedDecimal(text) === undefined || new Dec(text).gt(0),
  'expected a number above 0',
);
/** A percentage from 0 to 100, or a fraction below 1 (values of 1 and more are percentages). */
const percentOrFraction = positive(100).transform((value) => (value >= 1 ? value / 100 : value));

export const ExecuteBodySchema = z.strictObject({
  symbol: symbolParameter,
  side: z.string(),
  order_type: word(['limit', 'market']).optional(),
  open_type: word(['isolated', 'cross']).optional(),
  order_mode: numeric.pipe(z.number().int().min(1).max(4, 'expected a BitMart mode from 1 to 4')).optional(),
  initial_margin_usdt: positive(1_000_000_000).optional(),
  risk_pct: percentOrFraction.optional(),
  r_multiple: positive(20).optional(),
  entry_limit_hint: positive(1e12).optional(),
  stop_from: word(['atr', 'risk', 'pivot']).optional(),
  stop_fallback: word(['atr', 'risk', 'none']).optional(),
  pivot_sl_policy: z
    .string()
    .regex(
      /^(nearest|strongest)(_(below|above))?$|^[sr][1-6]$/,
      'expected nearest_below, strongest_below, s1..s6 (long) or their above / r counterparts',
    )
    .optional(),
  pivot_sl_buffer_pct: fraction('closed').optional(),
  pivot_sl_min_keep_ratio: numeric.pipe(z.number().gt(0, 'expected a ratio above 0').max(1)).optional(),
  atr_value: positive(1e12).optional(),
  atr_k: positive(20).optional(),
  market_max_spread_pct: positive(100)
    .transform(spreadOf)
    .pipe(z.number().lt(1, 'expected a spread below 100 %'))
    .optional(),
  dry_run: boolish.optional(),
  /** Ours: the idempotency key (the worker's request id); default the decision key. */
  client_order_id: RequestIdSchema.optional(),
  /** The original's profile selector (`TradeEntryConfigResolver::resolve($mode)`). */
  mode: z
    .string()
    .regex(/^[a-z0-9_]{1,40}$/, 'expected a profile name such as scalper_micro')
    .optional(),
  /** Ours: the execution timeframe whose last closed candle the decision is on. */
  execution_tf: word(MTF_TIMEFRAMES).optional(),
});
export type ExecuteBody = Omit<z.infer<typeof ExecuteBodySchema>, 'side'> & { side: 'long' | 'short' };

export const TwoTargetsBodySchema = z.strictObject({
  symbol: symbolParameter,
  side: z.string(),
  entry_price: aboveZero.optional(),
  /** Contracts. */
  size: aboveZero.optional(),
  r_multiple: positive(20).optional(),
  /** 0..1, or 1..100 read as a percentage (the original's clamp). */
  split_pct: numeric
    .pipe(z.number().min(0, 'expected 0 to 1, or a percentage up to 100').max(100))
    .transform((value) => (value > 1 ? value / 100 : value))
    .optional(),
  cancel_sl_if_diff: boolish.optional(),
  cancel_tp: boolish.optional(),
  sl_full_size: boolish.optional(),
  momentum: z
    .string()
    .transform((value) => value.trim().toLowerCase())
    .pipe(z.enum(Object.keys(MOMENTUM_GRADES) as [keyof typeof MOMENTUM_GRADES]))
    .transform((value) => MOMENTUM_GRADES[value])
    .optional(),
  mtf_valid_count: numeric.pipe(z.number().int().min(0).max(10)).optional(),
  pullback_clear: boolish.optional(),
  late_entry: boolish.optional(),
  dry_run: boolish.optional(),
});
export type TwoTargetsBody = Omit<z.infer<typeof TwoTargetsBodySchema>, 'side'> & { side: 'long' | 'short' };

/** Whether a missing field reads `Missing required field: X` (execute) or `Missing field: X` (two-targets). */
type MissingWording = 'Missing required field' | 'Missing field';

/** The body checked in the original's order, then by `schema`; every refusal a 400 naming the field. */
export function seedTradeBody<T extends { side: string }>(
  request: FastifyRequest,
  schema: z.ZodType<T>,
  missing: MissingWording,
): Omit<T, 'side'> & { side: 'long' | 'short' } {
  let body: Record<string, unknown>;
  try {
    body = jsonBody(request, '{"symbol":"BTCUSDT","side":"long"}');
    // The execute controller tested `!$data`, which an empty object fails too; two-targets did not.
    if (missing === 'Missing required field' && Object.keys(body).length === 0) {
      throw new ApiError(400, 'invalid_json', 'body: expected a JSON object with symbol and side');
    }
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 'invalid_json') throw error;
    throw new ApiError(400, 'invalid_json', error.detail, 'Invalid JSON');
  }
  for (const field of ['symbol', 'side']) {
    if (body[field] === undefined || body[field] === null) {
      throw new ApiError(400, 'missing_field', `${field}: required`, `${missing}: ${field}`);
    }
  }
  const side = typeof body['side'] === 'string' ? body['side'].trim().toLowerCase() : undefined;
  if (side !== 'long' && side !== 'short') {
    throw new ApiError(400, 'invalid_parameter', 'side: expected long or short', 'Invalid side value');
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const message = describeZodError(parsed.error);
    throw new ApiError(400, 'invalid_parameter', message, `Invalid field ${message}`);
  }
  return { ...parsed.data, side };
}

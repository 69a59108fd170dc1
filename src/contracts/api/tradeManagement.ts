import { Decimal } from 'decimal.js';
import { z } from 'zod';
import { DecimalFieldSchema, wellFormedDecimal } from './requestFields.ts';

/**
 * The optional trade-management fields of `POST /api/place-order` (issue 11): what happens to a
 * position after its entry fills. Each is the request's own intent; the worker never adds one.
 * The trade-entry profiles of the original (pivox/tradingV3,
 * `trading-app/config/app/trade_entry.scalper_micro.yaml`: `take_profit.tp1/tp2`, `trailing`,
 * `hard_time_stop_sec`, `entry.fallback_end_of_zone`) map onto them.
 */

/** A fraction of the position: a positive decimal no larger than 1. */
const FractionSchema = DecimalFieldSchema.refine(
  (text) => new Decimal(text).gt(0) && new Decimal(text).lte(1),
  'expected a fraction above 0 and at most 1',
);

/**
 * A take-profit target: its price and the fraction of the filled size it closes. The last target
 * takes whatever is left, so its `fraction` may be left out (and is not read).
 */
export const TargetSchema = z.strictObject({
  price: DecimalFieldSchema,
  fraction: FractionSchema.optional(),
});
export type TargetField = z.infer<typeof TargetSchema>;

/** One or two targets: TP1 closes its fraction, TP2 (or the only one) what remains. */
export const TargetsSchema = z
  .array(TargetSchema)
  .min(1, 'expected 1 or 2 targets')
  .max(2, 'expected 1 or 2 targets')
  .superRefine((targets, context) => {
    const first = targets[0];
    if (targets.length === 2 && first && first.fraction === undefined) {
      context.addIssue({ code: 'custom', path: [0, 'fraction'], message: 'TP1 needs the fraction it closes' });
    }
  });

/**
 * How the stop follows the trade once TP1 has filled. `break_even`: to the entry price.
 * `atr_chandelier`: `atr_k × atr` behind the best price since TP1 (a chandelier exit), in price
 * units, moving only in the trade's favour.
 */
export const TrailingSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('break_even') }),
  z.strictObject({
    mode: z.literal('atr_chandelier'),
    atr: DecimalFieldSchema.refine((text) => new Decimal(text).gt(0), 'expected an ATR above zero'),
    atr_k: z.number().positive().max(100),
  }),
]);
export type TrailingField = z.infer<typeof TrailingSchema>;

/** A week: no intraday trade-management rule needs longer, and it bounds the worker's timers. */
const MAX_TIME_STOP_SECONDS = 7 * 86_400;

export const TimeStopSecondsSchema = z.number().int().positive().max(MAX_TIME_STOP_SECONDS);

/**
 * Maker first, taker near the zone's end: when nothing has filled and the entry's life (its
 * timeout) ends within `seconds_before_end`, the price is inside the zone (when
 * `only_within_zone`, the default) and the spread is at most `max_spread_bps`, the maker entry is
 * canceled and replaced by a limit IOC at the touch moved by at most `max_slippage_bps`: a
 * bounded taker order, never an unbounded market one.
 */
export const FallbackEndOfZoneSchema = z.strictObject({
  seconds_before_end: z.number().int().positive().max(86_400),
  max_spread_bps: z.number().nonnegative().max(10_000),
  max_slippage_bps: z.number().positive().max(1_000),
  only_within_zone: z.boolean().optional(),
});
export type FallbackEndOfZoneField = z.infer<typeof FallbackEndOfZoneSchema>;

/** The fields that manage a trade: each needs a stop, since no managed position is left without one. */
export const MANAGEMENT_FIELDS = ['targets', 'trailing', 'time_stop_seconds', 'fallback_end_of_zone'] as const;

interface ManagedFields {
  readonly side: unknown;
  readonly entry_zone_min: unknown;
  readonly entry_zone_max: unknown;
  readonly stop_loss?: unknown;
  readonly take_profit?: unknown;
  readonly targets?: unknown;
  readonly trailing?: unknown;
  readonly time_stop_seconds?: unknown;
  readonly fallback_end_of_zone?: unknown;
}

/**
 * The checks across fields: `targets` replaces `take_profit`; the management fields need
 * `stop_loss`; trailing starts after TP1, so it needs two targets; targets lie beyond the zone on
 * the profit side, TP1 before TP2. Only well-formed values are compared (each field's own check
 * reports the rest).
 */
export function checkManagement(request: ManagedFields, context: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) => context.addIssue({ code: 'custom', path, message });
  if (request.targets !== undefined && request.take_profit !== undefined) {
    issue(['targets'], 'give take_profit (one target) or targets, not both');
  }
  const managed = MANAGEMENT_FIELDS.find((field) => request[field] !== undefined);
  if (managed && request.stop_loss === undefined) {
    issue(['stop_loss'], `${managed} needs stop_loss: a managed position always has a stop`);
  }
  // This may run when a field failed its own check: only well-formed values are read.
  const targets: unknown[] = Array.isArray(request.targets) ? request.targets : [];
  if (request.trailing !== undefined && targets.length < 2) {
    issue(['trailing'], 'trailing starts once TP1 has filled: it needs two targets');
  }
  const long = request.side === 'long';
  const edge = wellFormedDecimal(long ? request.entry_zone_max : request.entry_zone_min);
  let previous = edge === undefined ? undefined : new Decimal(edge);
  targets.forEach((target, index) => {
    const text = wellFormedDecimal(typeof target === 'object' && target !== null && 'price' in target && target.price);
    if (text === undefined || previous === undefined) return;
    const price = new Decimal(text);
    if (long ? price.lte(previous) : price.gte(previous)) {
      const where = index === 0 ? 'beyond the entry zone' : 'beyond TP1';
      issue(['targets', index, 'price'], `target ${index + 1} must lie ${where} for a ${request.side}`);
    }
    previous = price;
  });
}

import type { IndicatorContext } from '../../indicators/IndicatorContext.ts';
import { finite } from '../conditions/defineCondition.ts';
import type { EvaluationEnvironment } from '../conditions/types.ts';
import { isMtfTimeframe, type MtfTimeframe } from '../timeframes.ts';

/**
 * Field names a rule may use (`left:`, `lt_fields:`, `increasing.field`, ...), resolved in the order
 * of docs/reference/original-system.md#field-resolution:
 *   1. a numeric literal;
 *   2. a context field by its snake_case name (`close`, `rsi`, `ema_200`, `macd` = the MACD line, `macd_hist`, ...);
 *   3. `macd_<x>` → the MACD value's member x;
 *   4. an underscore path walk into nested context values (`bollinger_upper`, `stoch_rsi_k`, `pivots_r1`);
 * then three forms the shipped files need and the original could not resolve (decisions in ../README.md):
 *   5. `<field>_plus_<k>atr` / `<field>_minus_<k>atr` → field ± k·ATR (`ma_21_plus_2atr`, `ma_21_plus_1.3atr`);
 *   6. `<field>_<tf>` → that field on another timeframe of the same symbol (`adx_1h`);
 *   7. a caller fact (`leverage`, `entry_price`, ...).
 * `ma_N` is EMA N, as the original MA9/MA21 conditions read EMAs.
 */
type Reader = (context: IndicatorContext) => number | undefined;

const DIRECT: Readonly<Record<string, Reader>> = {
  close: (c) => c.close,
  high: (c) => c.high,
  low: (c) => c.low,
  volume: (c) => c.volume,
  rsi: (c) => c.rsi,
  rsi_prev: (c) => c.rsiPrev,
  atr: (c) => c.atr,
  adx: (c) => c.adx,
  vwap: (c) => c.vwap,
  volume_ratio: (c) => c.volumeRatio,
  ema_200_slope: (c) => c.ema200Slope,
  macd: (c) => c.macd?.macd,
  macd_prev: (c) => c.macdPrev?.macd,
  macd_signal_prev: (c) => c.macdPrev?.signal,
  macd_hist_prev: (c) => c.macdPrev?.hist,
  ...Object.fromEntries(
    ([9, 20, 21, 50, 200] as const).flatMap((period) => [
      [`ema_${period}`, (c: IndicatorContext) => c.ema[period]],
      [`ma_${period}`, (c: IndicatorContext) => c.ema[period]],
      [`ema_prev_${period}`, (c: IndicatorContext) => c.emaPrev[period]],
    ]),
  ),
  sma_9: (c) => c.sma[9],
  sma_21: (c) => c.sma[21],
};

/** Facts the caller may supply; anything else is an unknown field at load time. */
export const FACT_FIELDS = [
  'leverage',
  'entry_price',
  'stop_loss',
  'expected_r_multiple',
  'entry_zone_width_pct',
  'spread_bps',
] as const;

/**
 * Fields with a native history in the context, newest first (`{field}_series`,
 * original-system.md#field-resolution).
 */
const NATIVE_SERIES: Readonly<Record<string, (c: IndicatorContext) => readonly number[]>> = {
  close: (c) => c.closeSeries,
  macd_hist: (c) => (c.macdHistSeries.length > 0 ? c.macdHistSeries : [...c.macdHistLast3].reverse()),
  atr: (c) => c.atrSeries,
};

/** The previous-bar value the context carries for some fields, used when no history is supplied. */
const PREVIOUS: Readonly<Record<string, Reader>> = {
  rsi: (c) => c.rsiPrev,
  macd: (c) => c.macdPrev?.macd,
  macd_signal: (c) => c.macdPrev?.signal,
  ...Object.fromEntries(
    ([9, 20, 21, 50, 200] as const).flatMap((period) => [
      [`ema_${period}`, (c: IndicatorContext) => c.emaPrev[period]],
      [`ma_${period}`, (c: IndicatorContext) => c.emaPrev[period]],
    ]),
  ),
};

const ATR_OFFSET = /^(.+)_(plus|minus)_(\d+(?:\.\d+)?)atr$/;
const OTHER_TIMEFRAME = /^(.+)_(4h|1h|15m|5m|1m)$/;
const NUMERIC = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export type FieldRef =
  | { readonly kind: 'literal'; readonly value: number }
  | { readonly kind: 'context'; readonly name: string; readonly read: Reader }
  | { readonly kind: 'atr_offset'; readonly base: FieldRef; readonly multiple: number }
  | { readonly kind: 'other_timeframe'; readonly timeframe: MtfTimeframe; readonly base: FieldRef }
  | { readonly kind: 'fact'; readonly name: string };

/** Compiles a field name once at load time; undefined when the name means nothing (a load error). */
export function compileField(field: string | number): FieldRef | undefined {
  if (typeof field === 'number') return Number.isFinite(field) ? { kind: 'literal', value: field } : undefined;
  if (NUMERIC.test(field)) return { kind: 'literal', value: Number(field) };
  const direct = DIRECT[field] ?? walkPath(field);
  if (direct) return { kind: 'context', name: field, read: direct };
  const offset = ATR_OFFSET.exec(field);
  if (offset) {
    const base = compileField(offset[1] as string);
    const multiple = Number(offset[3]) * (offset[2] === 'minus' ? -1 : 1);
    return base && base.kind === 'context' ? { kind: 'atr_offset', base, multiple } : undefined;
  }
  const other = OTHER_TIMEFRAME.exec(field);
  if (other && isMtfTimeframe(other[2])) {
    const base = compileField(other[1] as string);
    return base && base.kind !== 'other_timeframe' && base.kind !== 'fact'
      ? { kind: 'other_timeframe', timeframe: other[2], base }
      : undefined;
  }
  return (FACT_FIELDS as readonly string[]).includes(field) ? { kind: 'fact', name: field } : undefined;
}

/**
 * `macd_hist` → context.macd.hist, `bollinger_upper`, `stoch_rsi_k`, `pivots_r1`: steps 3 and 4 of
 * original-system.md#field-resolution.
 */
function walkPath(field: string): Reader | undefined {
  const nested: Readonly<Record<string, readonly string[]>> = {
    macd: ['macd', 'signal', 'hist'],
    bollinger: ['upper', 'middle', 'lower'],
    stoch_rsi: ['k', 'd'],
    pivots: ['pp', 'r1', 'r2', 'r3', 's1', 's2', 's3'],
  };
  const property = { macd: 'macd', bollinger: 'bollinger', stoch_rsi: 'stochRsi', pivots: 'pivots' } as const;
  for (const [prefix, members] of Object.entries(nested)) {
    const member = field.startsWith(`${prefix}_`) ? field.slice(prefix.length + 1) : undefined;
    if (member && members.includes(member)) {
      const key = property[prefix as keyof typeof property];
      return (c) => {
        const value = c[key] as Readonly<Record<string, number>> | undefined;
        return value?.[member];
      };
    }
  }
  return undefined;
}

/** Value of a compiled field for a context, or undefined (missing data). */
export function readField(
  ref: FieldRef,
  context: IndicatorContext,
  environment: EvaluationEnvironment,
): number | undefined {
  switch (ref.kind) {
    case 'literal':
      return ref.value;
    case 'context':
      return finite(ref.read(context));
    case 'atr_offset': {
      const base = readField(ref.base, context, environment);
      const atr = finite(context.atr);
      return base === undefined || atr === undefined ? undefined : base + ref.multiple * atr;
    }
    case 'other_timeframe': {
      const peer = ref.timeframe === context.timeframe ? context : environment.peers?.[ref.timeframe];
      return peer ? readField(ref.base, peer, environment) : undefined;
    }
    case 'fact': {
      const value = environment.facts?.[ref.name];
      return typeof value === 'number' ? finite(value) : undefined;
    }
  }
}

/**
 * A field's history, newest first: the context's native series when it has one, else the field read on the
 * current context and on each supplied earlier context (`environment.history`), else current + previous bar.
 * Stops at the first missing value so a gap never shifts the series.
 */
export function readSeries(
  field: string,
  ref: FieldRef,
  context: IndicatorContext,
  environment: EvaluationEnvironment,
): number[] {
  const native = NATIVE_SERIES[field];
  if (native) return [...native(context)];
  const history = environment.history ?? [];
  const previous = PREVIOUS[field];
  const values =
    history.length > 0
      ? [context, ...history].map((c) => readField(ref, c, environment))
      : [readField(ref, context, environment), previous ? finite(previous(context)) : undefined];
  const gap = values.indexOf(undefined);
  return (gap < 0 ? values : values.slice(0, gap)) as number[];
}

import { findCondition } from '../conditions/registry.ts';
import type { ErrorSite } from '../config/MtfConfigError.ts';
import { isMtfTimeframe, type MtfTimeframe } from '../timeframes.ts';
import { compileField, type FieldRef } from './fields.ts';
import { conditionParams } from './overrides.ts';
import type { RuleCompiler } from './RuleCompiler.ts';
import type { ComparisonOperator, RuleNode } from './RuleNode.ts';

/**
 * The body forms of a `rules:` entry (docs/reference/original-system.md#rule-specs plus the forms the shipped files
 * use; meanings in ../README.md). Checked in this order; a map matching none is a load error naming
 * its first unexplained key.
 */
type Body = Readonly<Record<string, unknown>>;
const OPERATORS: readonly ComparisonOperator[] = ['>', '>=', '<', '<='];

export function compileBodyForm(name: string, raw: unknown, site: ErrorSite, compiler: RuleCompiler): RuleNode {
  let validityBars = 1;
  let body: RuleNode;
  if (typeof raw === 'string') body = compiler.reference(raw, true, site, raw, name);
  else if (Array.isArray(raw)) body = compiler.list(raw, site, 'all_of', name);
  else if (raw !== null && typeof raw === 'object') {
    const { validity_bars: bars, ...rest } = raw as Body;
    if (bars !== undefined) validityBars = integer(bars, site, 'validity_bars', 1);
    body = mapForm(name, rest, site, compiler);
  } else {
    body = site.fail(name, `a rule must be a name, a list or a map, got ${JSON.stringify(raw)}`);
  }
  return { kind: 'rule', label: name, body, validityBars };
}

function mapForm(name: string, body: Body, site: ErrorSite, compiler: RuleCompiler): RuleNode {
  const keys = Object.keys(body);
  const has = (key: string) => keys.includes(key);
  const only = (...allowed: string[]) => {
    const extra = keys.find((key) => !allowed.includes(key));
    if (extra !== undefined) site.fail(extra, `"${extra}" is not allowed beside ${allowed[0]}`);
  };
  if (has('any_of') || has('all_of')) {
    const kind = has('any_of') ? 'any_of' : 'all_of';
    only(kind);
    return compiler.composite(kind, body[kind], site.at(kind), name);
  }
  if (has('increasing') || has('decreasing')) {
    const direction = has('increasing') ? 'increasing' : 'decreasing';
    only(direction);
    return trend(name, direction, body[direction], site.at(direction));
  }
  if (has('lt_fields') || has('gt_fields')) {
    const kind = has('lt_fields') ? 'lt_fields' : 'gt_fields';
    only(kind, 'allow_touch');
    return fields(name, kind, body, site);
  }
  if (has('slope_left')) {
    only('slope_left', 'slope_lookback', 'op', 'right', 'eps');
    return slope(name, body, site);
  }
  if (has('op')) {
    only('op', 'left', 'right', 'eps', 'period');
    return operation(name, body, site);
  }
  if (has('min') && has('max') && has('field')) {
    only('field', 'min', 'max');
    const [field, ref] = fieldRef(body.field, site, 'field');
    return {
      kind: 'range',
      label: name,
      field,
      ref,
      min: number(body.min, site, 'min'),
      max: number(body.max, site, 'max'),
    };
  }
  if (has('min') && has('max')) {
    only('min', 'max', 'use_atr_tf', 'adapt_with_vol_bucket');
    return atrBand(name, body, site);
  }
  if (keys.length === 1 && (has('lt') || has('gt')))
    return comparisonShorthand(name, keys[0] as 'lt' | 'gt', body, site);
  if (keys.length === 1 && (compiler.knowsRule(keys[0] as string) || findCondition(keys[0] as string))) {
    const key = keys[0] as string;
    return compiler.reference(key, body[key], site, key, name);
  }
  return parameterMap(name, body, site);
}

/** `{lt: N}` / `{gt: N}` under a condition's name: that condition with threshold N (`rsi_lt_70: {lt: 72}`). */
function comparisonShorthand(name: string, key: 'lt' | 'gt', body: Body, site: ErrorSite): RuleNode {
  const condition = findCondition(name);
  if (!condition?.thresholdParam || condition.comparison !== key) {
    return site.fail(
      key,
      `"{${key}: N}" needs a rule named after a condition comparing with "${key === 'lt' ? '<' : '>'}"`,
    );
  }
  const threshold = number(body[key], site, key);
  return { kind: 'condition', label: name, condition, params: { [condition.thresholdParam]: threshold } };
}

/** A map of the parameters of the condition the rule is named after (`macd_line_cross_up_with_hysteresis: {min_gap, ...}`). */
function parameterMap(name: string, body: Body, site: ErrorSite): RuleNode {
  const condition = findCondition(name);
  const first = Object.keys(body)[0] ?? name;
  if (!condition)
    return site.fail(first, `unsupported rule form for "${name}" (no condition of that name takes parameters)`);
  const accepted = new Set<string>();
  const params = conditionParams(condition, body, site, accepted);
  const unknown = Object.keys(body).find((key) => !accepted.has(key));
  if (unknown !== undefined) return site.fail(unknown, `condition "${name}" has no parameter "${unknown}"`);
  return { kind: 'condition', label: name, condition, params };
}

function trend(name: string, direction: 'increasing' | 'decreasing', raw: unknown, site: ErrorSite): RuleNode {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    return site.fail(direction, 'expected {field, n, strict, eps}');
  const spec = raw as Body;
  const extra = Object.keys(spec).find((key) => !['field', 'n', 'strict', 'eps'].includes(key));
  if (extra !== undefined) site.fail(extra, `"${extra}" is not a ${direction} parameter`);
  if (spec.field === undefined) site.fail('field', `${direction} needs a field`);
  const [field, ref] = fieldRef(spec.field, site, 'field');
  const strict = spec.strict ?? true;
  if (typeof strict !== 'boolean') site.fail('strict', 'expected true or false');
  const n = spec.n === undefined ? 1 : integer(spec.n, site, 'n', 1);
  const eps = spec.eps === undefined ? 1e-8 : number(spec.eps, site, 'eps');
  return { kind: 'trend', label: name, direction, field, ref, n, strict: strict as boolean, eps };
}

function fields(name: string, kind: 'lt_fields' | 'gt_fields', body: Body, site: ErrorSite): RuleNode {
  const pair = body[kind];
  if (!Array.isArray(pair) || pair.length !== 2) return site.fail(kind, 'expected two fields [left, right]');
  const touch = body.allow_touch ?? false;
  if (typeof touch !== 'boolean') site.fail('allow_touch', 'expected true or false');
  const lt = kind === 'lt_fields';
  const operator: ComparisonOperator = touch ? (lt ? '<=' : '>=') : lt ? '<' : '>';
  const left = fieldRef(pair[0], site.at(kind), 0);
  const right = fieldRef(pair[1], site.at(kind), 1);
  return { kind: 'fields', label: name, operator, left, right, eps: 0 };
}

function operation(name: string, body: Body, site: ErrorSite): RuleNode {
  const operator = comparisonOperator(body.op, site);
  // `period` documents the indicator period; the context carries only the 14-period ADX/RSI/ATR.
  if (body.period !== undefined && body.period !== 14)
    site.fail('period', 'only period 14 is computed (ADX, RSI and ATR are 14-period)');
  const left = fieldRef(body.left, site, 'left');
  const right = fieldRef(body.right, site, 'right');
  const eps = body.eps === undefined ? 1e-8 : number(body.eps, site, 'eps');
  return { kind: 'fields', label: name, operator, left, right, eps };
}

function slope(name: string, body: Body, site: ErrorSite): RuleNode {
  const [field, ref] = fieldRef(body.slope_left, site, 'slope_left');
  const lookback = body.slope_lookback === undefined ? 1 : integer(body.slope_lookback, site, 'slope_lookback', 1);
  const operator = comparisonOperator(body.op ?? '>', site);
  const right = body.right === undefined ? 0 : number(body.right, site, 'right');
  const eps = body.eps === undefined ? 1e-8 : number(body.eps, site, 'eps');
  return { kind: 'slope', label: name, field, ref, lookback, operator, right, eps };
}

function atrBand(name: string, body: Body, site: ErrorSite): RuleNode {
  const min = number(body.min, site, 'min');
  const max = number(body.max, site, 'max');
  if (!(min < max)) site.fail('min', `min (${min}) must be below max (${max})`);
  let timeframes: MtfTimeframe[] | undefined;
  if (body.use_atr_tf !== undefined) {
    const list = Array.isArray(body.use_atr_tf) ? body.use_atr_tf : [body.use_atr_tf];
    timeframes = list.map((tf, index) =>
      isMtfTimeframe(tf) ? tf : site.at('use_atr_tf').fail(index, `unknown timeframe ${JSON.stringify(tf)}`),
    );
  }
  const adapt = body.adapt_with_vol_bucket ?? false;
  if (typeof adapt !== 'boolean') site.fail('adapt_with_vol_bucket', 'expected true or false');
  return { kind: 'atr_band', label: name, timeframes, min, max, adaptWithVolatility: adapt as boolean };
}

function fieldRef(raw: unknown, site: ErrorSite, key: string | number): [string, FieldRef] {
  if (typeof raw !== 'string' && typeof raw !== 'number')
    return site.fail(key, `expected a field name or a number, got ${JSON.stringify(raw)}`);
  const ref = compileField(raw);
  return ref ? [String(raw), ref] : site.fail(key, `unknown field "${raw}"`);
}

function comparisonOperator(raw: unknown, site: ErrorSite): ComparisonOperator {
  return OPERATORS.includes(raw as ComparisonOperator)
    ? (raw as ComparisonOperator)
    : site.fail('op', `unknown operator ${JSON.stringify(raw)} (expected > >= < <=)`);
}

function number(raw: unknown, site: ErrorSite, key: string): number {
  const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  return typeof value === 'number' && Number.isFinite(value)
    ? value
    : site.fail(key, `expected a number, got ${JSON.stringify(raw)}`);
}

function integer(raw: unknown, site: ErrorSite, key: string, min: number): number {
  const value = number(raw, site, key);
  return Number.isInteger(value) && value >= min
    ? value
    : site.fail(key, `expected an integer ≥ ${min}, got ${JSON.stringify(raw)}`);
}

import type { IndicatorContext } from '../../indicators/IndicatorContext.ts';
import type {
  BooleanParamSpec,
  ConditionDefinition,
  ConditionOutcome,
  EvaluationEnvironment,
  NumberParamSpec,
  ParamSpec,
  Params,
  ParamValue,
} from './types.ts';

type Resolved<P extends Record<string, ParamSpec>> = { readonly [K in keyof P]: P[K]['default'] };

interface ConditionSpec<P extends Record<string, ParamSpec>> {
  readonly name: string;
  readonly description: string;
  readonly params?: P;
  readonly thresholdParam?: keyof P & string;
  readonly comparison?: 'lt' | 'gt';
  run(context: IndicatorContext, params: Resolved<P>, environment: EvaluationEnvironment): ConditionOutcome;
}

/**
 * Builds a registry entry. Parameters resolve, most specific first: the params given to `evaluate` (already
 * merged rule body ← reference override by the compiler), then the file's `defaults:` (by canonical name or
 * alias), then the condition's own default.
 */
export function defineCondition<P extends Record<string, ParamSpec>>(spec: ConditionSpec<P>): ConditionDefinition {
  const paramSpecs = (spec.params ?? {}) as P;
  const definition: ConditionDefinition = {
    name: spec.name,
    description: spec.description,
    params: paramSpecs,
    ...(spec.thresholdParam ? { thresholdParam: spec.thresholdParam } : {}),
    ...(spec.comparison ? { comparison: spec.comparison } : {}),
    evaluate(context, params = {}, environment = {}) {
      const resolved = resolveParams(paramSpecs, params, environment.defaults ?? {});
      return spec.run(context, resolved as Resolved<P>, environment);
    },
  };
  return definition;
}

function resolveParams(specs: Record<string, ParamSpec>, given: Params, defaults: Params): Record<string, ParamValue> {
  const resolved: Record<string, ParamValue> = {};
  for (const [name, paramSpec] of Object.entries(specs)) {
    const keys = [name, ...(paramSpec.aliases ?? [])];
    resolved[name] = pick(keys, given) ?? pick(keys, defaults) ?? paramSpec.default;
  }
  return resolved;
}

function pick(keys: readonly string[], source: Params): ParamValue | undefined {
  for (const key of keys) {
    const value = source[key];
    if (value !== undefined) return value;
  }
  return undefined;
}

/** Maps a key to its canonical parameter name, or undefined when the condition does not accept it. */
export function canonicalParam(definition: ConditionDefinition, key: string): string | undefined {
  for (const [name, paramSpec] of Object.entries(definition.params)) {
    if (name === key || paramSpec.aliases?.includes(key)) return name;
  }
  return undefined;
}

/** A finite number, else undefined: NaN and ±Infinity count as missing, never as values. */
export function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function missing(fields: readonly string[], meta: Record<string, unknown> = {}): ConditionOutcome {
  return { passed: false, value: null, threshold: null, meta: { ...meta, missing_data: true, missing: fields } };
}

export function outcome(
  passed: boolean,
  value: number | null,
  threshold: number | null,
  meta: Record<string, unknown> = {},
): ConditionOutcome {
  return { passed, value, threshold, meta };
}

export const num = (value: number, aliases: readonly string[] = []): NumberParamSpec => ({
  type: 'number',
  default: value,
  aliases,
});
export const int = (value: number, aliases: readonly string[] = []): NumberParamSpec => ({
  type: 'integer',
  default: value,
  aliases,
});
export const flag = (value: boolean, aliases: readonly string[] = []): BooleanParamSpec => ({
  type: 'boolean',
  default: value,
  aliases,
});

/** `a/b − 1`, the relative gap every EMA/close condition reports; undefined when b is ~0. */
export function relative(a: number, b: number): number | undefined {
  return Math.abs(b) < 1e-12 ? undefined : a / b - 1;
}

import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { z } from 'zod';
import type { Params } from '../conditions/types.ts';
import { RuleCompiler } from '../rules/RuleCompiler.ts';
import type { RuleNode } from '../rules/RuleNode.ts';
import { TIMEFRAMES, type Timeframe } from '../timeframes.ts';
import type { MtfConfig, TimeframeRules } from './MtfConfig.ts';
import { ErrorSite, joinPath, MtfConfigError } from './MtfConfigError.ts';
import { AtrPctThresholdsSchema, type MtfFile, MtfFileSchema } from './schema.ts';
import { compileSelector } from './selectorChecks.ts';
import { resolveTimeframes } from './timeframeLayout.ts';

/** Reads, parses and compiles one validation file. Throws MtfConfigError (file, YAML path, key) on any defect. */
export function loadMtfConfig(path: string): MtfConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new MtfConfigError(
      path,
      '',
      '(file)',
      `cannot read: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return parseMtfConfig(text, path);
}

export function parseMtfConfig(text: string, file: string): MtfConfig {
  let document: unknown;
  try {
    document = parse(text, { uniqueKeys: true, prettyErrors: true });
  } catch (error) {
    throw new MtfConfigError(
      file,
      '',
      '(yaml)',
      `invalid YAML: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const parsed = MtfFileSchema.safeParse(document);
  if (!parsed.success) throw fromZod(file, parsed.error);
  return Object.freeze(build(parsed.data, file));
}

function build(data: MtfFile, file: string): MtfConfig {
  const root = new ErrorSite(file);
  const mtf = data.mtf_validation;
  const validationSite = mtf.validation ? root.at('mtf_validation', 'validation') : root.at('validation');
  const validationRaw =
    mtf.validation ?? data.validation ?? root.at('mtf_validation').fail('validation', 'missing the validation section');
  if (mtf.validation && data.validation)
    root.fail('validation', 'validation is given both at the root and under mtf_validation');

  const compiler = new RuleCompiler(mtf.rules ?? {}, root.at('mtf_validation', 'rules'));
  const rules = compiler.compileAll();
  const validation: Partial<Record<Timeframe, TimeframeRules>> = {};
  for (const timeframe of TIMEFRAMES) {
    const entry = validationRaw.timeframe[timeframe];
    if (entry === undefined) continue;
    const site = validationSite.at('timeframe', timeframe);
    validation[timeframe] = {
      long: entry?.long == null ? undefined : compiler.list(entry.long, site.at('long'), 'long'),
      short: entry?.short == null ? undefined : compiler.list(entry.short, site.at('short'), 'short'),
    };
  }
  const layout = resolveTimeframes(mtf, validationRaw.start_from_timeframe, validation, root, validationSite);
  const filters = mtf.filters_mandatory ?? [];
  const filtersMandatory: RuleNode | undefined =
    filters.length > 0
      ? compiler.list(filters, root.at('mtf_validation', 'filters_mandatory'), 'filters_mandatory')
      : undefined;
  const executionSelector = mtf.execution_selector
    ? compileSelector(mtf.execution_selector, root.at('mtf_validation', 'execution_selector'))
    : undefined;
  const defaults = mtf.defaults ?? {};
  return {
    file,
    version: data.version === undefined ? undefined : String(data.version),
    defaults,
    conditionDefaults: conditionDefaults(defaults, root.at('mtf_validation', 'defaults')),
    rules,
    validation,
    filtersMandatory,
    executionSelector,
    ...layout,
  };
}

/**
 * Scalar defaults are offered to every condition (a condition reads only the keys it declares, e.g. `atr_k`);
 * `atr_pct_thresholds.<tf>` becomes that timeframe's `min_atr_pct`/`max_atr_pct` (§3.7).
 */
function conditionDefaults(
  defaults: Readonly<Record<string, unknown>>,
  site: ErrorSite,
): Partial<Record<Timeframe, Params>> {
  const scalars: Record<string, number | boolean> = {};
  for (const [key, value] of Object.entries(defaults)) {
    if (typeof value === 'number' || typeof value === 'boolean') scalars[key] = value;
  }
  const bands = AtrPctThresholdsSchema.safeParse(defaults.atr_pct_thresholds ?? {});
  if (!bands.success) throw fromZod(site.file, bands.error, [...site.path, 'atr_pct_thresholds']);
  return Object.fromEntries(
    TIMEFRAMES.map((timeframe) => {
      const band = bands.data[timeframe];
      return [timeframe, band ? { ...scalars, min_atr_pct: band.min, max_atr_pct: band.max } : scalars];
    }),
  );
}

function fromZod(file: string, error: z.ZodError, prefix: readonly (string | number)[] = []): MtfConfigError {
  const issue = error.issues[0];
  if (!issue) return new MtfConfigError(file, joinPath(prefix), '(unknown)', 'invalid configuration');
  const path = [...prefix, ...issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment))];
  if (issue.code === 'unrecognized_keys') {
    return new MtfConfigError(
      file,
      joinPath(path),
      issue.keys[0] ?? '(unknown)',
      `unknown key(s): ${issue.keys.join(', ')}`,
    );
  }
  const key = path.length > 0 ? String(path[path.length - 1]) : '(root)';
  return new MtfConfigError(file, joinPath(path.slice(0, -1)), key, issue.message);
}

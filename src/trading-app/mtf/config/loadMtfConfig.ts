import type { Params } from '../conditions/types.ts';
import { RuleCompiler } from '../rules/RuleCompiler.ts';
import type { RuleNode } from '../rules/RuleNode.ts';
import { MTF_TIMEFRAMES, type MtfTimeframe } from '../timeframes.ts';
import type { MtfConfig, TimeframeRules } from './MtfConfig.ts';
import { ErrorSite, MtfConfigError } from './MtfConfigError.ts';
import { AtrPctThresholdsSchema, type MtfFile, MtfFileSchema } from './schema.ts';
import { compileSelector } from './selectorChecks.ts';
import { resolveTimeframes } from './timeframeLayout.ts';

/** Reads, parses and compiles one validation file. Throws MtfConfigError (file, YAML path, key) on any defect. */
export function loadMtfConfig(path: string): MtfConfig {
  return fromDocument(new ErrorSite(path, [], MtfConfigError).readYaml(), path);
}

export function parseMtfConfig(text: string, file: string): MtfConfig {
  return fromDocument(new ErrorSite(file, [], MtfConfigError).parseYaml(text), file);
}

function fromDocument(document: unknown, file: string): MtfConfig {
  const parsed = MtfFileSchema.safeParse(document);
  if (!parsed.success) throw new ErrorSite(file, [], MtfConfigError).fromZod(parsed.error);
  return Object.freeze(build(parsed.data, file));
}

function build(data: MtfFile, file: string): MtfConfig {
  const root = new ErrorSite(file, [], MtfConfigError);
  const mtf = data.mtf_validation;
  const validationSite = mtf.validation ? root.at('mtf_validation', 'validation') : root.at('validation');
  const validationRaw =
    mtf.validation ?? data.validation ?? root.at('mtf_validation').fail('validation', 'missing the validation section');
  if (mtf.validation && data.validation)
    root.fail('validation', 'validation is given both at the root and under mtf_validation');

  const compiler = new RuleCompiler(mtf.rules ?? {}, root.at('mtf_validation', 'rules'));
  const rules = compiler.compileAll();
  const validation: Partial<Record<MtfTimeframe, TimeframeRules>> = {};
  for (const timeframe of MTF_TIMEFRAMES) {
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
 * `atr_pct_thresholds.<tf>` becomes that timeframe's `min_atr_pct`/`max_atr_pct`
 * (docs/reference/original-system.md#atr-bands).
 */
function conditionDefaults(
  defaults: Readonly<Record<string, unknown>>,
  site: ErrorSite,
): Partial<Record<MtfTimeframe, Params>> {
  const scalars: Record<string, number | boolean> = {};
  for (const [key, value] of Object.entries(defaults)) {
    if (typeof value === 'number' || typeof value === 'boolean') scalars[key] = value;
  }
  const bands = AtrPctThresholdsSchema.safeParse(defaults.atr_pct_thresholds ?? {});
  if (!bands.success) throw site.at('atr_pct_thresholds').fromZod(bands.error);
  return Object.fromEntries(
    MTF_TIMEFRAMES.map((timeframe) => {
      const band = bands.data[timeframe];
      return [timeframe, band ? { ...scalars, min_atr_pct: band.min, max_atr_pct: band.max } : scalars];
    }),
  );
}

import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

const unit = z.enum(['ms', 's']);

/**
 * `config/mtf_contracts.yaml` (docs/reference/original-system.md#universe), parsed strictly: an unknown key is a typo,
 * not an option. The original's code fallbacks apply to absent keys (min 500 000, mid max 2 000 000,
 * require_not_expired true, units s); the shipped file sets every one of them.
 */
const FiltersSchema = z.strictObject({
  quote_currency: z.string().default('USDT'),
  status: z.string().default('Trading'),
  min_turnover: z.number().nonnegative().default(500_000),
  mid_max_turnover: z.number().nonnegative().default(2_000_000),
  require_not_expired: z.boolean().default(true),
  /** Despite its name, a MINIMUM listing age: the file's comment says it excludes contracts listed less than ~36 days ago. */
  max_age_hours: z.number().nonnegative().optional(),
  expire_unit: unit.default('s'),
  open_unit: unit.default('s'),
});

const MtfContractsFileSchema = z.strictObject({
  version: z.union([z.string(), z.number()]).optional(),
  mtf_contracts: z.strictObject({
    selection: z.strictObject({
      enabled: z.boolean().default(true),
      filters: FiltersSchema.prefault({}),
      limits: z.strictObject({ top_n: z.number().int().nonnegative(), mid_n: z.number().int().nonnegative() }),
      order: z
        .strictObject({ top: z.enum(['ASC', 'DESC']).default('DESC'), mid: z.enum(['ASC', 'DESC']).default('ASC') })
        .prefault({}),
      refresh_interval_minutes: z.number().int().positive().default(60),
    }),
  }),
});

export interface MtfContractsConfig {
  readonly quoteCurrency: string;
  readonly status: string;
  readonly minTurnover: number;
  readonly midMaxTurnover: number;
  readonly requireNotExpired: boolean;
  /** Contracts listed less than this long ago are left out; undefined: no age filter. */
  readonly minAgeMs: number | undefined;
  readonly topN: number;
  readonly midN: number;
  readonly topOrder: 'ASC' | 'DESC';
  readonly midOrder: 'ASC' | 'DESC';
}

export class MtfContractsConfigError extends Error {
  override readonly name = 'MtfContractsConfigError';
}

export function loadMtfContractsConfig(path: string): MtfContractsConfig {
  let document: unknown;
  try {
    document = parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new MtfContractsConfigError(`${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = MtfContractsFileSchema.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MtfContractsConfigError(`${path}: ${issue?.path.join('.') ?? '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  const { filters, limits, order } = parsed.data.mtf_contracts.selection;
  // The units describe how the original stored timestamps; our contracts table holds real times, so they only
  // matter for reading the YAML, not for the comparison.
  return Object.freeze({
    quoteCurrency: filters.quote_currency,
    status: filters.status,
    minTurnover: filters.min_turnover,
    midMaxTurnover: filters.mid_max_turnover,
    requireNotExpired: filters.require_not_expired,
    minAgeMs: filters.max_age_hours === undefined ? undefined : filters.max_age_hours * 3_600_000,
    topN: limits.top_n,
    midN: limits.mid_n,
    topOrder: order.top,
    midOrder: order.mid,
  });
}

import { z } from 'zod';
import { MTF_TIMEFRAMES } from '../timeframes.ts';

/**
 * The structural schema of a validation file (docs/reference/original-system.md#yaml-schema, profile keys
 * #execution-selector). Strict: an unknown key anywhere in the structure is a load error. Side lists, rule bodies and
 * selector checks stay `unknown` here: the rule compiler gives them meaning and reports their errors
 * with the same file/path/key precision.
 */
const TimeframeSchema = z.enum(MTF_TIMEFRAMES);
const ListSchema = z.array(z.unknown()).nullish();

const TimeframeRulesSchema = z.object({ long: ListSchema, short: ListSchema }).strict();

export const ValidationSchema = z
  .object({
    start_from_timeframe: TimeframeSchema.optional(),
    timeframe: z.partialRecord(TimeframeSchema, TimeframeRulesSchema.nullish()),
  })
  .strict();

const CheckListSchema = z.array(z.unknown()).nullish();
const PerTimeframeSelectorSchema = z
  .object({
    stay_on_if: CheckListSchema,
    drop_to_lower_if_any: CheckListSchema,
    forbid_drop_to_lower_if_any: CheckListSchema,
  })
  .strict();

export const ExecutionSelectorSchema = z
  .object({
    per_timeframe: z.partialRecord(TimeframeSchema, PerTimeframeSelectorSchema.nullish()).optional(),
    stay_on_15m_if: CheckListSchema,
    drop_to_5m_if_any: CheckListSchema,
    forbid_drop_to_5m_if_any: CheckListSchema,
    allow_1m_only_for: z
      .union([
        z.array(z.unknown()),
        z.object({ enabled: z.boolean().optional(), conditions: CheckListSchema }).strict(),
      ])
      .optional(),
  })
  .strict();

export const AtrPctThresholdsSchema = z.partialRecord(
  TimeframeSchema,
  z.object({ min: z.number(), max: z.number() }).strict(),
);

const MtfValidationSchema = z
  .object({
    mode: z.enum(['strict', 'pragmatic']).optional(),
    context_timeframes: z.array(TimeframeSchema).min(1).optional(),
    execution_timeframes: z.array(TimeframeSchema).min(1).optional(),
    execution_timeframe_default: TimeframeSchema.optional(),
    allow_skip_lower_tf: z.boolean().optional(),
    defaults: z.record(z.string(), z.unknown()).nullish(),
    rules: z.record(z.string(), z.unknown()).nullish(),
    validation: ValidationSchema.optional(),
    execution_selector: ExecutionSelectorSchema.nullish(),
    filters_mandatory: z.array(z.unknown()).nullish(),
  })
  .strict();

export const MtfFileSchema = z
  .object({
    version: z.union([z.string(), z.number()]).optional(),
    mtf_validation: MtfValidationSchema,
    /** `validation` may also sit at the root (original-system.md#yaml-schema). */
    validation: ValidationSchema.optional(),
  })
  .strict();

export type MtfFile = z.infer<typeof MtfFileSchema>;
export type ExecutionSelectorFile = z.infer<typeof ExecutionSelectorSchema>;

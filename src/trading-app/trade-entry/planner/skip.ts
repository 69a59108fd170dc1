import type { PlanOutcome, SkipReason } from './TradePlan.ts';

export type Skipped = Extract<PlanOutcome, { status: 'skipped' }>;

export function skip(reason: SkipReason, detail: string): Skipped {
  return { status: 'skipped', reason, detail };
}

export function isSkipped<T extends object>(value: T | Skipped): value is Skipped {
  return 'status' in value && value.status === 'skipped';
}

import { MACD_CONDITIONS } from './macdConditions.ts';
import { PRICE_CONDITIONS } from './priceConditions.ts';
import { RSI_CONDITIONS, RSI_EXTRA_CONDITIONS } from './rsiConditions.ts';
import { TREND_CONDITIONS } from './trendConditions.ts';
import type { ConditionDefinition } from './types.ts';
import { VOLATILITY_CONDITIONS, VOLATILITY_EXTRA_CONDITIONS } from './volatilityConditions.ts';

/** The 55 conditions of the original catalogue (docs/reference/original-system.md#conditions). */
export const CATALOGUE_CONDITIONS: readonly ConditionDefinition[] = [
  ...TREND_CONDITIONS,
  ...PRICE_CONDITIONS,
  ...MACD_CONDITIONS,
  ...RSI_CONDITIONS,
  ...VOLATILITY_CONDITIONS,
];

/** Names the shipped profile files use that no source defines; their meaning is a decision (../README.md). */
export const EXTRA_CONDITIONS: readonly ConditionDefinition[] = [
  ...RSI_EXTRA_CONDITIONS,
  ...VOLATILITY_EXTRA_CONDITIONS,
];

/** Every condition by YAML name. Frozen: the registry is data, never mutated at run time. */
export const CONDITIONS: Readonly<Record<string, ConditionDefinition>> = Object.freeze(
  Object.fromEntries([...CATALOGUE_CONDITIONS, ...EXTRA_CONDITIONS].map((definition) => [definition.name, definition])),
);

export function findCondition(name: string): ConditionDefinition | undefined {
  return Object.hasOwn(CONDITIONS, name) ? CONDITIONS[name] : undefined;
}

import type { ConditionDefinition, Params } from '../conditions/types.ts';
import type { MtfTimeframe } from '../timeframes.ts';
import type { FieldRef } from './fields.ts';

/**
 * The compiled rule tree: what a YAML side list or rule body means, decided once at load time. Every node has a
 * `label` (the name shown in explanations: the rule or condition name, or the composite's form).
 */
export type ComparisonOperator = '>' | '>=' | '<' | '<=';

export type RuleNode =
  | {
      readonly kind: 'condition';
      readonly label: string;
      readonly condition: ConditionDefinition;
      readonly params: Params;
    }
  | { readonly kind: 'all_of' | 'any_of'; readonly label: string; readonly items: readonly RuleNode[] }
  /** A named YAML rule; `validityBars` > 1 lets a pass on one of the last N bars count (needs history). */
  | { readonly kind: 'rule'; readonly label: string; readonly body: RuleNode; readonly validityBars: number }
  /** `- name: false`: the reference must NOT pass (missing data still fails). */
  | { readonly kind: 'not'; readonly label: string; readonly item: RuleNode }
  | {
      readonly kind: 'trend';
      readonly label: string;
      readonly direction: 'increasing' | 'decreasing';
      readonly field: string;
      readonly ref: FieldRef;
      readonly n: number;
      readonly strict: boolean;
      readonly eps: number;
    }
  | {
      readonly kind: 'fields';
      readonly label: string;
      readonly operator: ComparisonOperator;
      readonly left: readonly [string, FieldRef];
      readonly right: readonly [string, FieldRef];
      readonly eps: number;
    }
  | {
      readonly kind: 'slope';
      readonly label: string;
      readonly field: string;
      readonly ref: FieldRef;
      readonly lookback: number;
      readonly operator: ComparisonOperator;
      readonly right: number;
      readonly eps: number;
    }
  | {
      readonly kind: 'range';
      readonly label: string;
      readonly field: string;
      readonly ref: FieldRef;
      readonly min: number;
      readonly max: number;
    }
  | {
      readonly kind: 'atr_band';
      readonly label: string;
      readonly timeframes: readonly MtfTimeframe[] | undefined;
      readonly min: number;
      readonly max: number;
      readonly adaptWithVolatility: boolean;
    };

/** Every condition name a tree uses (for `mtf:config:check`). */
export function conditionsUsed(node: RuleNode, into: Set<string> = new Set()): Set<string> {
  switch (node.kind) {
    case 'condition':
      into.add(node.condition.name);
      break;
    case 'all_of':
    case 'any_of':
      for (const item of node.items) conditionsUsed(item, into);
      break;
    case 'rule':
      conditionsUsed(node.body, into);
      break;
    case 'not':
      conditionsUsed(node.item, into);
      break;
    default:
      break;
  }
  return into;
}

/** Every YAML rule name a tree references. */
export function rulesUsed(node: RuleNode, into: Set<string> = new Set()): Set<string> {
  if (node.kind === 'rule') {
    into.add(node.label);
    rulesUsed(node.body, into);
  } else if (node.kind === 'all_of' || node.kind === 'any_of') {
    for (const item of node.items) rulesUsed(item, into);
  } else if (node.kind === 'not') {
    rulesUsed(node.item, into);
  }
  return into;
}

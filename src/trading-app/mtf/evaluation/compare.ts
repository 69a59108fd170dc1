import type { ComparisonOperator } from '../rules/RuleNode.ts';

/**
 * `left op right` with a tolerance (docs/reference/original-system.md#rule-specs): with d = left − right,
 * `>` is d > eps, `>=` is d ≥ −eps, `<` is d < −eps, `<=` is d ≤ eps. So eps widens the non-strict forms
 * and narrows the strict ones.
 */
export function compare(left: number, operator: ComparisonOperator, right: number, eps: number): boolean {
  const d = left - right;
  switch (operator) {
    case '>':
      return d > eps;
    case '>=':
      return d >= -eps;
    case '<':
      return d < -eps;
    case '<=':
      return d <= eps;
  }
}

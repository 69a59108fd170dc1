import { canonicalParam } from '../conditions/defineCondition.ts';
import type { ConditionDefinition, ParamValue } from '../conditions/types.ts';
import type { ErrorSite } from '../config/MtfConfigError.ts';
import type { RuleNode } from './RuleNode.ts';

/**
 * A reference's override (`- name: <override>`, docs/reference/original-system.md#side-lists), made precise:
 *   true / null → none;  false → the reference must not pass;
 *   a number (or numeric string) → the condition's threshold parameter;
 *   a map → parameters of the condition(s) under the reference, by canonical name or alias (the original's
 *           context keys such as `rsi_lt_70_threshold`). A key no condition below accepts is a load error.
 * Any other string is a load error (the original's `value=<string>` is read by no condition).
 */
export function applyOverride(node: RuleNode, override: unknown, site: ErrorSite, key: string): RuleNode {
  if (override === true || override === null || override === undefined) return node;
  if (override === false) return { kind: 'not', label: node.label, item: node };
  if (
    typeof override === 'number' ||
    (typeof override === 'string' && override.trim() !== '' && Number.isFinite(Number(override)))
  ) {
    return setThreshold(node, Number(override), site, key);
  }
  if (typeof override === 'object' && !Array.isArray(override)) {
    return applyParams(node, override as Record<string, unknown>, site);
  }
  return site.fail(
    key,
    `override ${JSON.stringify(override)} has no meaning (expected true, false, a number or a parameter map)`,
  );
}

function setThreshold(node: RuleNode, value: number, site: ErrorSite, key: string): RuleNode {
  if (node.kind === 'rule') return { ...node, body: setThreshold(node.body, value, site, key) };
  if (node.kind === 'condition' && node.condition.thresholdParam) {
    return { ...node, params: { ...node.params, [node.condition.thresholdParam]: value } };
  }
  return site.fail(key, `a number override needs a condition with a threshold; "${node.label}" has none`);
}

function applyParams(node: RuleNode, map: Record<string, unknown>, site: ErrorSite): RuleNode {
  const accepted = new Set<string>();
  const result = withParams(node, map, site, accepted);
  for (const key of Object.keys(map)) {
    if (!accepted.has(key)) site.fail(key, `no condition under "${node.label}" accepts the parameter "${key}"`);
  }
  return result;
}

function withParams(node: RuleNode, map: Record<string, unknown>, site: ErrorSite, accepted: Set<string>): RuleNode {
  switch (node.kind) {
    case 'condition':
      return { ...node, params: { ...node.params, ...conditionParams(node.condition, map, site, accepted) } };
    case 'rule':
      return { ...node, body: withParams(node.body, map, site, accepted) };
    case 'not':
      return { ...node, item: withParams(node.item, map, site, accepted) };
    case 'all_of':
    case 'any_of':
      return { ...node, items: node.items.map((item) => withParams(item, map, site, accepted)) };
    default:
      return node;
  }
}

/** The subset of `map` this condition accepts, type-checked and keyed by canonical name. */
export function conditionParams(
  condition: ConditionDefinition,
  map: Record<string, unknown>,
  site: ErrorSite,
  accepted?: Set<string>,
): Record<string, ParamValue> {
  const params: Record<string, ParamValue> = {};
  for (const [key, raw] of Object.entries(map)) {
    const name = canonicalParam(condition, key);
    if (name === undefined) continue;
    const spec = condition.params[name];
    if (!spec) continue;
    params[name] = checkParam(raw, spec.type, site.at(key), key);
    accepted?.add(key);
  }
  return params;
}

function checkParam(raw: unknown, type: 'number' | 'integer' | 'boolean', site: ErrorSite, key: string): ParamValue {
  if (type === 'boolean') {
    if (typeof raw === 'boolean') return raw;
    return site.fail(key, `expected true or false, got ${JSON.stringify(raw)}`);
  }
  const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return site.fail(key, `expected a number, got ${JSON.stringify(raw)}`);
  }
  if (type === 'integer' && (!Number.isInteger(value) || value < 0)) {
    return site.fail(key, `expected a non-negative integer, got ${JSON.stringify(raw)}`);
  }
  return value;
}

import { findCondition } from '../conditions/registry.ts';
import type { ErrorSite } from '../config/MtfConfigError.ts';
import { applyOverride } from './overrides.ts';
import type { RuleNode } from './RuleNode.ts';
import { compileBodyForm } from './ruleForms.ts';

const COMPOSITES = ['any_of', 'all_of'] as const;

/**
 * Compiles side lists and `rules:` bodies into rule trees. Name resolution (ours, replacing
 * docs/reference/original-system.md#side-lists):
 *   1. a YAML rule of that name — AUTHORITATIVE: its body and thresholds are what is evaluated
 *      (original-system.md#bug-yaml-shadowed);
 *   2. otherwise the registered condition of that name;
 *   3. otherwise a load-time error naming file, path and key.
 * Inside the body of rule R, the name R itself means the condition R (`near_vwap: {near_vwap: true}`); any
 * other cycle between rules is a load-time error. Rules may reference rules (the profiles need it).
 */
export class RuleCompiler {
  readonly #raw: Readonly<Record<string, unknown>>;
  readonly #rulesSite: ErrorSite;
  readonly #compiled = new Map<string, RuleNode>();
  readonly #compiling: string[] = [];

  constructor(rawRules: Readonly<Record<string, unknown>>, rulesSite: ErrorSite) {
    this.#raw = rawRules;
    this.#rulesSite = rulesSite;
  }

  /** Compiles every rule, so a broken rule fails the load even when no list references it. */
  compileAll(): ReadonlyMap<string, RuleNode> {
    for (const name of Object.keys(this.#raw)) this.rule(name, this.#rulesSite, name);
    return this.#compiled;
  }

  /** A side list (`long:`/`short:`) or a nested list: AND of its elements; an empty list passes. */
  list(raw: unknown, site: ErrorSite, label: string, currentRule?: string): RuleNode {
    if (raw === null || raw === undefined) return { kind: 'all_of', label, items: [] };
    if (!Array.isArray(raw)) return site.fail(label, 'expected a list of conditions or rules');
    return { kind: 'all_of', label, items: raw.map((item, index) => this.element(item, site.at(index), currentRule)) };
  }

  /** One element: `name`, `{name: override}`, `{any_of: [...]}`, `{all_of: [...]}`, or a nested list (= all_of). */
  element(raw: unknown, site: ErrorSite, currentRule?: string): RuleNode {
    if (typeof raw === 'string') return this.reference(raw, true, site, raw, currentRule);
    if (Array.isArray(raw)) return this.list(raw, site, 'all_of', currentRule);
    if (raw === null || typeof raw !== 'object') return site.fail(String(raw), 'expected a name, a map or a list');
    const entries = Object.entries(raw);
    if (entries.length !== 1) {
      return site.fail(entries.map(([key]) => key).join(','), 'a list element must have exactly one key');
    }
    const [key, value] = entries[0] as [string, unknown];
    if ((COMPOSITES as readonly string[]).includes(key))
      return this.composite(key as 'any_of' | 'all_of', value, site.at(key), currentRule);
    return this.reference(key, value, site, key, currentRule);
  }

  composite(kind: 'any_of' | 'all_of', raw: unknown, site: ErrorSite, currentRule?: string): RuleNode {
    if (!Array.isArray(raw)) return site.fail(kind, `${kind} expects a list`);
    return { kind, label: kind, items: raw.map((item, index) => this.element(item, site.at(index), currentRule)) };
  }

  reference(name: string, override: unknown, site: ErrorSite, key: string, currentRule?: string): RuleNode {
    const selfReference = name === currentRule;
    let node: RuleNode;
    if (!selfReference && Object.hasOwn(this.#raw, name)) {
      node = this.rule(name, site, key);
    } else {
      const condition = findCondition(name);
      if (!condition) {
        return site.fail(
          key,
          selfReference
            ? `rule "${name}" refers to itself and no condition has that name`
            : `unknown condition or rule "${name}"`,
        );
      }
      node = { kind: 'condition', label: name, condition, params: {} };
    }
    return applyOverride(node, override, site.at(key), key);
  }

  knowsRule(name: string): boolean {
    return Object.hasOwn(this.#raw, name);
  }

  rule(name: string, site: ErrorSite, key: string): RuleNode {
    const done = this.#compiled.get(name);
    if (done) return done;
    if (this.#compiling.includes(name)) {
      return site.fail(key, `rule cycle: ${[...this.#compiling, name].join(' → ')}`);
    }
    this.#compiling.push(name);
    try {
      const node = compileBodyForm(name, this.#raw[name], this.#rulesSite.at(name), this);
      this.#compiled.set(name, node);
      return node;
    } finally {
      this.#compiling.pop();
    }
  }
}

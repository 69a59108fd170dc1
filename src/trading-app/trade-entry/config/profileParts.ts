import type { ErrorSite } from '../../../platform/config/ConfigFileError.ts';
import type { UnusedKey } from './TradeEntryProfile.ts';

/** The keys a file sets that change nothing, each with the reason, under the layout's root path. */
export class UnusedKeys {
  readonly #root: string;
  readonly #keys: UnusedKey[] = [];

  constructor(root: string) {
    this.#root = root;
  }

  add(path: string, reason: string): void {
    this.#keys.push({ path: this.#root ? `${this.#root}.${path}` : path, reason });
  }

  list(): readonly UnusedKey[] {
    return [...this.#keys];
  }
}

/** `per_symbol_caps`: case-insensitive patterns, as the original matched them; a broken one fails the load. */
export function compileSymbolCaps(
  caps: readonly { symbol_regex: string; cap: number }[],
  site: ErrorSite,
): { pattern: RegExp; cap: number }[] {
  return caps.map((rule, index) => {
    try {
      return { pattern: new RegExp(rule.symbol_regex, 'i'), cap: rule.cap };
    } catch (error) {
      return site
        .at('per_symbol_caps', index)
        .fail('symbol_regex', `not a regular expression: ${(error as Error).message}`);
    }
  });
}

/** A spread limit above 1 was meant as a percentage (the original's rule). */
export function spreadOf(value: number): number {
  return value > 1 ? value / 100 : value;
}

/** A disabled end-of-zone fallback's limits change nothing until it is enabled. */
export function reportDisabledFallback(unused: UnusedKeys, path: string): void {
  for (const key of [
    'ttl_threshold_sec',
    'max_spread_bps',
    'only_if_within_zone',
    'taker_order_type',
    'max_slippage_bps',
  ]) {
    unused.add(`${path}.${key}`, 'the fallback is disabled (enabled: false)');
  }
}

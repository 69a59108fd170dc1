import type { MtfContractsConfig } from './MtfContractsConfig.ts';

/** What the universe reads of a contract row. Times in ms; null when the venue does not say. */
export interface UniverseContract {
  readonly symbol: string;
  readonly quoteCurrency: string;
  readonly status: string;
  readonly turnover24h: number | null;
  readonly openTimestamp: number | null;
  readonly expireTimestamp: number | null;
}

/**
 * The symbol universe (docs/reference/original-system.md#universe `findSymbolsMixedLiquidity`), pure. Base set: status,
 * quote currency, turnover ≥ min, not expired (when required), listed at least `minAgeMs` ago, not
 * switched off. Then TOP = turnover > mid max (top order, top_n) followed by MID = min ≤ turnover ≤
 * mid max (mid order, mid_n). FIXED (original-system.md#bug-age-filter): one age comparison everywhere (`open ≤ now −
 * min age`; the original inverted it in its second query); a contract without an open time is not
 * excluded by age, since the venue lists old contracts without one. Ties break on the symbol so
 * the result never depends on row order.
 */
export function selectUniverse(
  contracts: readonly UniverseContract[],
  config: MtfContractsConfig,
  now: number,
  isSwitchedOff: (symbol: string) => boolean,
): string[] {
  const base = contracts.filter(
    (contract) =>
      contract.status.toLowerCase() === config.status.toLowerCase() &&
      contract.quoteCurrency.toUpperCase() === config.quoteCurrency.toUpperCase() &&
      contract.turnover24h !== null &&
      contract.turnover24h >= config.minTurnover &&
      (!config.requireNotExpired || contract.expireTimestamp === null || contract.expireTimestamp > now) &&
      (config.minAgeMs === undefined ||
        contract.openTimestamp === null ||
        contract.openTimestamp <= now - config.minAgeMs) &&
      !isSwitchedOff(contract.symbol),
  );
  const top = base.filter((contract) => (contract.turnover24h as number) > config.midMaxTurnover);
  const mid = base.filter((contract) => (contract.turnover24h as number) <= config.midMaxTurnover);
  const picked = [
    ...sortByTurnover(top, config.topOrder).slice(0, config.topN),
    ...sortByTurnover(mid, config.midOrder).slice(0, config.midN),
  ];
  return [...new Set(picked.map((contract) => contract.symbol))];
}

function sortByTurnover(contracts: readonly UniverseContract[], order: 'ASC' | 'DESC'): UniverseContract[] {
  const sign = order === 'ASC' ? 1 : -1;
  return [...contracts].sort(
    (a, b) =>
      sign * ((a.turnover24h as number) - (b.turnover24h as number)) ||
      (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0),
  );
}

import type { MarketDataRest } from '../../exchange/port/FuturesExchange.ts';
import type { Clock } from '../../platform/clock/index.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import type { ContractRepository } from './ContractRepository.ts';

export interface ContractSyncResult {
  /** Rows written. */
  readonly upserted: number;
  /** Contracts the venue returned (before the `symbols` filter). */
  readonly totalFetched: number;
  readonly symbolsRequested: readonly string[] | 'all';
  /** One line per requested symbol the venue does not list. */
  readonly errors: readonly string[];
  /** Unix ms of the sync. */
  readonly timestamp: number;
}

/**
 * Copies the venue's contract list into the `contracts` table (docs/reference/original-system.md#universe, the
 * refresh): all of it, or only `symbols`, filtered out of the full list: one request whatever is asked for, and an
 * unknown symbol is reported in `errors` instead of failing the whole sync. A venue failure
 * propagates.
 */
export class ContractSync {
  readonly #exchange: Pick<MarketDataRest, 'contracts'>;
  readonly #contracts: ContractRepository;
  readonly #clock: Clock;
  readonly #logger: Logger | undefined;

  constructor(deps: {
    exchange: Pick<MarketDataRest, 'contracts'>;
    contracts: ContractRepository;
    clock: Clock;
    logger?: Logger | undefined;
  }) {
    this.#exchange = deps.exchange;
    this.#contracts = deps.contracts;
    this.#clock = deps.clock;
    this.#logger = deps.logger;
  }

  async sync(symbols?: readonly string[]): Promise<ContractSyncResult> {
    const wanted =
      symbols && symbols.length > 0 ? [...new Set(symbols.map((symbol) => symbol.toUpperCase()))] : undefined;
    const fetched = await this.#exchange.contracts();
    const kept = wanted ? fetched.filter((contract) => wanted.includes(contract.symbol)) : fetched;
    const found = new Set(kept.map((contract) => contract.symbol));
    const errors = (wanted ?? [])
      .filter((symbol) => !found.has(symbol))
      .map((symbol) => `${symbol}: not listed by the venue`);
    const timestamp = this.#clock.now();
    const upserted = await this.#contracts.upsertMany(kept, timestamp);
    this.#logger?.info({ upserted, fetched: fetched.length, errors: errors.length }, 'contracts synchronised');
    return { upserted, totalFetched: fetched.length, symbolsRequested: wanted ?? 'all', errors, timestamp };
  }
}

import type { Contract, MarketDataRest } from '../../exchange/port/index.ts';
import type { Clock } from '../../platform/clock/index.ts';

/** The contract list changes a few times a week: reading it again every 10 minutes is plenty. */
const REFRESH_AFTER_MS = 10 * 60_000;
/** A symbol listed minutes ago may be missing from the cache: one early re-read a minute at most. */
const MISS_REFRESH_AFTER_MS = 60_000;

/**
 * The venue's tradable symbols, cached, so that `/klines/subscribe` can refuse a symbol that does
 * not exist instead of sending a subscription BitMart will answer with an error.
 */
export class SymbolCatalog {
  readonly #exchange: Pick<MarketDataRest, 'contracts'>;
  readonly #clock: Clock;
  #contracts: ReadonlyMap<string, Contract> = new Map();
  #loadedAt: number | undefined;
  #loading: Promise<void> | undefined;

  constructor(exchange: Pick<MarketDataRest, 'contracts'>, clock: Clock) {
    this.#exchange = exchange;
    this.#clock = clock;
  }

  async has(symbol: string): Promise<boolean> {
    return (await this.contract(symbol)) !== undefined;
  }

  /** The trading contract of `symbol`, or undefined when the venue lists none (or not trading). */
  async contract(symbol: string): Promise<Contract | undefined> {
    if (this.#age() > REFRESH_AFTER_MS) await this.#load();
    const known = this.#contracts.get(symbol);
    if (known || this.#age() <= MISS_REFRESH_AFTER_MS) return known;
    await this.#load();
    return this.#contracts.get(symbol);
  }

  #age(): number {
    return this.#loadedAt === undefined ? Number.POSITIVE_INFINITY : this.#clock.now() - this.#loadedAt;
  }

  #load(): Promise<void> {
    this.#loading ??= this.#exchange
      .contracts()
      .then((contracts) => {
        const trading = contracts.filter((contract) => contract.status === 'trading');
        this.#contracts = new Map(trading.map((contract) => [contract.symbol, contract]));
        this.#loadedAt = this.#clock.now();
      })
      .finally(() => {
        this.#loading = undefined;
      });
    return this.#loading;
  }
}

import { and, inArray, sql } from 'drizzle-orm';
import type { StoreDatabase } from '../../store/openDatabase.ts';
import { contracts } from '../../store/schema.ts';
import type { MtfContractsConfig } from './MtfContractsConfig.ts';
import { selectUniverse, type UniverseContract } from './selectUniverse.ts';

/**
 * Reads the contracts table (written by the market-data contract sync) for the runner: the
 * universe when a run names no symbols, and tick sizes for the indicators' ATR floor.
 */
export class ContractUniverse {
  readonly #db: StoreDatabase;
  readonly #config: MtfContractsConfig;

  constructor(db: StoreDatabase, config: MtfContractsConfig) {
    this.#db = db;
    this.#config = config;
  }

  async symbols(now: number, isSwitchedOff: (symbol: string) => boolean): Promise<string[]> {
    const rows = await this.#db
      .select({
        symbol: contracts.symbol,
        quoteCurrency: contracts.quoteCurrency,
        status: contracts.status,
        turnover24h: contracts.turnover24h,
        openTimestamp: contracts.openTimestamp,
        expireTimestamp: contracts.expireTimestamp,
      })
      .from(contracts)
      .where(
        // The YAML says 'Trading' as BitMart spells it; the contract sync stores the port's 'trading'.
        and(
          sql`lower(${contracts.status}) = lower(${this.#config.status})`,
          sql`upper(${contracts.quoteCurrency}) = upper(${this.#config.quoteCurrency})`,
        ),
      );
    const candidates: UniverseContract[] = rows.map((row) => ({
      symbol: row.symbol,
      quoteCurrency: row.quoteCurrency,
      status: row.status,
      // Turnover only ranks and buckets symbols: a float is exact enough to compare with a threshold.
      turnover24h: row.turnover24h === null ? null : Number(row.turnover24h),
      openTimestamp: row.openTimestamp?.getTime() ?? null,
      expireTimestamp: row.expireTimestamp?.getTime() ?? null,
    }));
    return selectUniverse(candidates, this.#config, now, isSwitchedOff);
  }

  /** Tick size per symbol, for those the table knows. */
  async tickSizes(symbols: readonly string[]): Promise<Map<string, number>> {
    if (symbols.length === 0) return new Map();
    const rows = await this.#db
      .select({ symbol: contracts.symbol, tickSize: contracts.tickSize })
      .from(contracts)
      .where(inArray(contracts.symbol, [...symbols]));
    return new Map(rows.map((row) => [row.symbol, Number(row.tickSize)]));
  }
}

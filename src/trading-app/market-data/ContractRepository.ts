import { asc, eq, getTableColumns, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Contract } from '../../exchange/port/types.ts';
import { Dec } from '../../platform/decimal/index.ts';
import type { Executor } from '../store/executor.ts';
import { contracts } from '../store/schema.ts';

/** A contract as stored: the port's `Contract` and when the sync last wrote it. */
export interface StoredContract extends Contract {
  /** Unix ms of the last sync that wrote this row. */
  readonly updatedAt: number;
}

type ContractRow = typeof contracts.$inferSelect;
type ContractInsert = typeof contracts.$inferInsert;

/** Every column but the key and `inserted_at` is rewritten by an upsert: the venue is the truth. */
const UPDATED_SET = Object.fromEntries(
  Object.entries(getTableColumns(contracts))
    .filter(([key]) => key !== 'symbol' && key !== 'insertedAt')
    .map(([key, column]) => [key, sql.raw(`excluded."${column.name}"`)]),
);

const StatusSchema = z.enum(['trading', 'delisted', 'paused']);

/**
 * The `contracts` table: written by the contract sync (every field of the venue's contract list),
 * read by the symbol universe and anything that needs tick size, size step or leverage bounds.
 */
export class ContractRepository {
  readonly #db: Executor;

  constructor(db: Executor) {
    this.#db = db;
  }

  /** Inserts or rewrites each contract (one statement); returns how many rows were written. */
  async upsertMany(list: readonly Contract[], now: number): Promise<number> {
    if (list.length === 0) return 0;
    const updatedAt = new Date(now);
    const unique = new Map(list.map((contract) => [contract.symbol, contract]));
    await this.#db
      .insert(contracts)
      .values([...unique.values()].map((contract) => rowOf(contract, updatedAt)))
      .onConflictDoUpdate({ target: contracts.symbol, set: UPDATED_SET });
    return unique.size;
  }

  /** Contracts whose status is `trading`, by symbol. */
  async listActive(): Promise<readonly StoredContract[]> {
    const rows = await this.#db
      .select()
      .from(contracts)
      .where(eq(contracts.status, 'trading'))
      .orderBy(asc(contracts.symbol));
    return rows.map(contractOf);
  }

  async listAll(): Promise<readonly StoredContract[]> {
    const rows = await this.#db.select().from(contracts).orderBy(asc(contracts.symbol));
    return rows.map(contractOf);
  }

  async get(symbol: string): Promise<StoredContract | undefined> {
    const [row] = await this.#db.select().from(contracts).where(eq(contracts.symbol, symbol));
    return row === undefined ? undefined : contractOf(row);
  }
}

const dateOrNull = (ms: number | undefined) => (ms === undefined ? null : new Date(ms));
const msOrUndefined = (date: Date | null) => (date === null ? undefined : date.getTime());
const decOrZero = (value: string | null) => new Dec(value ?? '0');

function rowOf(contract: Contract, updatedAt: Date): ContractInsert {
  return {
    symbol: contract.symbol,
    baseCurrency: contract.baseCurrency,
    quoteCurrency: contract.quoteCurrency,
    status: contract.status,
    contractSize: contract.contractSize.toFixed(),
    tickSize: contract.tickSize.toFixed(),
    sizeStep: contract.sizeStep.toFixed(),
    minSize: contract.minSize.toFixed(),
    maxSize: contract.maxSize.toFixed(),
    maxMarketSize: contract.maxMarketSize.toFixed(),
    minLeverage: contract.minLeverage.toFixed(),
    maxLeverage: contract.maxLeverage.toFixed(),
    fundingIntervalHours: contract.fundingIntervalHours,
    lastPrice: contract.lastPrice.toFixed(),
    indexPrice: contract.indexPrice.toFixed(),
    volume24h: contract.volume24h.toFixed(),
    turnover24h: contract.turnover24h.toFixed(),
    fundingRate: contract.fundingRate.toFixed(),
    nextFundingTime: dateOrNull(contract.nextFundingTime),
    openTimestamp: dateOrNull(contract.openTime),
    expireTimestamp: dateOrNull(contract.expireTime),
    delistTime: dateOrNull(contract.delistTime),
    updatedAt,
  };
}

/** Rows written before the 24 h columns existed read back as zero figures. */
function contractOf(row: ContractRow): StoredContract {
  return {
    symbol: row.symbol,
    baseCurrency: row.baseCurrency,
    quoteCurrency: row.quoteCurrency,
    status: StatusSchema.parse(row.status),
    contractSize: new Dec(row.contractSize),
    tickSize: new Dec(row.tickSize),
    sizeStep: new Dec(row.sizeStep),
    minSize: new Dec(row.minSize),
    maxSize: new Dec(row.maxSize),
    maxMarketSize: new Dec(row.maxMarketSize),
    minLeverage: new Dec(row.minLeverage),
    maxLeverage: new Dec(row.maxLeverage),
    lastPrice: decOrZero(row.lastPrice),
    indexPrice: decOrZero(row.indexPrice),
    volume24h: decOrZero(row.volume24h),
    turnover24h: decOrZero(row.turnover24h),
    fundingRate: decOrZero(row.fundingRate),
    fundingIntervalHours: row.fundingIntervalHours ?? 8,
    nextFundingTime: msOrUndefined(row.nextFundingTime),
    openTime: msOrUndefined(row.openTimestamp),
    expireTime: msOrUndefined(row.expireTimestamp),
    delistTime: msOrUndefined(row.delistTime),
    updatedAt: row.updatedAt.getTime(),
  };
}

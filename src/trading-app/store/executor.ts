import type { StoreDatabase } from './openDatabase.ts';

/** A transaction of either driver: what every ingest write runs in. */
export type StoreTransaction = Parameters<Parameters<StoreDatabase['transaction']>[0]>[0];

/** Reads run on the database or inside a transaction alike. */
export type Executor = StoreDatabase | StoreTransaction;

/** DTO times are ISO-8601 in UTC (millisecond precision, as the signals carry them). */
export function isoTime(value: Date): string {
  return value.toISOString();
}

export function isoTimeOrNull(value: Date | null): string | null {
  return value === null ? null : value.toISOString();
}

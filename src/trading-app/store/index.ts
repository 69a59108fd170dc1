import type { TradingAppStore } from '../TradingAppServices.ts';
import type { Database } from './openDatabase.ts';
import { TradingAppStoreImpl, type TradingAppStoreOptions } from './TradingAppStoreImpl.ts';

export { type Database, type OpenDatabaseOptions, openDatabase, type StoreDatabase } from './openDatabase.ts';
export type { TradingAppStoreOptions } from './TradingAppStoreImpl.ts';

/** The store over an open database; closing the store closes the database. */
export function createTradingAppStore(database: Database, options: TradingAppStoreOptions): TradingAppStore {
  return new TradingAppStoreImpl(database, options);
}

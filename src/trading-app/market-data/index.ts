export { ContractRepository, type StoredContract } from './ContractRepository.ts';
export { ContractSync, type ContractSyncResult } from './ContractSync.ts';
export { isClosed, lastClosedOpenTime, seriesKey } from './closedCandles.ts';
export { createMarketData, type MarketData } from './createMarketData.ts';
export type { CatchUpReport, Series, SeriesFailure } from './KlineCatchUp.ts';
export { KlineRepository } from './KlineRepository.ts';
export type { KlineGap, KlineSource, KlineStore, UpsertOutcome } from './KlineStore.ts';
export { DEFAULT_HISTORY_CANDLES, KlineSync, type KlineSyncOptions } from './KlineSync.ts';

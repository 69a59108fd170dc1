export { ContractRepository, type StoredContract } from './ContractRepository.ts';
export { ContractSync, type ContractSyncResult } from './ContractSync.ts';
export { isClosed, lastClosedOpenTime, seriesKey } from './closedCandles.ts';
export { createMarketData, type MarketData } from './createMarketData.ts';
export type { CatchUpReport, Series, SeriesFailure } from './KlineCatchUp.ts';
export { type KlineGap, KlineRepository, type KlineSource, type UpsertOutcome } from './KlineRepository.ts';
export { DEFAULT_HISTORY_CANDLES, KlineSync, type KlineSyncOptions } from './KlineSync.ts';

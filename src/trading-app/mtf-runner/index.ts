/**
 * The MTF runner: which symbols to evaluate, their candles (incremental streaming indicators),
 * the MTF cascade in this thread or in worker threads, trade entry for READY symbols, and the
 * decision trail in the database. See README.md.
 */
export { AUDIT_SORTS, type AuditPage, type AuditPageQuery, type AuditVerdict } from './audit/AuditPages.ts';
export { type AuditQuery, type AuditView, MtfAuditRepository } from './audit/MtfAuditRepository.ts';
export type { CandleWant, ClosedCandleSource } from './candles/ClosedCandleSource.ts';
export { lastClosedOpen } from './candles/candleFeeds.ts';
export { StoreCandleSource } from './candles/StoreCandleSource.ts';
export { diagnoseSymbol } from './diagnoseSymbol.ts';
export type { DiagnoseRequest, Diagnosis } from './diagnosis.ts';
export { COLD_WINDOW, HISTORY_LENGTH } from './evaluation/IndicatorBook.ts';
export type { Exposure, ExposureVenue } from './exclusion/openExposure.ts';
export { type LockView, MtfLockRepository, type MtfLockStore, symbolLockKey } from './locks/MtfLockRepository.ts';
export {
  MAX_WORKERS,
  MtfRunner,
  type MtfRunnerDependencies,
  type MtfRunRequest,
  MtfRunRequestError,
} from './MtfRunner.ts';
export {
  DEFAULT_CONFIG_DIRECTORY,
  type MtfRecordStores,
  MtfService,
  type MtfServiceOptions,
  type MtfStatus,
} from './MtfService.ts';
export { BASE_PROFILE, DEFAULT_PROFILE, knownProfiles, profileConfigPath, UnknownProfileError } from './profiles.ts';
export type { RunData, RunResponse, RunStatus, RunSummary, RunTiming, SymbolResult } from './response/runResponse.ts';
export { MtfRunRepository, type MtfRunStore } from './runs/MtfRunRepository.ts';
export { IndicatorSnapshotRepository, type IndicatorSnapshotStore } from './snapshots/IndicatorSnapshotRepository.ts';
export type { SetSwitch, SwitchView } from './switches/MtfSwitchRepository.ts';
export {
  ENTRIES_SWITCH,
  GLOBAL_SWITCH,
  isEffectivelyOff,
  SWITCH_KEY_PATTERN,
  symbolSwitch,
  symbolTimeframeSwitch,
} from './switches/switchKeys.ts';
export { loadMtfContractsConfig, type MtfContractsConfig } from './universe/MtfContractsConfig.ts';
export { selectUniverse, type UniverseContract } from './universe/selectUniverse.ts';

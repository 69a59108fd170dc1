import { fileURLToPath } from 'node:url';
import type { FuturesExchange } from '../../exchange/port/FuturesExchange.ts';
import type { Clock } from '../../platform/clock/index.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import type { StoreDatabase } from '../store/openDatabase.ts';
import { tradeEntryProfiles } from '../trade-entry/config/loadTradeEntryProfile.ts';
import { DryRunTradeEntry } from '../trade-entry/DryRunTradeEntry.ts';
import { PlanningTradeEntry } from '../trade-entry/PlanningTradeEntry.ts';
import type { TradeEntry } from '../trade-entry/TradeEntry.ts';
import type { AuditPage, AuditPageQuery } from './audit/AuditPages.ts';
import { type AuditQuery, type AuditView, MtfAuditRepository } from './audit/MtfAuditRepository.ts';
import type { ClosedCandleSource } from './candles/ClosedCandleSource.ts';
import { StoreCandleSource } from './candles/StoreCandleSource.ts';
import { type DiagnoseRequest, type Diagnosis, diagnose } from './diagnosis.ts';
import type { Evaluator } from './evaluation/Evaluator.ts';
import { type LockView, MtfLockRepository, type MtfLockStore } from './locks/MtfLockRepository.ts';
import { MtfRunner, type MtfRunRequest } from './MtfRunner.ts';
import type { RunResponse, RunSummary } from './response/runResponse.ts';
import { MtfRunRepository, type MtfRunStore } from './runs/MtfRunRepository.ts';
import { IndicatorSnapshotRepository, type IndicatorSnapshotStore } from './snapshots/IndicatorSnapshotRepository.ts';
import { MtfSwitchRepository, type SetSwitch, type SwitchView } from './switches/MtfSwitchRepository.ts';
import { ContractUniverse } from './universe/ContractUniverse.ts';
import { loadMtfContractsConfig } from './universe/MtfContractsConfig.ts';

/** The repository's `config/`, wherever the process was started from. */
export const DEFAULT_CONFIG_DIRECTORY = fileURLToPath(new URL('../../../config', import.meta.url));

export interface MtfServiceOptions {
  readonly db: StoreDatabase;
  readonly clock: Clock;
  readonly logger?: Logger | undefined;
  /** Where `mtf_validations*.yaml` and `mtf_contracts.yaml` live (default the repository's `config/`). */
  readonly configDirectory?: string | undefined;
  readonly exchange?: FuturesExchange | undefined;
  readonly liveEntry?: TradeEntry | undefined;
  /** Default: the klines table. */
  readonly candles?: ClosedCandleSource | undefined;
  readonly lockTtlMs?: number | undefined;
  /** Every run's evaluator, in place of the threads (`mtf:worker` processes over the queue: decision 0030). */
  readonly evaluator?: Evaluator | undefined;
  /** Where the runs' records live; each default its table (a backtest: memory, docs/decisions/0031-backtest-speed.md). */
  readonly records?: MtfRecordStores | undefined;
}

/** The run's own records that a composition may keep elsewhere than their tables. */
export interface MtfRecordStores {
  readonly locks?: MtfLockStore;
  readonly snapshots?: IndicatorSnapshotStore;
  readonly runs?: MtfRunStore;
}

export interface MtfStatus {
  readonly last_run: RunSummary | null;
  readonly active_locks: number;
  readonly switches: number;
  readonly global_switch: 'ON' | 'OFF';
  readonly timestamp: string;
}

/**
 * Everything `/api/mtf/*` and the console commands need, over one database: the runner and the
 * repositories behind switches, locks, audits and run summaries.
 */
export class MtfService {
  readonly runner: MtfRunner;
  readonly switches: MtfSwitchRepository;
  readonly locks: MtfLockStore;
  readonly audits: MtfAuditRepository;
  readonly snapshots: IndicatorSnapshotStore;
  readonly runs: MtfRunStore;
  /** With a venue, dry runs plan for real (preflight + planner); without one, they record the decision only. */
  readonly dryRunEntry: DryRunTradeEntry | PlanningTradeEntry;
  readonly #clock: Clock;
  readonly #db: StoreDatabase;
  readonly #configDirectory: string;
  readonly #runListeners = new Set<(response: RunResponse) => void>();

  constructor(options: MtfServiceOptions) {
    const { db, clock } = options;
    const configDirectory = options.configDirectory ?? DEFAULT_CONFIG_DIRECTORY;
    this.#clock = clock;
    this.#db = db;
    this.#configDirectory = configDirectory;
    this.switches = new MtfSwitchRepository(db, clock);
    this.locks = options.records?.locks ?? new MtfLockRepository(db, clock);
    this.audits = new MtfAuditRepository(db);
    this.snapshots = options.records?.snapshots ?? new IndicatorSnapshotRepository(db);
    this.runs = options.records?.runs ?? new MtfRunRepository(db);
    this.dryRunEntry = options.exchange
      ? new PlanningTradeEntry({ exchange: options.exchange, profileFor: tradeEntryProfiles(configDirectory) })
      : new DryRunTradeEntry();
    this.runner = new MtfRunner({
      clock,
      logger: options.logger,
      configDirectory,
      candles: options.candles ?? new StoreCandleSource(db),
      universe: new ContractUniverse(db, loadMtfContractsConfig(`${configDirectory}/mtf_contracts.yaml`)),
      switches: this.switches,
      locks: this.locks,
      audits: this.audits,
      snapshots: this.snapshots,
      runs: this.runs,
      dryRunEntry: this.dryRunEntry,
      liveEntry: options.liveEntry,
      exchange: options.exchange,
      lockTtlMs: options.lockTtlMs,
      evaluator: options.evaluator,
    });
  }

  async run(request: MtfRunRequest): Promise<RunResponse> {
    const response = await this.runner.run(request);
    for (const listener of this.#runListeners) listener(response);
    return response;
  }

  /** Calls `listener` after each run of this process finishes (the dashboard's `run` event). */
  onRun(listener: (response: RunResponse) => void): () => void {
    this.#runListeners.add(listener);
    return () => this.#runListeners.delete(listener);
  }

  async status(): Promise<MtfStatus> {
    const [lastRun, locks, switches, states] = await Promise.all([
      this.runs.last(),
      this.locks.active(),
      this.switches.count(),
      this.switches.list(),
    ]);
    const global = states.find((state) => state.key === 'GLOBAL');
    return {
      last_run: lastRun ?? null,
      active_locks: locks.length,
      switches,
      global_switch: global && !global.effective_on ? 'OFF' : 'ON',
      timestamp: new Date(this.#clock.now()).toISOString(),
    };
  }

  lockStatus(): Promise<LockView[]> {
    return this.locks.active();
  }

  forceReleaseLock(key: string): Promise<boolean> {
    return this.locks.forceRelease(key);
  }

  cleanupExpiredLocks(): Promise<number> {
    return this.locks.cleanupExpired();
  }

  audit(query: AuditQuery): Promise<AuditView[]> {
    return this.audits.list(query);
  }

  auditPage(query: AuditPageQuery): Promise<AuditPage> {
    return this.audits.page(query);
  }

  listSwitches(): Promise<SwitchView[]> {
    return this.switches.list();
  }

  setSwitch(input: SetSwitch): Promise<SwitchView> {
    return this.switches.set(input);
  }

  toggleSwitch(id: number): Promise<SwitchView | undefined> {
    return this.switches.toggle(id);
  }

  /** A symbol's decision tree from the stored candles (the diagnose command's), now or as a run saw it. */
  diagnose(request: DiagnoseRequest): Promise<Diagnosis | undefined> {
    const deps = { db: this.#db, runs: this.runs, configDirectory: this.#configDirectory, clock: this.#clock };
    return diagnose(deps, request);
  }

  close(): Promise<void> {
    return this.runner.close();
  }
}

import { randomUUID } from 'node:crypto';
import type { Clock } from '../../platform/clock/index.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import type { TradeEntry } from '../trade-entry/TradeEntry.ts';
import { type AuditDraft, SEVERITY } from './audit/auditRows.ts';
import type { MtfAuditRepository } from './audit/MtfAuditRepository.ts';
import type { ClosedCandleSource } from './candles/ClosedCandleSource.ts';
import { buildJobs, type Cursors, coldSymbols } from './candles/candleFeeds.ts';
import { evaluationError, stoppedWithError } from './errorResult.ts';
import type { EvaluatedSymbol, EvaluationSettings } from './evaluation/EvaluationJob.ts';
import { type Evaluator, InProcessEvaluator } from './evaluation/Evaluator.ts';
import { WorkerPoolEvaluator } from './evaluation/WorkerPoolEvaluator.ts';
import { type Exposure, type ExposureVenue, openExposure } from './exclusion/openExposure.ts';
import { type MtfLockStore, symbolLockKey } from './locks/MtfLockRepository.ts';
import { PhaseTimer } from './response/PhaseTimer.ts';
import { buildRunData, type RunResponse, type SymbolResult } from './response/runResponse.ts';
import { type MtfRunRequest, MtfRunRequestError, type RunSettings, runSettings } from './runRequest.ts';
import type { MtfRunStore } from './runs/MtfRunRepository.ts';
import { type StoppedSymbol, skippedResult } from './skippedResult.ts';
import type { IndicatorSnapshotStore } from './snapshots/IndicatorSnapshotRepository.ts';
import type { SnapshotDraft } from './snapshots/snapshotValues.ts';
import type { MtfSwitchRepository } from './switches/MtfSwitchRepository.ts';
import { SwitchBoard } from './switches/switchKeys.ts';
import { type DecidedSymbol, tradeDecisions } from './tradeDecisions.ts';
import type { ContractUniverse } from './universe/ContractUniverse.ts';

export { MAX_WORKERS, type MtfRunRequest, MtfRunRequestError } from './runRequest.ts';

export interface MtfRunnerDependencies {
  readonly clock: Clock;
  readonly logger?: Logger | undefined;
  readonly configDirectory: string;
  readonly candles: ClosedCandleSource;
  readonly universe: ContractUniverse;
  readonly switches: MtfSwitchRepository;
  readonly locks: MtfLockStore;
  readonly audits: MtfAuditRepository;
  readonly snapshots: IndicatorSnapshotStore;
  readonly runs: MtfRunStore;
  /** Used when `dryRun` is true. */
  readonly dryRunEntry: TradeEntry;
  /** Used when `dryRun` is false; absent: live runs are refused. */
  readonly liveEntry?: TradeEntry | undefined;
  /** Absent (no credentials): the open-position/order exclusion is not applied, and the summary says so. */
  readonly exchange?: ExposureVenue | undefined;
  readonly lockTtlMs?: number | undefined;
  readonly newRunId?: (() => string) | undefined;
  /**
   * Every run's evaluator whatever its `workers` (the batches on `mtf:worker` processes: decision
   * 0030); absent: this thread, or a pool of `workers` threads.
   */
  readonly evaluator?: Evaluator | undefined;
}

/** One run's settings, its trade entry, its decision time and its id: what every phase reads. */
interface Run extends RunSettings {
  readonly entry: TradeEntry;
  readonly now: number;
  readonly runId: string;
}

/** A phase that stops some symbols: the ones it lets through, and the stopped ones' results. */
interface Sifted {
  readonly kept: string[];
  readonly stopped: StoppedSymbol[];
}

interface Lane {
  readonly evaluator: Evaluator;
  readonly cursors: Cursors;
}

/**
 * The MTF runner (docs/reference/original-system.md#orchestration): symbols → switches → open exposure → per-symbol
 * locks → candles (incremental) → evaluation (in this thread or in worker threads) → trade entry for READY →
 * audits, snapshots and the run's summary in the database → the response of docs/reference/seed-contracts.md#mtf-run.
 * Keeps one evaluator per `workers` value (its indicator state) for the runner's life; `close()` ends them.
 */
export class MtfRunner {
  readonly #deps: MtfRunnerDependencies;
  readonly #lanes = new Map<number, Lane>();

  constructor(deps: MtfRunnerDependencies) {
    this.#deps = deps;
  }

  /** One run, phase after phase; each phase's time is in the response's `timing`. */
  async run(request: MtfRunRequest = {}): Promise<RunResponse> {
    const timer = new PhaseTimer(this.#deps.clock);
    const run = this.#begin(request);
    const board = new SwitchBoard(await this.#deps.switches.states(), run.now);
    const symbols = run.symbols ?? (await this.#deps.universe.symbols(run.now, (symbol) => board.symbolOff(symbol)));
    timer.lap('resolve_symbols_ms');
    const globalOff = board.globalOff && !run.forceRun;
    const switched = killSwitches(symbols, board, run.forceRun, globalOff);
    const exposed = await this.#exposed(switched.kept);
    timer.lap('exclusion_ms');
    const locked = await this.#lock(exposed.kept, run);
    timer.lap('locks_ms');
    let decided: DecidedSymbol[];
    try {
      decided = await this.#decide(locked.kept, run, board, timer);
    } finally {
      await this.#release(locked.kept, run.runId);
    }
    const stopped = [...switched.stopped, ...exposed.stopped, ...locked.stopped];
    const at = await this.#persist(run.runId, stopped, decided);
    timer.lap('persist_ms');
    const results = [...stopped.map((item) => item.result), ...decided.map((item) => item.result)];
    return this.#respond(run, { requested: symbols.length, globalOff, results, at }, timer);
  }

  /** Ends the worker threads. The runner can still run afterwards (it starts them again, cold). */
  async close(): Promise<void> {
    const lanes = [...this.#lanes.values()];
    this.#lanes.clear();
    await Promise.all(lanes.map((lane) => lane.evaluator.close()));
  }

  /** Checks the request and picks the trade entry before anything is read or written. */
  #begin(request: MtfRunRequest): Run {
    const deps = this.#deps;
    const settings = runSettings(request, deps.configDirectory);
    const entry = settings.dryRun ? deps.dryRunEntry : deps.liveEntry;
    if (!entry) throw new MtfRunRequestError('dry_run', 'live trade entry is not available yet; run with dry_run=true');
    return { ...settings, entry, now: request.now ?? deps.clock.now(), runId: deps.newRunId?.() ?? randomUUID() };
  }

  /**
   * Skips the symbols with an open position or order on the venue. Fails closed: when the venue
   * cannot say, every symbol is an ERROR for this run, never evaluated on a blank view.
   */
  async #exposed(symbols: string[]): Promise<Sifted> {
    const exchange = this.#deps.exchange;
    if (!exchange || symbols.length === 0) return { kept: symbols, stopped: [] };
    let busy: Map<string, Exposure>;
    try {
      busy = await openExposure(exchange);
    } catch (error) {
      const reason = `EXPOSURE_UNKNOWN: ${error instanceof Error ? error.message : String(error)}`;
      return { kept: [], stopped: symbols.map((symbol) => stoppedWithError(symbol, reason, 'open_exposure')) };
    }
    const stopped: StoppedSymbol[] = [];
    const kept = symbols.filter((symbol) => {
      const exposure = busy.get(symbol);
      if (exposure) stopped.push(skippedResult(symbol, 'open_exposure', exposure, 'OPEN_EXPOSURE_SKIPPED'));
      return !exposure;
    });
    return { kept, stopped };
  }

  /** Takes each symbol's lock for this run; a symbol another run holds is skipped. */
  async #lock(symbols: string[], run: Run): Promise<Sifted> {
    const deps = this.#deps;
    const held = await deps.locks.acquire(symbols.map(symbolLockKey), run.runId, deps.lockTtlMs ?? 600_000, {
      profile: run.profile,
    });
    const busy = symbols.filter((symbol) => !held.has(symbolLockKey(symbol)));
    return {
      kept: symbols.filter((symbol) => held.has(symbolLockKey(symbol))),
      stopped: busy.map((symbol) => skippedResult(symbol, 'lock', 'LOCKED_BY_ANOTHER_RUN', 'LOCK_BUSY_SKIPPED')),
    };
  }

  /** Candles, evaluation and trade entry for the symbols this run holds, each phase timed. */
  async #decide(symbols: string[], run: Run, board: SwitchBoard, timer: PhaseTimer): Promise<DecidedSymbol[]> {
    const lane = this.#lane(run.workers);
    const tickSizes = await this.#deps.universe.tickSizes(coldSymbols(symbols, lane.cursors));
    const jobs = await buildJobs(this.#deps.candles, symbols, lane.cursors, run.now, tickSizes);
    timer.lap('read_candles_ms');
    const evaluated = await this.#evaluate(run.workers, lane, jobs, {
      configPath: run.configPath,
      now: run.now,
      forceRun: run.forceRun,
      currentTf: run.currentTf,
      offSwitches: board.offKeys(),
    });
    timer.lap('evaluate_ms');
    const decided = await tradeDecisions(run.entry, run, evaluated);
    timer.lap('trade_entry_ms');
    return decided;
  }

  async #release(symbols: string[], runId: string): Promise<void> {
    await this.#deps.locks
      .release(symbols.map(symbolLockKey), runId)
      .catch((error: unknown) =>
        this.#deps.logger?.error({ err: error, runId }, 'releasing MTF locks failed; they expire on their own'),
      );
  }

  /** The run's audit trail in one batch and its snapshots in one upsert; returns when (the clock's now). */
  async #persist(runId: string, stopped: readonly StoppedSymbol[], decided: readonly DecidedSymbol[]): Promise<number> {
    const audits: AuditDraft[] = stopped.map((item) => item.audit);
    const snapshots: SnapshotDraft[] = [];
    for (const item of decided) {
      audits.push(...item.evaluated.audits, ...item.audits);
      snapshots.push(...item.evaluated.snapshots);
    }
    if (stopped.length + decided.length === 0) audits.push(runAudit('NO_ACTIVE_SYMBOLS'));
    const at = this.#deps.clock.now();
    await this.#deps.audits.insertRun(runId, at, audits);
    await this.#deps.snapshots.upsertRun(runId, at, snapshots);
    return at;
  }

  /** The run response (`docs/reference/seed-contracts.md#mtf-run`), its summary also recorded in `mtf_runs`. */
  async #respond(
    run: Run,
    outcome: { requested: number; globalOff: boolean; results: readonly SymbolResult[]; at: number },
    timer: PhaseTimer,
  ): Promise<RunResponse> {
    const seconds = timer.seconds();
    const data = buildRunData(
      outcome.results,
      {
        runId: run.runId,
        seconds,
        requested: outcome.requested,
        dryRun: run.dryRun,
        forceRun: run.forceRun,
        currentTf: run.currentTf,
        profile: run.profile,
        workers: run.workers,
        timestamp: run.now,
        globalOff: outcome.globalOff,
      },
      timer.timing(seconds),
    );
    await this.#deps.runs.record(data.summary, run.now, outcome.at);
    return {
      status: data.summary.symbols_failed > 0 ? 'partial_success' : 'success',
      message: 'MTF run completed',
      data,
    };
  }

  #lane(workers: number): Lane {
    let lane = this.#lanes.get(this.#laneKey(workers));
    if (!lane) {
      lane = {
        evaluator:
          this.#deps.evaluator ?? (workers === 1 ? new InProcessEvaluator() : new WorkerPoolEvaluator(workers)),
        cursors: new Map(),
      };
      this.#lanes.set(this.#laneKey(workers), lane);
    }
    return lane;
  }

  /** One lane for the injected evaluator, else one per `workers` value. */
  #laneKey(workers: number): number {
    return this.#deps.evaluator ? 0 : workers;
  }

  async #evaluate(
    workers: number,
    lane: Lane,
    jobs: Parameters<Evaluator['evaluate']>[0],
    settings: EvaluationSettings,
  ): Promise<EvaluatedSymbol[]> {
    try {
      const evaluated = await lane.evaluator.evaluate(jobs, settings);
      for (const result of evaluated) lane.cursors.set(result.symbol, result.cursors);
      return evaluated;
    } catch (error) {
      // A dead worker took its state with it: forget the lane, the next run starts it cold.
      this.#lanes.delete(this.#laneKey(workers));
      await lane.evaluator.close().catch(() => undefined);
      const reason = `EVALUATOR_FAILED: ${error instanceof Error ? error.message : String(error)}`;
      this.#deps.logger?.error({ err: error }, 'MTF evaluator failed');
      return jobs.map((job) => evaluationError(job.symbol, reason, {}));
    }
  }
}

/** The kill switches: GLOBAL off stops every symbol, a SYMBOL switch its symbol (force_run bypasses both). */
function killSwitches(symbols: readonly string[], board: SwitchBoard, forceRun: boolean, globalOff: boolean): Sifted {
  const kept: string[] = [];
  const stopped: StoppedSymbol[] = [];
  for (const symbol of symbols) {
    if (globalOff) stopped.push(skippedResult(symbol, 'global', 'GLOBAL kill switch OFF', 'GLOBAL_SWITCH_OFF'));
    else if (board.symbolOff(symbol) && !forceRun)
      stopped.push(skippedResult(symbol, 'symbol', 'SYMBOL kill switch OFF', 'KILL_SWITCH_OFF'));
    else kept.push(symbol);
  }
  return { kept, stopped };
}

function runAudit(step: string): AuditDraft {
  return {
    symbol: 'GLOBAL',
    step,
    timeframe: null,
    cause: null,
    severity: SEVERITY.warning,
    candleOpenTime: null,
    details: {},
  };
}

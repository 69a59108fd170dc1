import { randomUUID } from 'node:crypto';
import type { FuturesExchange } from '../../exchange/port/FuturesExchange.ts';
import type { Clock } from '../../platform/clock/index.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import type { MtfTimeframe } from '../mtf/timeframes.ts';
import type { TradeEntry } from '../trade-entry/TradeEntry.ts';
import { type AuditDraft, SEVERITY } from './audit/auditRows.ts';
import type { MtfAuditRepository } from './audit/MtfAuditRepository.ts';
import type { ClosedCandleSource } from './candles/ClosedCandleSource.ts';
import { buildJobs, type Cursors, coldSymbols } from './candles/candleFeeds.ts';
import type { EvaluatedSymbol, EvaluationSettings } from './evaluation/EvaluationJob.ts';
import { type Evaluator, InProcessEvaluator } from './evaluation/Evaluator.ts';
import { failed } from './evaluation/SymbolEvaluator.ts';
import { WorkerPoolEvaluator } from './evaluation/WorkerPoolEvaluator.ts';
import { type Exposure, openExposure } from './exclusion/openExposure.ts';
import { type MtfLockRepository, symbolLockKey } from './locks/MtfLockRepository.ts';
import { DEFAULT_PROFILE, profileConfigPath } from './profiles.ts';
import { buildRunData, type RunResponse, type SymbolResult } from './response/runResponse.ts';
import type { MtfRunRepository } from './runs/MtfRunRepository.ts';
import { stoppedBeforeEvaluation } from './skippedResult.ts';
import type { IndicatorSnapshotRepository } from './snapshots/IndicatorSnapshotRepository.ts';
import type { MtfSwitchRepository } from './switches/MtfSwitchRepository.ts';
import { SwitchBoard } from './switches/switchKeys.ts';
import { tradeDecisions } from './tradeDecisions.ts';
import type { ContractUniverse } from './universe/ContractUniverse.ts';

export interface MtfRunRequest {
  /** Empty or absent: the universe of `mtf_contracts.yaml`. */
  readonly symbols?: readonly string[] | undefined;
  /** Default true: nothing is sent to the venue. */
  readonly dryRun?: boolean | undefined;
  /** 1: in this thread; N > 1: N worker threads. */
  readonly workers?: number | undefined;
  readonly profile?: string | undefined;
  readonly forceRun?: boolean | undefined;
  readonly currentTf?: MtfTimeframe | undefined;
  /** Decision time; default the clock's now. */
  readonly now?: number | undefined;
}

export interface MtfRunnerDependencies {
  readonly clock: Clock;
  readonly logger?: Logger | undefined;
  readonly configDirectory: string;
  readonly candles: ClosedCandleSource;
  readonly universe: ContractUniverse;
  readonly switches: MtfSwitchRepository;
  readonly locks: MtfLockRepository;
  readonly audits: MtfAuditRepository;
  readonly snapshots: IndicatorSnapshotRepository;
  readonly runs: MtfRunRepository;
  /** Used when `dryRun` is true. */
  readonly dryRunEntry: TradeEntry;
  /** Used when `dryRun` is false; absent: live runs are refused. */
  readonly liveEntry?: TradeEntry | undefined;
  /** Absent (no credentials): the open-position/order exclusion is not applied, and the summary says so. */
  readonly exchange?: FuturesExchange | undefined;
  readonly lockTtlMs?: number | undefined;
  readonly newRunId?: (() => string) | undefined;
}

/** A request the runner refuses before doing anything: `field` names the input at fault. */
export class MtfRunRequestError extends Error {
  override readonly name = 'MtfRunRequestError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

export const MAX_WORKERS = 32;

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

  async run(request: MtfRunRequest = {}): Promise<RunResponse> {
    const deps = this.#deps;
    const started = deps.clock.monotonicMicros();
    const mark = timer(deps.clock);
    const dryRun = request.dryRun ?? true;
    const workers = request.workers ?? 1;
    const profile = request.profile ?? DEFAULT_PROFILE;
    const forceRun = request.forceRun ?? false;
    if (!Number.isInteger(workers) || workers < 1 || workers > MAX_WORKERS) {
      throw new MtfRunRequestError('workers', `expected an integer from 1 to ${MAX_WORKERS}`);
    }
    const configPath = profileConfigPath(deps.configDirectory, profile);
    const entry = dryRun ? deps.dryRunEntry : deps.liveEntry;
    if (!entry) throw new MtfRunRequestError('dry_run', 'live trade entry is not available yet; run with dry_run=true');
    const now = request.now ?? deps.clock.now();
    const runId = deps.newRunId?.() ?? randomUUID();

    const board = new SwitchBoard(await deps.switches.states(), now);
    const requested = request.symbols && request.symbols.length > 0 ? normalize(request.symbols) : undefined;
    const symbols = requested ?? (await deps.universe.symbols(now, (symbol) => board.symbolOff(symbol)));
    const resolveMs = mark();

    const results: SymbolResult[] = [];
    const audits: AuditDraft[] = [];
    const stop = (...args: Parameters<typeof stoppedBeforeEvaluation>) => {
      const { result, audit } = stoppedBeforeEvaluation(...args);
      results.push(result);
      audits.push(audit);
    };
    const globalOff = board.globalOff && !forceRun;
    let candidates: string[] = [];
    for (const symbol of symbols) {
      if (globalOff) stop(symbol, 'SKIPPED', 'global', 'GLOBAL kill switch OFF', 'GLOBAL_SWITCH_OFF');
      else if (board.symbolOff(symbol) && !forceRun)
        stop(symbol, 'SKIPPED', 'symbol', 'SYMBOL kill switch OFF', 'KILL_SWITCH_OFF');
      else candidates.push(symbol);
    }
    candidates = await this.#exclude(candidates, stop);
    const exclusionMs = mark();

    const lockKeys = candidates.map(symbolLockKey);
    const held = await deps.locks.acquire(lockKeys, runId, deps.lockTtlMs ?? 600_000, { profile });
    const locked = candidates.filter((symbol) => held.has(symbolLockKey(symbol)));
    for (const symbol of candidates) {
      if (!held.has(symbolLockKey(symbol)))
        stop(symbol, 'SKIPPED', 'lock', 'LOCKED_BY_ANOTHER_RUN', 'LOCK_BUSY_SKIPPED');
    }
    const locksMs = mark();
    let readMs = 0;
    let evaluateMs = 0;
    let entryMs = 0;
    const snapshots: EvaluatedSymbol['snapshots'][number][] = [];
    try {
      const lane = this.#lane(workers);
      const tickSizes = await deps.universe.tickSizes(coldSymbols(locked, lane.cursors));
      const jobs = await buildJobs(deps.candles, locked, lane.cursors, now, tickSizes);
      readMs = mark();
      const settings: EvaluationSettings = {
        configPath,
        now,
        forceRun,
        currentTf: request.currentTf,
        offSwitches: board.offKeys(),
      };
      const evaluated = await this.#evaluate(workers, lane, jobs, settings);
      evaluateMs = mark();
      const decided = await tradeDecisions(entry, { runId, profile }, evaluated);
      entryMs = mark();
      for (const item of decided) {
        results.push(item.result);
        audits.push(...item.evaluated.audits, ...item.audits);
        snapshots.push(...item.evaluated.snapshots);
      }
    } finally {
      await deps.locks
        .release(locked.map(symbolLockKey), runId)
        .catch((error: unknown) =>
          deps.logger?.error({ err: error, runId }, 'releasing MTF locks failed; they expire on their own'),
        );
    }
    if (results.length === 0) audits.push({ ...runAudit('NO_ACTIVE_SYMBOLS') });
    const at = deps.clock.now();
    await deps.audits.insertRun(runId, at, audits);
    await deps.snapshots.upsertRun(runId, at, snapshots);
    const persistMs = mark();
    const seconds = (deps.clock.monotonicMicros() - started) / 1e6;
    const data = buildRunData(
      results,
      {
        runId,
        seconds,
        requested: symbols.length,
        dryRun,
        forceRun,
        currentTf: request.currentTf,
        profile,
        workers,
        timestamp: now,
        globalOff,
      },
      {
        resolve_symbols_ms: resolveMs,
        exclusion_ms: exclusionMs,
        locks_ms: locksMs,
        read_candles_ms: readMs,
        evaluate_ms: evaluateMs,
        trade_entry_ms: entryMs,
        persist_ms: persistMs,
        total_ms: Math.round(seconds * 1e6) / 1e3,
      },
    );
    await deps.runs.record(data.summary, now, at);
    return {
      status: data.summary.symbols_failed > 0 ? 'partial_success' : 'success',
      message: 'MTF run completed',
      data,
    };
  }

  /** Ends the worker threads. The runner can still run afterwards (it starts them again, cold). */
  async close(): Promise<void> {
    const lanes = [...this.#lanes.values()];
    this.#lanes.clear();
    await Promise.all(lanes.map((lane) => lane.evaluator.close()));
  }

  async #exclude(
    symbols: string[],
    stop: (...args: Parameters<typeof stoppedBeforeEvaluation>) => void,
  ): Promise<string[]> {
    const exchange = this.#deps.exchange;
    if (!exchange || symbols.length === 0) return symbols;
    let busy: Map<string, Exposure>;
    try {
      busy = await openExposure(exchange);
    } catch (error) {
      const reason = `EXPOSURE_UNKNOWN: ${error instanceof Error ? error.message : String(error)}`;
      for (const symbol of symbols) stop(symbol, 'ERROR', 'open_exposure', reason, 'ERROR');
      return [];
    }
    return symbols.filter((symbol) => {
      const exposure = busy.get(symbol);
      if (exposure) stop(symbol, 'SKIPPED', 'open_exposure', exposure, 'OPEN_EXPOSURE_SKIPPED');
      return !exposure;
    });
  }

  #lane(workers: number): Lane {
    let lane = this.#lanes.get(workers);
    if (!lane) {
      lane = {
        evaluator: workers === 1 ? new InProcessEvaluator() : new WorkerPoolEvaluator(workers),
        cursors: new Map(),
      };
      this.#lanes.set(workers, lane);
    }
    return lane;
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
      this.#lanes.delete(workers);
      await lane.evaluator.close().catch(() => undefined);
      const reason = `EVALUATOR_FAILED: ${error instanceof Error ? error.message : String(error)}`;
      this.#deps.logger?.error({ err: error }, 'MTF evaluator failed');
      return jobs.map((job) => failed(job.symbol, reason, {}));
    }
  }
}

function normalize(symbols: readonly string[]): string[] {
  return [...new Set(symbols.map((symbol) => symbol.trim().toUpperCase()).filter((symbol) => symbol !== ''))];
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

/** Milliseconds since the previous mark (3 decimals). */
function timer(clock: Clock): () => number {
  let last = clock.monotonicMicros();
  return () => {
    const current = clock.monotonicMicros();
    const elapsed = Math.round(current - last) / 1000;
    last = current;
    return elapsed;
  };
}

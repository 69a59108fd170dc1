import type { Clock } from '../../platform/clock/index.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import type { BacktestRepository, BacktestRow, BacktestState, StoredBacktestParameters } from './BacktestRepository.ts';
import type { BacktestData, BacktestRunner } from './BacktestRunner.ts';
import { type BacktestParameters, parametersJson } from './backtestParameters.ts';

/** A second backtest asked for while one runs: the machine runs one at a time. */
export class BacktestBusyError extends Error {
  override readonly name = 'BacktestBusyError';
  constructor(readonly runningId: number) {
    super(`backtest ${runningId} is still running; start another once it is done (GET /api/backtests/${runningId})`);
  }
}

/** A backtest as the API lists it. */
export interface BacktestView {
  readonly id: number;
  readonly created_at: string;
  readonly params: StoredBacktestParameters;
  readonly state: BacktestState;
  /** From 0 to 1: the share of the range replayed; 1 once done. */
  readonly progress: number;
  readonly summary: Record<string, unknown> | null;
  readonly error: string | null;
  readonly finished_at: string | null;
}

/** Asked for while the app stops: it would be stopped at once. */
export class BacktestStoppingError extends Error {
  override readonly name = 'BacktestStoppingError';
  constructor() {
    super('the trading-app is stopping; start the backtest once it is back');
  }
}

class Stopped extends Error {
  override readonly name = 'Stopped';
}

const INTERRUPTED = 'the trading-app stopped while it ran';

/**
 * Backtests started through the API, one at a time, in this process: each row goes queued →
 * running → done (result and report stored) or failed (the error stored). Its progress lives in
 * memory while it runs; the row holds the rest, so the list survives a restart.
 */
export class BacktestService {
  readonly #repository: BacktestRepository;
  readonly #runner: BacktestRunner;
  readonly #data: BacktestData;
  readonly #clock: Clock;
  readonly #logger: Logger;
  #running: { id: number; progress: number; done: Promise<void> } | undefined;
  #stopping = false;

  constructor(options: {
    repository: BacktestRepository;
    runner: BacktestRunner;
    data: BacktestData;
    clock: Clock;
    logger: Logger;
  }) {
    this.#repository = options.repository;
    this.#runner = options.runner;
    this.#data = options.data;
    this.#clock = options.clock;
    this.#logger = options.logger;
  }

  /** Marks the runs a stop interrupted as failed. */
  async start(): Promise<void> {
    const failed = await this.#repository.failUnfinished(INTERRUPTED, this.#now());
    if (failed > 0) this.#logger.warn({ failed }, 'backtests interrupted by the last stop marked failed');
  }

  /** Stores the run and starts it; resolves with its id at once (the run goes on). */
  async submit(parameters: BacktestParameters): Promise<{ id: number }> {
    if (this.#running) throw new BacktestBusyError(this.#running.id);
    if (this.#stopping) throw new BacktestStoppingError();
    // Claimed before the first await: two requests in the same turn cannot both start.
    const running = { id: 0, progress: 0, done: Promise.resolve() };
    this.#running = running;
    try {
      running.id = await this.#repository.create(parametersJson(parameters), this.#now());
    } catch (error) {
      this.#running = undefined;
      throw error;
    }
    running.done = this.#run(running, parameters).finally(() => {
      this.#running = undefined;
    });
    return { id: running.id };
  }

  async list(limit = 100): Promise<BacktestView[]> {
    return (await this.#repository.list(limit)).map((row) => this.#view(row));
  }

  /** The run, and once done the JSON `backtest:run --json` prints (as text, its bytes kept). */
  async find(id: number): Promise<{ view: BacktestView; result: string | null } | undefined> {
    const row = await this.#repository.find(id);
    return row && { view: this.#view(row), result: row.result };
  }

  report(id: number) {
    return this.#repository.report(id);
  }

  /** Stops the running backtest at its next step and waits for its row to say so. */
  async stop(): Promise<void> {
    this.#stopping = true;
    await this.#running?.done;
  }

  async #run(running: { id: number; progress: number }, parameters: BacktestParameters): Promise<void> {
    const { id } = running;
    try {
      await this.#repository.markRunning(id);
      const outcome = await this.#runner.run(parameters, this.#data, (fraction) => {
        if (this.#stopping) throw new Stopped(INTERRUPTED);
        running.progress = fraction;
      });
      await this.#repository.markDone(
        id,
        { summary: outcome.json.summary, result: JSON.stringify(outcome.json), report: outcome.html },
        this.#now(),
      );
      this.#logger.info({ backtest: id }, 'backtest done');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (!(error instanceof Stopped)) this.#logger.warn({ backtest: id, err: error }, 'backtest failed');
      await this.#repository.markFailed(id, message, this.#now()).catch((writeError: unknown) => {
        this.#logger.error({ backtest: id, err: writeError }, 'could not record the failed backtest');
      });
    }
  }

  #view(row: BacktestRow): BacktestView {
    const running = this.#running?.id === row.id ? this.#running : undefined;
    return {
      id: row.id,
      created_at: row.createdAt.toISOString(),
      params: row.parameters,
      state: row.state,
      progress: row.state === 'done' ? 1 : (running?.progress ?? 0),
      summary: row.summary,
      error: row.error,
      finished_at: row.finishedAt?.toISOString() ?? null,
    };
  }

  #now(): Date {
    return new Date(this.#clock.now());
  }
}

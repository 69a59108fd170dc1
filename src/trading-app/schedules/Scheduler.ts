import { Cron } from 'croner';
import type { Clock, TimerHandle } from '../../platform/clock/index.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import type { ScheduleReport, Schedules } from './Schedules.ts';

/** What a run reports: `ok` or `failed`, or a word of its own (`skipped: locked`), and a short summary. */
export interface JobOutcome {
  readonly outcome: string;
  readonly summary?: string;
}

export interface ScheduledJob {
  readonly name: string;
  /** A cron expression with seconds (`30 * * * * *`: second 30 of every minute), in UTC; undefined: off. */
  readonly cron: string | undefined;
  /** False for a job that cannot run here (say, no venue): listed, never run. */
  readonly enabled: boolean;
  readonly run: () => Promise<JobOutcome>;
}

export interface ScheduleStatus {
  readonly name: string;
  /** `off` when the job has no schedule. */
  readonly cron: string;
  readonly enabled: boolean;
  readonly running: boolean;
  /** A run that fell due while the previous one was still running (at most one waits). */
  readonly queued: boolean;
  readonly last_run_at: string | null;
  readonly last_outcome: string | null;
  readonly last_summary: string | null;
  readonly last_duration_ms: number | null;
  readonly next_run_at: string | null;
  readonly runs: number;
  readonly failures: number;
}

interface JobState {
  readonly job: ScheduledJob;
  /** Undefined for a job that never runs (off, or disabled). */
  readonly cron: Cron | undefined;
  timer: TimerHandle | undefined;
  nextAt: number | undefined;
  running: Promise<void> | undefined;
  queued: boolean;
  last: { at: number; outcome: string; summary: string | null; durationMs: number } | undefined;
  runs: number;
  failures: number;
}

/**
 * In-process schedules on the injected clock (the original ran them on Temporal). The overlap
 * policy is the original's BUFFER_ONE: never two runs of a job at once, and a tick that falls due
 * while one runs waits, once, for it to end; further ticks meanwhile are dropped. A run that
 * throws is recorded as `failed`, logged, and the schedule goes on.
 */
export class Scheduler implements Schedules {
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #jobs = new Map<string, JobState>();
  #started = false;

  constructor(options: { clock: Clock; logger: Logger }) {
    this.#clock = options.clock;
    this.#logger = options.logger;
  }

  /** Throws on a malformed cron expression or a duplicate name: a schedule is config, checked at start. */
  add(job: ScheduledJob): void {
    if (this.#jobs.has(job.name)) throw new Error(`schedule "${job.name}" is defined twice`);
    const runs = job.enabled && job.cron !== undefined;
    const cron = runs ? new Cron(job.cron as string, { timezone: 'UTC', paused: true }) : undefined;
    const state: JobState = {
      job,
      cron,
      timer: undefined,
      nextAt: undefined,
      running: undefined,
      queued: false,
      last: undefined,
      runs: 0,
      failures: 0,
    };
    this.#jobs.set(job.name, state);
    if (this.#started) this.#arm(state);
  }

  start(): void {
    if (this.#started) return;
    this.#started = true;
    for (const state of this.#jobs.values()) this.#arm(state);
  }

  /** Stops the timers and waits for runs in progress; a queued run is dropped. */
  async stop(): Promise<void> {
    this.#started = false;
    for (const state of this.#jobs.values()) {
      this.#clock.clearTimer(state.timer);
      state.timer = undefined;
      state.nextAt = undefined;
      state.queued = false;
    }
    await Promise.all([...this.#jobs.values()].map((state) => state.running));
  }

  status(): ScheduleStatus[] {
    return [...this.#jobs.values()].map((state) => ({
      name: state.job.name,
      cron: state.job.cron ?? 'off',
      enabled: state.cron !== undefined,
      running: state.running !== undefined,
      queued: state.queued,
      last_run_at: state.last ? new Date(state.last.at).toISOString() : null,
      last_outcome: state.last?.outcome ?? null,
      last_summary: state.last?.summary ?? null,
      last_duration_ms: state.last?.durationMs ?? null,
      next_run_at: state.nextAt === undefined ? null : new Date(state.nextAt).toISOString(),
      runs: state.runs,
      failures: state.failures,
    }));
  }

  async report(): Promise<ScheduleReport> {
    return { data: this.status(), queue: null };
  }

  /** Runs a job now, outside its schedule, under the same overlap policy (`POST /api/schedules/:name/run`). */
  trigger(name: string): boolean {
    const state = this.#jobs.get(name);
    if (!state) return false;
    this.#due(state);
    return true;
  }

  #arm(state: JobState): void {
    if (!this.#started || !state.cron) return;
    const next = state.cron.nextRun(new Date(this.#clock.now()));
    if (!next) return;
    state.nextAt = next.getTime();
    state.timer = this.#clock.setTimeout(() => {
      state.timer = undefined;
      this.#due(state);
      this.#arm(state);
    }, state.nextAt - this.#clock.now());
  }

  #due(state: JobState): void {
    if (state.running) {
      state.queued = true;
      return;
    }
    state.running = this.#run(state).finally(() => {
      state.running = undefined;
      if (state.queued && this.#started) {
        state.queued = false;
        this.#due(state);
      }
    });
  }

  async #run(state: JobState): Promise<void> {
    const started = this.#clock.now();
    let outcome: JobOutcome;
    try {
      outcome = await state.job.run();
    } catch (error) {
      this.#logger.error({ err: error, schedule: state.job.name }, 'scheduled run failed');
      outcome = { outcome: 'failed', summary: error instanceof Error ? error.message : String(error) };
    }
    state.runs += 1;
    if (outcome.outcome === 'failed') state.failures += 1;
    state.last = {
      at: started,
      outcome: outcome.outcome,
      summary: outcome.summary ?? null,
      durationMs: this.#clock.now() - started,
    };
    this.#logger.info(
      {
        schedule: state.job.name,
        outcome: outcome.outcome,
        durationMs: state.last.durationMs,
        summary: outcome.summary,
      },
      'scheduled run finished',
    );
  }
}

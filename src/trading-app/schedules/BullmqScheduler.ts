import type { Job, Queue, Worker } from 'bullmq';
import { Cron } from 'croner';
import type { Clock } from '../../platform/clock/index.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import type { QueueConnection } from '../../platform/queue/queueConnection.ts';
import type { JobOutcome, ScheduledJob, ScheduleStatus } from './Scheduler.ts';
import type { QueueStatus, QueueWorkerStatus, ScheduleReport, Schedules } from './Schedules.ts';

/** The queue every app instance upserts its schedulers into and takes ticks from. */
export const SCHEDULES_QUEUE = 'schedules';
/** A tick that starts later than this after its time was missed while no instance ran (logged). */
export const LATE_TICK_MS = 5_000;
/** Finished jobs kept per state: the last runs `GET /api/schedules` shows, and the workers' heartbeats. */
const KEPT_JOBS = 500;

interface JobState {
  readonly job: ScheduledJob;
  running: Promise<unknown> | undefined;
  last: { at: number; outcome: string; summary: string | null; durationMs: number } | undefined;
  runs: number;
  failures: number;
}

/** What a tick's job stores as its result, for every instance to read. */
interface TickResult {
  readonly outcome: string;
  readonly summary: string | null;
  readonly tick_at: number;
  readonly started_at: number;
  readonly duration_ms: number;
}

/**
 * The schedules on BullMQ (decision 0030): every app instance upserts the same job schedulers (an
 * upsert with the same pattern changes nothing), and each tick is one job with the tick's time in
 * its id, so however many instances run, one of them runs it, once. A tick whose time came while
 * no instance ran stays in the queue as the one delayed job: the first instance back runs it once,
 * late, and says so; the ticks in between were never created (run once late, never a burst).
 *
 * Unlike the in-process `Scheduler`, the schedule runs on the queue's own (wall) clock; the injected
 * clock times the runs. Never two runs of a job at once in one instance (a tick waits for the
 * running one); across instances, the jobs' own guards hold (the MTF runner's database locks).
 */
export class BullmqScheduler implements Schedules {
  readonly #connection: QueueConnection;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #workerName: string;
  readonly #jobs = new Map<string, JobState>();
  readonly #queue: Queue;
  #worker: Worker | undefined;
  #stalled = 0;

  readonly #lateTickMs: number;

  constructor(options: {
    connection: QueueConnection;
    clock: Clock;
    logger: Logger;
    /** Unique among the instances: the workers `GET /api/schedules` lists. */
    workerName: string;
    /** A tick that starts later than this is logged as late; default LATE_TICK_MS. */
    lateTickMs?: number;
  }) {
    this.#connection = options.connection;
    this.#lateTickMs = options.lateTickMs ?? LATE_TICK_MS;
    this.#clock = options.clock;
    this.#logger = options.logger;
    this.#workerName = options.workerName;
    this.#queue = options.connection.queue(SCHEDULES_QUEUE);
    this.#queue.on('error', (error) => this.#logger.warn({ err: error }, 'schedules queue error'));
  }

  /** Throws on a malformed cron expression or a duplicate name, as the in-process scheduler does. */
  add(job: ScheduledJob): void {
    if (this.#jobs.has(job.name)) throw new Error(`schedule "${job.name}" is defined twice`);
    if (job.cron !== undefined) new Cron(job.cron, { timezone: 'UTC', paused: true }).stop();
    this.#jobs.set(job.name, { job, running: undefined, last: undefined, runs: 0, failures: 0 });
  }

  /**
   * Upserts the schedulers of the jobs that run here and removes those the configuration turned
   * off (every instance must share the schedules' variables), then starts taking ticks.
   */
  async start(): Promise<void> {
    if (this.#worker) return;
    for (const { job } of this.#jobs.values()) {
      if (job.cron === undefined) {
        await this.#queue.removeJobScheduler(job.name);
      } else if (job.enabled && !(await this.#scheduled(job.name, job.cron))) {
        await this.#queue.upsertJobScheduler(
          job.name,
          { pattern: job.cron, tz: 'UTC' },
          { name: job.name, data: {}, opts: { removeOnComplete: KEPT_JOBS, removeOnFail: KEPT_JOBS } },
        );
      }
    }
    const worker = this.#connection.worker(SCHEDULES_QUEUE, (job) => this.#process(job), {
      name: this.#workerName,
      // Each job of its own: a long MTF run does not hold the reconciliation back.
      concurrency: Math.max(1, this.#jobs.size),
    });
    worker.on('error', (error) => this.#logger.warn({ err: error }, 'schedules worker error'));
    worker.on('stalled', (jobId) => {
      this.#stalled += 1;
      this.#logger.warn({ jobId }, 'a scheduled run stalled (its worker stopped); it runs again');
    });
    this.#worker = worker;
    await worker.waitUntilReady();
  }

  /**
   * Already upserted as it is: left alone, so that an upsert never replaces a tick that fell due
   * while every instance was down (that tick is the one that runs late).
   */
  async #scheduled(name: string, cron: string): Promise<boolean> {
    const existing = await this.#queue.getJobScheduler(name);
    return existing?.pattern === cron && existing.tz === 'UTC';
  }

  /** Stops taking ticks and waits for the runs in progress; the schedulers stay for the other instances. */
  async stop(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    await worker?.close();
    await Promise.allSettled([...this.#jobs.values()].map((state) => state.running));
    await this.#queue.close();
  }

  status(): ScheduleStatus[] {
    return [...this.#jobs.values()].map((state) => this.#localStatus(state, undefined));
  }

  /**
   * A run now, on whichever instance takes it first. The overlap rule of the in-process scheduler
   * (BUFFER_ONE), across instances: while one requested run waits, more requests add nothing; while
   * one runs, one more waits (BullMQ's deduplication, `keepLastIfActive`).
   */
  trigger(name: string): boolean {
    if (!this.#jobs.has(name)) return false;
    this.#queue
      .add(
        name,
        {},
        {
          removeOnComplete: KEPT_JOBS,
          removeOnFail: KEPT_JOBS,
          deduplication: { id: `trigger-${name}`, keepLastIfActive: true },
        },
      )
      .catch((error: unknown) => this.#logger.error({ err: error, schedule: name }, 'could not queue a run'));
    return true;
  }

  async report(): Promise<ScheduleReport> {
    const [counts, schedulers, finished, active, connected] = await Promise.all([
      this.#queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized'),
      this.#queue.getJobSchedulers(0, -1),
      this.#queue.getJobs(['completed', 'failed'], 0, KEPT_JOBS - 1),
      this.#queue.getJobs(['active'], 0, -1),
      this.#queue.getWorkers(),
    ]);
    const lastFinished = new Map<string, Job>();
    const heartbeats = new Map<string, number>();
    for (const job of finished) {
      const finishedOn = job.finishedOn ?? 0;
      const seen = lastFinished.get(job.name);
      if (!seen || (seen.finishedOn ?? 0) < finishedOn) lastFinished.set(job.name, job);
      if (job.processedBy) heartbeats.set(job.processedBy, Math.max(heartbeats.get(job.processedBy) ?? 0, finishedOn));
    }
    const connectedNames = new Set(connected.map((client) => workerNameOf(client)).filter((n) => n !== undefined));
    const workers: QueueWorkerStatus[] = [...new Set([...connectedNames, ...heartbeats.keys()])].sort().map((name) => ({
      name,
      connected: connectedNames.has(name),
      last_heartbeat_at: isoOrNull(heartbeats.get(name)),
    }));
    const next = new Map(schedulers.map((scheduler) => [scheduler.key, scheduler.next]));
    const activeNames = new Set(active.map((job) => job.name));
    const data = [...this.#jobs.values()].map((state) => ({
      ...this.#localStatus(state, lastFinished.get(state.job.name)),
      running: activeNames.has(state.job.name),
      next_run_at: isoOrNull(next.get(state.job.name)),
    }));
    const queue: QueueStatus = {
      backend: this.#connection.backend,
      prefix: this.#connection.prefix,
      queue: SCHEDULES_QUEUE,
      waiting: (counts['waiting'] ?? 0) + (counts['prioritized'] ?? 0),
      active: counts['active'] ?? 0,
      delayed: counts['delayed'] ?? 0,
      failed: counts['failed'] ?? 0,
      completed: counts['completed'] ?? 0,
      stalled: this.#stalled,
      workers,
      last_heartbeat_at: isoOrNull(Math.max(0, ...heartbeats.values()) || undefined),
    };
    return { data, queue };
  }

  async #process(job: Job): Promise<TickResult> {
    const state = this.#jobs.get(job.name);
    const tickAt = tickTime(job);
    if (!state?.job.enabled) {
      // Another instance upserted a job this one cannot run (no venue here): it fails, visibly.
      throw new Error(`schedule "${job.name}" cannot run on ${this.#workerName}`);
    }
    const lateMs = this.#clock.now() - tickAt;
    if (lateMs > this.#lateTickMs) {
      this.#logger.warn(
        { schedule: job.name, tickAt: new Date(tickAt).toISOString(), lateMs },
        'a tick missed while no instance ran: run once, late (the ticks in between are skipped)',
      );
    }
    // One run of a job at a time in this instance: a tick waits for the one running.
    while (state.running) await state.running.catch(() => {});
    const run = this.#run(state, tickAt);
    state.running = run;
    try {
      return await run;
    } finally {
      if (state.running === run) state.running = undefined;
    }
  }

  async #run(state: JobState, tickAt: number): Promise<TickResult> {
    const started = this.#clock.now();
    let outcome: JobOutcome;
    let thrown: unknown;
    try {
      outcome = await state.job.run();
    } catch (error) {
      thrown = error;
      this.#logger.error({ err: error, schedule: state.job.name }, 'scheduled run failed');
      outcome = { outcome: 'failed', summary: error instanceof Error ? error.message : String(error) };
    }
    const durationMs = this.#clock.now() - started;
    state.runs += 1;
    if (outcome.outcome === 'failed') state.failures += 1;
    state.last = { at: started, outcome: outcome.outcome, summary: outcome.summary ?? null, durationMs };
    this.#logger.info(
      {
        schedule: state.job.name,
        outcome: outcome.outcome,
        durationMs,
        summary: outcome.summary,
        worker: this.#workerName,
      },
      'scheduled run finished',
    );
    // Thrown: the queue counts it failed (one attempt: the next tick is the retry).
    if (thrown !== undefined) throw thrown;
    return {
      outcome: outcome.outcome,
      summary: outcome.summary ?? null,
      tick_at: tickAt,
      started_at: started,
      duration_ms: durationMs,
    };
  }

  #localStatus(state: JobState, lastJob: Job | undefined): ScheduleStatus {
    const shared = lastJob ? lastRunOf(lastJob) : undefined;
    const last = shared ?? state.last;
    return {
      name: state.job.name,
      cron: state.job.cron ?? 'off',
      enabled: state.job.enabled && state.job.cron !== undefined,
      running: state.running !== undefined,
      queued: false,
      last_run_at: last ? new Date(last.at).toISOString() : null,
      last_outcome: last?.outcome ?? null,
      last_summary: last?.summary ?? null,
      last_duration_ms: last?.durationMs ?? null,
      next_run_at: null,
      runs: state.runs,
      failures: state.failures,
    };
  }
}

/** When a tick was due: a scheduler's job carries it (its id is `repeat:<name>:<ms>`); a run on request, when it was queued. */
export function tickTime(job: Job): number {
  const planned = (job.opts as { prevMillis?: number }).prevMillis;
  return typeof planned === 'number' ? planned : job.timestamp;
}

function lastRunOf(job: Job): { at: number; outcome: string; summary: string | null; durationMs: number } {
  const result = job.returnvalue as Partial<TickResult> | null | undefined;
  const at = result?.started_at ?? job.processedOn ?? job.timestamp;
  if (job.failedReason) {
    return { at, outcome: 'failed', summary: job.failedReason, durationMs: (job.finishedOn ?? at) - at };
  }
  return {
    at,
    outcome: result?.outcome ?? 'ok',
    summary: result?.summary ?? null,
    durationMs: result?.duration_ms ?? (job.finishedOn ?? at) - at,
  };
}

/** A worker's connection carries `…:w:<worker name>` (Redis CLIENT LIST, PostgreSQL application_name). */
function workerNameOf(client: { [key: string]: string }): string | undefined {
  const raw = client['rawname'] ?? client['name'] ?? '';
  const at = raw.indexOf(':w:');
  return at < 0 ? undefined : raw.slice(at + 3);
}

function isoOrNull(ms: number | undefined | null): string | null {
  return ms === undefined || ms === null ? null : new Date(ms).toISOString();
}

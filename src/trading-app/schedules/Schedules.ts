import type { ScheduledJob, ScheduleStatus } from './Scheduler.ts';

/** A worker of the shared queue: seen connected now, or by the jobs it finished. */
export interface QueueWorkerStatus {
  readonly name: string;
  readonly connected: boolean;
  /** When it last finished a job of this queue (the heartbeat the queue keeps); null: none kept. */
  readonly last_heartbeat_at: string | null;
}

/** The shared queue behind the schedules (decision 0030); null for the in-process schedules. */
export interface QueueStatus {
  readonly backend: 'postgres' | 'redis';
  readonly prefix: string;
  readonly queue: string;
  readonly waiting: number;
  readonly active: number;
  readonly delayed: number;
  readonly failed: number;
  readonly completed: number;
  /** Jobs whose worker stopped renewing its lock, put back to run again, as this instance saw them since it started. */
  readonly stalled: number;
  readonly workers: readonly QueueWorkerStatus[];
  readonly last_heartbeat_at: string | null;
}

export interface ScheduleReport {
  readonly data: readonly ScheduleStatus[];
  readonly queue: QueueStatus | null;
}

/**
 * The platform's schedules, in this process (`Scheduler`, croner on the injected clock) or on a
 * BullMQ queue shared by every app instance (`BullmqScheduler`).
 */
export interface Schedules {
  add(job: ScheduledJob): void;
  start(): void | Promise<void>;
  stop(): Promise<void>;
  /** This instance's view: its runs, its timers. */
  status(): ScheduleStatus[];
  /** Runs a job now, outside its schedule; false for an unknown name. */
  trigger(name: string): boolean;
  /** What `GET /api/schedules` shows: the schedules, and the shared queue when there is one. */
  report(): Promise<ScheduleReport>;
}

import type { MtfRunStore, RunSummary } from '../../trading-app/mtf-runner/index.ts';
import { jsonbCopy } from './jsonbCopy.ts';

interface StoredRun {
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly summary: RunSummary;
}

/**
 * The runs' summaries for one backtest, in memory: what the `mtf_runs` table answers (the first
 * summary of a run id stays; the last is the one that finished last). *Proven by*
 * test/backtest/memoryMtfRecords.test.ts against `MtfRunRepository`.
 */
export class MemoryMtfRuns implements MtfRunStore {
  readonly #runs = new Map<string, StoredRun>();
  #last: StoredRun | undefined;

  async record(summary: RunSummary, startedAt: number, finishedAt: number): Promise<void> {
    if (this.#runs.has(summary.run_id)) return;
    const run = { startedAt, finishedAt, summary: jsonbCopy(summary) };
    this.#runs.set(summary.run_id, run);
    if (!this.#last || finishedAt > this.#last.finishedAt) this.#last = run;
  }

  async last(): Promise<RunSummary | undefined> {
    return this.#last ? jsonbCopy(this.#last.summary) : undefined;
  }

  async find(runId: string): Promise<{ startedAt: number; summary: RunSummary } | undefined> {
    const run = this.#runs.get(runId);
    return run ? { startedAt: run.startedAt, summary: jsonbCopy(run.summary) } : undefined;
  }
}

import { desc, eq } from 'drizzle-orm';
import type { StoreDatabase } from '../../store/openDatabase.ts';
import { mtfRuns } from '../../store/schema.ts';
import type { RunSummary } from '../response/runResponse.ts';

/** Finished runs' summaries: the `mtf_runs` table (`MtfRunRepository`), or memory for one backtest. */
export interface MtfRunStore {
  /** The first summary of a run id stays. */
  record(summary: RunSummary, startedAt: number, finishedAt: number): Promise<void>;
  /** The run that finished last. */
  last(): Promise<RunSummary | undefined>;
  find(runId: string): Promise<{ startedAt: number; summary: RunSummary } | undefined>;
}

/** Finished runs' summaries, so `GET /api/mtf/status` tells the last run whichever process ran it. */
export class MtfRunRepository implements MtfRunStore {
  readonly #db: StoreDatabase;

  constructor(db: StoreDatabase) {
    this.#db = db;
  }

  async record(summary: RunSummary, startedAt: number, finishedAt: number): Promise<void> {
    await this.#db
      .insert(mtfRuns)
      .values({ runId: summary.run_id, startedAt: new Date(startedAt), finishedAt: new Date(finishedAt), summary })
      .onConflictDoNothing();
  }

  async last(): Promise<RunSummary | undefined> {
    const [row] = await this.#db.select().from(mtfRuns).orderBy(desc(mtfRuns.finishedAt)).limit(1);
    return row ? (row.summary as RunSummary) : undefined;
  }

  /** A run by id, with its decision time (`started_at`: the `now` every symbol of it was decided at). */
  async find(runId: string): Promise<{ startedAt: number; summary: RunSummary } | undefined> {
    const [row] = await this.#db.select().from(mtfRuns).where(eq(mtfRuns.runId, runId)).limit(1);
    return row ? { startedAt: row.startedAt.getTime(), summary: row.summary as RunSummary } : undefined;
  }
}

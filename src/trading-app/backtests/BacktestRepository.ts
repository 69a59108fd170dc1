import { desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { StoreDatabase } from '../store/openDatabase.ts';
import { backtests } from '../store/schema.ts';

export type BacktestState = 'queued' | 'running' | 'done' | 'failed';

/** The parameters as stored and shown: decimals as strings, times in ISO; `fees` null: the contracts' own. */
const StoredBacktestParametersSchema = z.looseObject({
  profile: z.string(),
  symbols: z.array(z.string()),
  from: z.string(),
  to: z.string(),
  balance: z.string(),
  fees: z.string().nullable(),
  slippage_bps: z.number(),
});
export type StoredBacktestParameters = z.infer<typeof StoredBacktestParametersSchema>;

export interface BacktestRow {
  readonly id: number;
  readonly createdAt: Date;
  readonly parameters: StoredBacktestParameters;
  readonly state: BacktestState;
  readonly summary: Record<string, unknown> | null;
  readonly error: string | null;
  readonly finishedAt: Date | null;
}

const LISTED = {
  id: backtests.id,
  createdAt: backtests.createdAt,
  parameters: backtests.parameters,
  state: backtests.state,
  summary: backtests.summary,
  error: backtests.error,
  finishedAt: backtests.finishedAt,
};

/** The `backtests` table: a row per run started through the API; results stay across restarts. */
export class BacktestRepository {
  readonly #db: StoreDatabase;

  constructor(db: StoreDatabase) {
    this.#db = db;
  }

  async create(parameters: StoredBacktestParameters, now: Date): Promise<number> {
    const [row] = await this.#db
      .insert(backtests)
      .values({ createdAt: now, parameters, state: 'queued' })
      .returning({ id: backtests.id });
    if (!row) throw new Error('the backtests insert returned no row');
    return row.id;
  }

  async markRunning(id: number): Promise<void> {
    await this.#db.update(backtests).set({ state: 'running' }).where(eq(backtests.id, id));
  }

  async markDone(id: number, outcome: { summary: unknown; result: string; report: string }, now: Date): Promise<void> {
    await this.#db
      .update(backtests)
      .set({ state: 'done', ...outcome, finishedAt: now })
      .where(eq(backtests.id, id));
  }

  async markFailed(id: number, error: string, now: Date): Promise<void> {
    await this.#db.update(backtests).set({ state: 'failed', error, finishedAt: now }).where(eq(backtests.id, id));
  }

  /** At start: what was queued or running when the app stopped will never finish. */
  async failUnfinished(error: string, now: Date): Promise<number> {
    const rows = await this.#db
      .update(backtests)
      .set({ state: 'failed', error, finishedAt: now })
      .where(inArray(backtests.state, ['queued', 'running']))
      .returning({ id: backtests.id });
    return rows.length;
  }

  /** Newest first, without the result and report (they can weigh megabytes). */
  async list(limit: number): Promise<BacktestRow[]> {
    const rows = await this.#db.select(LISTED).from(backtests).orderBy(desc(backtests.id)).limit(limit);
    return rows.map(asRow);
  }

  async find(id: number): Promise<(BacktestRow & { result: string | null }) | undefined> {
    const [row] = await this.#db
      .select({ ...LISTED, result: backtests.result })
      .from(backtests)
      .where(eq(backtests.id, id));
    return row && { ...asRow(row), result: row.result };
  }

  async report(id: number): Promise<{ state: BacktestState; report: string | null } | undefined> {
    const [row] = await this.#db
      .select({ state: backtests.state, report: backtests.report })
      .from(backtests)
      .where(eq(backtests.id, id));
    return row;
  }
}

function asRow(row: {
  id: number;
  createdAt: Date;
  parameters: unknown;
  state: BacktestState;
  summary: unknown;
  error: string | null;
  finishedAt: Date | null;
}): BacktestRow {
  return {
    ...row,
    parameters: StoredBacktestParametersSchema.parse(row.parameters),
    summary: (row.summary ?? null) as Record<string, unknown> | null,
  };
}

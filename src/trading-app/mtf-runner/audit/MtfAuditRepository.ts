import { and, desc, eq, type SQL } from 'drizzle-orm';
import type { StoreDatabase } from '../../store/openDatabase.ts';
import { audits } from '../../store/schema.ts';
import { type AuditPage, type AuditPageQuery, auditPage } from './AuditPages.ts';
import type { AuditDraft } from './auditRows.ts';

/** An audit row as `GET /api/mtf/audit` shows it (docs/reference/seed-contracts.md#mtf-routes). */
export interface AuditView {
  readonly id: number;
  readonly symbol: string;
  readonly run_id: string;
  readonly step: string;
  readonly timeframe: string | null;
  readonly cause: string | null;
  readonly severity: number;
  readonly details: unknown;
  readonly candle_open_time: string | null;
  readonly created_at: string;
}

export interface AuditQuery {
  readonly limit: number;
  readonly symbol?: string | undefined;
  readonly step?: string | undefined;
  readonly runId?: string | undefined;
}

/** Insert rows per statement: PostgreSQL caps a statement at 65 535 parameters (8 columns here). */
const CHUNK = 2_000;

export class MtfAuditRepository {
  readonly #db: StoreDatabase;

  constructor(db: StoreDatabase) {
    this.#db = db;
  }

  /** One run's rows, in one transaction (the original buffered them and flushed in batches of 100). */
  async insertRun(runId: string, createdAt: number, drafts: readonly AuditDraft[]): Promise<void> {
    if (drafts.length === 0) return;
    const at = new Date(createdAt);
    const rows = drafts.map((draft) => ({
      runId,
      symbol: draft.symbol,
      step: draft.step,
      timeframe: draft.timeframe,
      cause: draft.cause,
      severity: draft.severity,
      details: { ...draft.details, run_id: runId },
      candleOpenTime: draft.candleOpenTime === null ? null : new Date(draft.candleOpenTime),
      createdAt: at,
    }));
    await this.#db.transaction(async (tx) => {
      for (let start = 0; start < rows.length; start += CHUNK) {
        await tx.insert(audits).values(rows.slice(start, start + CHUNK));
      }
    });
  }

  async list(query: AuditQuery): Promise<AuditView[]> {
    const filters: SQL[] = [];
    if (query.symbol) filters.push(eq(audits.symbol, query.symbol));
    if (query.step) filters.push(eq(audits.step, query.step));
    if (query.runId) filters.push(eq(audits.runId, query.runId));
    const rows = await this.#db
      .select()
      .from(audits)
      .where(filters.length > 0 ? and(...filters) : undefined)
      .orderBy(desc(audits.id))
      .limit(query.limit);
    return rows.map((row) => ({
      id: row.id,
      symbol: row.symbol,
      run_id: row.runId,
      step: row.step,
      timeframe: row.timeframe,
      cause: row.cause,
      severity: row.severity,
      details: row.details,
      candle_open_time: row.candleOpenTime?.toISOString() ?? null,
      created_at: row.createdAt.toISOString(),
    }));
  }

  /** A page of the trail as `/api/mtf-audits` shows it. */
  page(query: AuditPageQuery): Promise<AuditPage> {
    return auditPage(this.#db, query);
  }
}

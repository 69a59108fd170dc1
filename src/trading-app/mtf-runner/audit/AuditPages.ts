import { and, asc, desc, eq, gte, lte, type SQL, sql } from 'drizzle-orm';
import type { StoreDatabase } from '../../store/openDatabase.ts';
import { audits } from '../../store/schema.ts';

export type AuditVerdict = 'SUCCESS' | 'FAILED' | 'WARNING' | 'SKIPPED' | 'INFO';
export const AUDIT_SORTS = ['id', 'runId', 'symbol', 'step', 'verdict', 'timestamp', 'createdAt'] as const;
export type AuditSort = (typeof AUDIT_SORTS)[number];

export interface AuditPageQuery {
  readonly page: number;
  readonly limit: number;
  readonly runId?: string | undefined;
  readonly symbol?: string | undefined;
  /** A substring of the step, any case. */
  readonly step?: string | undefined;
  readonly verdict?: AuditVerdict | undefined;
  readonly dateFrom?: Date | undefined;
  readonly dateTo?: Date | undefined;
  readonly sort: AuditSort;
  readonly order: 'asc' | 'desc';
}

/** A row as `GET /api/mtf-audits` shows it (docs/reference/seed-contracts.md#mtf-audits). */
export interface AuditPageRow {
  readonly id: number;
  readonly runId: string;
  readonly symbol: string;
  readonly step: string;
  readonly timeframe: string | null;
  readonly cause: string | null;
  readonly verdict: string;
  readonly payload: unknown;
  readonly timestamp: string;
  readonly candleTimestamp: string | null;
}

export interface AuditPage {
  readonly page: number;
  readonly limit: number;
  readonly total: number;
  readonly data: AuditPageRow[];
}

/**
 * The original's verdict of a step, from its lower-cased name (seed-contracts.md#mtf-audits), in SQL
 * so it can filter.
 */
const VERDICT = sql<string>`case
  when lower(${audits.step}) like '%success%' or lower(${audits.step}) like '%validated%' or lower(${audits.step}) = 'completed' then 'SUCCESS'
  when lower(${audits.step}) like '%failed%' or lower(${audits.step}) like '%error%' or lower(${audits.step}) like '%invalid%' then 'FAILED'
  when lower(${audits.step}) like '%warning%' or lower(${audits.step}) like '%partial%' then 'WARNING'
  when lower(${audits.step}) like '%skip%' or lower(${audits.step}) like '%pending%' then 'SKIPPED'
  else 'INFO' end`;

/** "verdict" sorts by severity, as the original's did. */
const SORT_COLUMNS = {
  id: audits.id,
  runId: audits.runId,
  symbol: audits.symbol,
  step: audits.step,
  verdict: audits.severity,
  timestamp: audits.createdAt,
  createdAt: audits.createdAt,
} as const;

/** Pages of the MTF audit trail, filtered and sorted as `/api/mtf-audits` offers (seed-contracts.md#mtf-audits). */
export async function auditPage(db: StoreDatabase, query: AuditPageQuery): Promise<AuditPage> {
  const where = and(...filtersOf(query));
  const [count] = await db.select({ total: sql<number>`count(*)::int` }).from(audits).where(where);
  const direction = query.order === 'asc' ? asc : desc;
  const rows = await db
    .select({ row: audits, verdict: VERDICT })
    .from(audits)
    .where(where)
    .orderBy(direction(SORT_COLUMNS[query.sort]), direction(audits.id))
    .limit(query.limit)
    .offset((query.page - 1) * query.limit);
  return {
    page: query.page,
    limit: query.limit,
    total: Number(count?.total ?? 0),
    data: rows.map(({ row, verdict }) => ({
      id: row.id,
      runId: row.runId,
      symbol: row.symbol,
      step: row.step,
      timeframe: row.timeframe,
      cause: row.cause,
      verdict,
      payload: row.details,
      timestamp: atom(row.createdAt),
      candleTimestamp: row.candleOpenTime ? atom(row.candleOpenTime) : null,
    })),
  };
}

function filtersOf(query: AuditPageQuery): SQL[] {
  const filters: SQL[] = [];
  if (query.runId) filters.push(eq(audits.runId, query.runId));
  if (query.symbol) filters.push(eq(audits.symbol, query.symbol.toUpperCase()));
  if (query.step) filters.push(sql`${audits.step} ilike ${`%${escapeLike(query.step)}%`}`);
  if (query.verdict) filters.push(sql`${VERDICT} = ${query.verdict}`);
  if (query.dateFrom) filters.push(gte(audits.createdAt, query.dateFrom));
  if (query.dateTo) filters.push(lte(audits.createdAt, query.dateTo));
  return filters;
}

/** `%` and `_` in the caller's text are literal, as a substring search means. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** PHP's DATE_ATOM in UTC: `2025-11-07T11:07:30+00:00`. */
function atom(date: Date): string {
  return `${date.toISOString().slice(0, 19)}+00:00`;
}

import { and, asc, desc, gte, lt, lte, type SQL, sql } from 'drizzle-orm';
import { computeDailyBalanceMetrics } from '../../domain/dailyBalanceMetrics.ts';
import type { BalanceInterval, BalanceSnapshotDto, DailyBalanceMetricDto } from '../../TradingAppServices.ts';
import { type Executor, isoTime } from '../executor.ts';
import { balanceSnapshots } from '../schema.ts';

type SnapshotRow = typeof balanceSnapshots.$inferSelect;

const DAY_MS = 86_400_000;

export async function currentBalance(db: Executor): Promise<BalanceSnapshotDto | undefined> {
  const [row] = await db
    .select()
    .from(balanceSnapshots)
    .orderBy(desc(balanceSnapshots.observedAt), desc(balanceSnapshots.id))
    .limit(1);
  return row === undefined ? undefined : snapshotDto(row);
}

/**
 * Snapshots in [from, to], oldest first. With an interval, one per UTC minute, hour or day: the
 * last snapshot of each (the balance as it stood when the bucket ended).
 */
export async function balanceHistory(
  db: Executor,
  query: { from?: Date; to?: Date; interval: BalanceInterval; limit?: number },
): Promise<BalanceSnapshotDto[]> {
  const conditions: SQL[] = [];
  if (query.from) conditions.push(gte(balanceSnapshots.observedAt, query.from));
  if (query.to) conditions.push(lte(balanceSnapshots.observedAt, query.to));
  const where = and(...conditions);
  if (query.interval === 'raw') {
    const rows = db
      .select()
      .from(balanceSnapshots)
      .where(where)
      .orderBy(asc(balanceSnapshots.observedAt), asc(balanceSnapshots.id));
    return (await (query.limit === undefined ? rows : rows.limit(query.limit))).map(snapshotDto);
  }
  // The unit is one of three literals, inlined: DISTINCT ON and ORDER BY must be the same expression.
  const bucket = sql`date_trunc(${sql.raw(`'${query.interval}'`)}, ${balanceSnapshots.observedAt}, 'UTC')`;
  const rows = db
    .selectDistinctOn([bucket])
    .from(balanceSnapshots)
    .where(where)
    .orderBy(bucket, desc(balanceSnapshots.observedAt), desc(balanceSnapshots.id));
  return (await (query.limit === undefined ? rows : rows.limit(query.limit))).map(snapshotDto);
}

/** The last `days` UTC days up to `now`'s, each from its first and last snapshot (see the domain rule). */
export async function dailyBalanceMetrics(db: Executor, days: number, now: Date): Promise<DailyBalanceMetricDto[]> {
  if (!Number.isInteger(days) || days < 1) return [];
  const endOfToday = Math.floor(now.getTime() / DAY_MS) * DAY_MS + DAY_MS;
  const start = new Date(endOfToday - days * DAY_MS);
  const inRange = and(gte(balanceSnapshots.observedAt, start), lt(balanceSnapshots.observedAt, new Date(endOfToday)));
  const day = sql<string>`to_char(${balanceSnapshots.observedAt} at time zone 'UTC', 'YYYY-MM-DD')`;
  const perDay = (direction: typeof asc) =>
    db
      .selectDistinctOn([day], { day, equity: balanceSnapshots.equity })
      .from(balanceSnapshots)
      .where(inRange)
      .orderBy(day, direction(balanceSnapshots.observedAt), direction(balanceSnapshots.id));
  const [firsts, lasts, previous] = await Promise.all([
    perDay(asc),
    perDay(desc),
    db
      .select({ equity: balanceSnapshots.equity })
      .from(balanceSnapshots)
      .where(lt(balanceSnapshots.observedAt, start))
      .orderBy(desc(balanceSnapshots.observedAt), desc(balanceSnapshots.id))
      .limit(1),
  ]);
  const lastByDay = new Map(lasts.map((row) => [row.day, row.equity]));
  const ranges = firsts.map((row) => ({
    day: row.day,
    firstEquity: row.equity,
    lastEquity: lastByDay.get(row.day) ?? row.equity,
  }));
  return computeDailyBalanceMetrics(previous[0]?.equity, ranges);
}

function snapshotDto(row: SnapshotRow): BalanceSnapshotDto {
  return {
    asset: row.asset,
    available_balance: row.availableBalance,
    frozen_balance: row.frozenBalance,
    equity: row.equity,
    unrealized_pnl: row.unrealizedPnl,
    position_deposit: row.positionDeposit,
    timestamp: isoTime(row.observedAt),
    trace_id: row.traceId,
  };
}

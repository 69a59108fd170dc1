import { and, asc, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Clock } from '../../platform/clock/index.ts';
import type { StoreDatabase } from '../store/openDatabase.ts';
import { tradeFills, tradeFunding, tradeOrders, trades } from '../store/schema.ts';

export type TradeRow = typeof trades.$inferSelect;
export type TradeStatus = TradeRow['status'];
export type TradeOrderRow = typeof tradeOrders.$inferSelect;
export type TradeFillRow = typeof tradeFills.$inferSelect;
export type TradeFundingRow = typeof tradeFunding.$inferSelect;

/** What the venue shows of a trade, as the last reconciliation wrote it (oldest first). */
export interface TradeActivity {
  readonly orders: readonly TradeOrderRow[];
  readonly fills: readonly TradeFillRow[];
  readonly funding: readonly TradeFundingRow[];
}

/** What identifies a decision and what the trade record keeps of it. */
export interface TradeDecision {
  readonly decisionKey: string;
  readonly runId: string;
  readonly profile: string;
  readonly symbol: string;
  readonly side: 'long' | 'short';
  readonly executionTimeframe: string;
  readonly candleOpenTime: number;
}

export type TradeVerdict =
  | { readonly status: 'skipped' | 'refused'; readonly reason: string; readonly detail: string }
  | { readonly status: 'planned'; readonly plan: unknown };

/** Attempts that count against the daily limits: sent to the worker, whatever became of them. */
const ATTEMPTS: readonly TradeStatus[] = ['planned', 'submitted', 'open', 'closed', 'cancelled'];

/**
 * The trade record: one row per decision, written before anything is sent. `record` inserts once;
 * a second call with the same key (a re-run, a retry, another process) gets the row that exists,
 * so the caller never acts twice on one decision.
 */
export class TradeRepository {
  readonly #db: StoreDatabase;
  readonly #clock: Clock;

  constructor(db: StoreDatabase, clock: Clock) {
    this.#db = db;
    this.#clock = clock;
  }

  async find(decisionKey: string): Promise<TradeRow | undefined> {
    const [row] = await this.#db.select().from(trades).where(eq(trades.decisionKey, decisionKey)).limit(1);
    return row;
  }

  async activity(decisionKey: string): Promise<TradeActivity> {
    const [orders, fills, funding] = await Promise.all([
      this.#db
        .select()
        .from(tradeOrders)
        .where(eq(tradeOrders.decisionKey, decisionKey))
        .orderBy(asc(tradeOrders.createdAt), asc(tradeOrders.orderId)),
      this.#db
        .select()
        .from(tradeFills)
        .where(eq(tradeFills.decisionKey, decisionKey))
        .orderBy(asc(tradeFills.filledAt), asc(tradeFills.tradeId)),
      this.#db
        .select()
        .from(tradeFunding)
        .where(eq(tradeFunding.decisionKey, decisionKey))
        .orderBy(asc(tradeFunding.paidAt)),
    ]);
    return { orders, fills, funding };
  }

  /** Inserts the decision with its verdict; when the key exists, returns that row untouched. */
  async record(decision: TradeDecision, verdict: TradeVerdict): Promise<{ inserted: boolean; trade: TradeRow }> {
    const now = new Date(this.#clock.now());
    const inserted = await this.#db
      .insert(trades)
      .values({
        ...decision,
        candleOpenTime: new Date(decision.candleOpenTime),
        status: verdict.status,
        reason: verdict.status === 'planned' ? null : verdict.reason,
        detail: verdict.status === 'planned' ? null : verdict.detail,
        plan: verdict.status === 'planned' ? verdict.plan : null,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing({ target: trades.decisionKey })
      .returning();
    if (inserted[0]) return { inserted: true, trade: inserted[0] };
    const existing = await this.find(decision.decisionKey);
    if (!existing) throw new Error(`trade ${decision.decisionKey} conflicted but could not be read back`);
    return { inserted: false, trade: existing };
  }

  /** The worker accepted the request (202, or 409: it already had it). Only a planned trade moves. */
  async markSubmitted(decisionKey: string): Promise<void> {
    const now = new Date(this.#clock.now());
    await this.#db
      .update(trades)
      .set({ status: 'submitted', submittedAt: now, updatedAt: now })
      .where(and(eq(trades.decisionKey, decisionKey), eq(trades.status, 'planned')));
  }

  /** The worker refused the request for good (a 4xx): nothing was placed. */
  async markFailed(decisionKey: string, reason: string, detail: string): Promise<void> {
    const now = new Date(this.#clock.now());
    await this.#db
      .update(trades)
      .set({ status: 'failed', reason, detail, updatedAt: now })
      .where(and(eq(trades.decisionKey, decisionKey), eq(trades.status, 'planned')));
  }

  /** Planned trades the worker has not acknowledged, older than `olderThanMs`: to send again. */
  async unsent(olderThanMs: number): Promise<TradeRow[]> {
    const before = new Date(this.#clock.now() - olderThanMs);
    return this.#db
      .select()
      .from(trades)
      .where(and(eq(trades.status, 'planned'), lt(trades.createdAt, before)));
  }

  /** Symbols with a trade not finished: recorded, sent, or open. */
  async activeSymbols(): Promise<string[]> {
    const rows = await this.#db
      .selectDistinct({ symbol: trades.symbol })
      .from(trades)
      .where(inArray(trades.status, ['planned', 'submitted', 'open']));
    return rows.map((row) => row.symbol);
  }

  /** Today's attempts (UTC day of `now`), in all and per symbol, and when each symbol last closed. */
  async today(now: number): Promise<{
    attempts: number;
    attemptsBySymbol: Map<string, number>;
    lastCloseBySymbol: Map<string, number>;
    realizedPnl: string;
  }> {
    const dayStart = new Date(Math.floor(now / 86_400_000) * 86_400_000);
    const attempts = await this.#db
      .select({ symbol: trades.symbol, count: sql<string>`count(*)` })
      .from(trades)
      .where(and(gte(trades.createdAt, dayStart), inArray(trades.status, [...ATTEMPTS])))
      .groupBy(trades.symbol);
    const closes = await this.#db
      .select({ symbol: trades.symbol, last: sql<Date>`max(${trades.closedAt})` })
      .from(trades)
      .where(eq(trades.status, 'closed'))
      .groupBy(trades.symbol);
    // Net of fees and funding once reconciled (the daily loss cap counts what left the account).
    const [pnl] = await this.#db
      .select({ total: sql<string | null>`sum(coalesce(${trades.netPnl}, ${trades.realizedPnl}))` })
      .from(trades)
      .where(and(eq(trades.status, 'closed'), gte(trades.closedAt, dayStart)));
    const attemptsBySymbol = new Map(attempts.map((row) => [row.symbol, Number(row.count)]));
    return {
      attempts: [...attemptsBySymbol.values()].reduce((sum, count) => sum + count, 0),
      attemptsBySymbol,
      lastCloseBySymbol: new Map(closes.map((row) => [row.symbol, new Date(row.last).getTime()])),
      realizedPnl: pnl?.total ?? '0',
    };
  }

  /** How many trades were recorded since `since`, by their status now. */
  async countByStatus(since: Date): Promise<Map<TradeStatus, number>> {
    const rows = await this.#db
      .select({ status: trades.status, count: sql<string>`count(*)` })
      .from(trades)
      .where(gte(trades.createdAt, since))
      .groupBy(trades.status);
    return new Map(rows.map((row) => [row.status, Number(row.count)]));
  }

  /** Trades written at or after `since` (their `updated_at`), oldest change first. */
  async changedSince(since: Date, limit: number): Promise<TradeRow[]> {
    return this.#db
      .select()
      .from(trades)
      .where(gte(trades.updatedAt, since))
      .orderBy(asc(trades.updatedAt))
      .limit(limit);
  }

  async list(filter: {
    symbol?: string | undefined;
    status?: TradeStatus | undefined;
    profile?: string | undefined;
    from?: Date | undefined;
    to?: Date | undefined;
    limit: number;
  }): Promise<TradeRow[]> {
    const conditions = [
      filter.symbol ? eq(trades.symbol, filter.symbol) : undefined,
      filter.status ? eq(trades.status, filter.status) : undefined,
      filter.profile ? eq(trades.profile, filter.profile) : undefined,
      filter.from ? gte(trades.createdAt, filter.from) : undefined,
      filter.to ? lt(trades.createdAt, filter.to) : undefined,
    ].filter((condition) => condition !== undefined);
    return this.#db
      .select()
      .from(trades)
      .where(conditions.length > 0 ? and(...conditions) : undefined)
      .orderBy(desc(trades.createdAt))
      .limit(filter.limit);
  }
}

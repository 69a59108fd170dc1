import { eq } from 'drizzle-orm';
import type { Fill, LedgerEntry } from '../../exchange/port/types.ts';
import { Dec } from '../../platform/decimal/index.ts';
import type { TradeExitReason } from '../domain/tradeExit.ts';
import type { StoreDatabase } from '../store/openDatabase.ts';
import { tradeFills, tradeFunding, tradeOrders, trades } from '../store/schema.ts';
import type { Excursions } from './excursions.ts';
import type { TradeFigures } from './tradeFigures.ts';
import type { TradeOrderRecord } from './tradeOrders.ts';

/** What one reconciliation read from the venue about one trade. */
export interface TradeAccountingUpdate {
  readonly decisionKey: string;
  /** `final` once the venue shows the trade's position flat. */
  readonly accounting: 'partial' | 'final';
  readonly figures: TradeFigures;
  readonly excursions: Excursions | undefined;
  readonly orders: readonly TradeOrderRecord[];
  /** The plans waiting on the venue now; undefined when not read (the trade is over). */
  readonly plans: readonly TradeOrderRecord[] | undefined;
  readonly fills: readonly Fill[];
  readonly funding: readonly LedgerEntry[];
  /** Set when the venue closed an open trade by an order that tells why (not the worker's close). */
  readonly close: { readonly exitReason: TradeExitReason; readonly closedAt: number } | undefined;
  /** Replaces a vague `exchange` exit reason. */
  readonly exitReason: TradeExitReason | undefined;
}

type TradeRow = typeof trades.$inferSelect;
type Columns = Partial<typeof trades.$inferInsert>;

/**
 * Writes a reconciliation in one transaction, and only what differs from the record: fills and
 * funding payments are the venue's immutable rows (inserted once), orders are upserted when one
 * of their fields changed, the trade's figures when one of them did. Returns whether anything
 * changed: reconciling twice changes nothing, `reconciled_at` included.
 */
export async function saveTradeAccounting(
  db: StoreDatabase,
  update: TradeAccountingUpdate,
  now: Date,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const key = update.decisionKey;
    const [trade] = await tx.select().from(trades).where(eq(trades.decisionKey, key)).for('update');
    if (!trade) return false;
    let changed = false;
    if (update.fills.length > 0) {
      const inserted = await tx
        .insert(tradeFills)
        .values(update.fills.map((fill) => fillRow(key, fill)))
        .onConflictDoNothing()
        .returning({ tradeId: tradeFills.tradeId });
      changed ||= inserted.length > 0;
    }
    if (update.funding.length > 0) {
      const inserted = await tx
        .insert(tradeFunding)
        .values(
          update.funding.map((entry) => ({
            decisionKey: key,
            ledgerId: entry.id,
            amount: entry.amount.toFixed(),
            paidAt: new Date(entry.time),
          })),
        )
        .onConflictDoNothing()
        .returning({ ledgerId: tradeFunding.ledgerId });
      changed ||= inserted.length > 0;
    }
    changed = (await saveOrders(tx, update)) || changed;
    const columns = tradeColumns(trade, update);
    if (Object.keys(columns).length > 0) {
      await tx
        .update(trades)
        .set({ ...columns, reconciledAt: now, updatedAt: now })
        .where(eq(trades.decisionKey, key));
      changed = true;
    }
    return changed;
  });
}

type Transaction = Parameters<Parameters<StoreDatabase['transaction']>[0]>[0];

async function saveOrders(tx: Transaction, update: TradeAccountingUpdate): Promise<boolean> {
  const key = update.decisionKey;
  const stored = await tx.select().from(tradeOrders).where(eq(tradeOrders.decisionKey, key));
  const byId = new Map(stored.map((row) => [`${row.source}:${row.orderId}`, row]));
  const wanted = [...update.orders, ...(update.plans ?? [])].map((record) => orderRow(key, record));
  const seenPlans = new Set((update.plans ?? []).map((plan) => plan.orderId));
  // A plan no longer waiting was canceled or fired; which one, the venue's lists do not say.
  const plansRead = update.plans !== undefined || update.accounting === 'final';
  for (const row of stored) {
    if (row.source === 'plan' && row.status === 'waiting' && plansRead && !seenPlans.has(row.orderId)) {
      wanted.push({ ...row, status: 'ended' });
    }
  }
  let changed = false;
  for (const row of wanted) {
    const before = byId.get(`${row.source}:${row.orderId}`);
    if (before && sameOrder(before, row)) continue;
    await tx
      .insert(tradeOrders)
      .values(row)
      .onConflictDoUpdate({ target: [tradeOrders.decisionKey, tradeOrders.source, tradeOrders.orderId], set: row });
    changed = true;
  }
  return changed;
}

function fillRow(decisionKey: string, fill: Fill): typeof tradeFills.$inferInsert {
  return {
    decisionKey,
    tradeId: fill.tradeId,
    orderId: fill.orderId,
    side: fill.side,
    price: fill.price.toFixed(),
    size: fill.size.toFixed(),
    fee: fill.fee.toFixed(),
    liquidity: fill.role ?? null,
    realizedPnl: (fill.realizedPnl ?? new Dec(0)).toFixed(),
    filledAt: new Date(fill.time),
  };
}

function orderRow(decisionKey: string, record: TradeOrderRecord): typeof tradeOrders.$inferSelect {
  return {
    decisionKey,
    source: record.source,
    orderId: record.orderId,
    clientOrderId: record.clientOrderId,
    role: record.role,
    side: record.side,
    type: record.type,
    status: record.status,
    price: record.price?.toFixed() ?? null,
    size: record.size.toFixed(),
    filledSize: record.filledSize.toFixed(),
    averagePrice: record.averagePrice?.toFixed() ?? null,
    createdAt: new Date(record.createdAt),
  };
}

function sameOrder(a: typeof tradeOrders.$inferSelect, b: typeof tradeOrders.$inferSelect): boolean {
  return (
    a.clientOrderId === b.clientOrderId &&
    a.role === b.role &&
    a.side === b.side &&
    a.type === b.type &&
    a.status === b.status &&
    sameNumber(a.price, b.price) &&
    sameNumber(a.size, b.size) &&
    sameNumber(a.filledSize, b.filledSize) &&
    sameNumber(a.averagePrice, b.averagePrice) &&
    a.createdAt.getTime() === b.createdAt.getTime()
  );
}

/** The trade's columns that the update changes; empty when the record already says all of it. */
function tradeColumns(trade: TradeRow, update: TradeAccountingUpdate): Columns {
  const { figures, excursions } = update;
  const wanted: Columns = {
    entryPrice: figures.entryPrice.toFixed(),
    quantity: figures.quantity.toFixed(),
    ...(figures.exitPrice === undefined ? {} : { exitPrice: figures.exitPrice.toFixed() }),
    realizedPnl: figures.grossPnl.toFixed(),
    fees: figures.fees.toFixed(),
    funding: figures.funding.toFixed(),
    netPnl: figures.netPnl.toFixed(),
    rMultiple: figures.rMultiple?.toFixed() ?? null,
    maePrice: excursions?.maePrice.toFixed() ?? null,
    mfePrice: excursions?.mfePrice.toFixed() ?? null,
    maeUsdt: excursions?.maeUsdt.toFixed() ?? null,
    mfeUsdt: excursions?.mfeUsdt.toFixed() ?? null,
    accounting: update.accounting,
    ...(update.close
      ? { status: 'closed' as const, exitReason: update.close.exitReason, closedAt: new Date(update.close.closedAt) }
      : {}),
    ...(update.exitReason && trade.exitReason === 'exchange' ? { exitReason: update.exitReason } : {}),
  };
  const changed: Columns = {};
  for (const [name, value] of Object.entries(wanted) as [keyof Columns, unknown][]) {
    const before = trade[name as keyof TradeRow];
    if (!sameValue(before, value)) Object.assign(changed, { [name]: value });
  }
  return changed;
}

function sameValue(before: unknown, after: unknown): boolean {
  if (before instanceof Date && after instanceof Date) return before.getTime() === after.getTime();
  if (typeof before === 'string' && typeof after === 'string' && /^-?[\d.]+$/.test(after)) {
    return sameNumber(before, after);
  }
  return before === after;
}

function sameNumber(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  return new Dec(a).eq(b);
}

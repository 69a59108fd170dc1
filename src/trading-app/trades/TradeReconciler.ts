import { and, eq, gte, isNull, or } from 'drizzle-orm';
import { z } from 'zod';
import type { FuturesExchange } from '../../exchange/port/FuturesExchange.ts';
import type { LedgerEntry } from '../../exchange/port/types.ts';
import type { Clock } from '../../platform/clock/index.ts';
import { Dec } from '../../platform/decimal/index.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import type { StoreDatabase } from '../store/openDatabase.ts';
import { tradeOrders, trades } from '../store/schema.ts';
import { excursionTimeframe } from './excursions.ts';
import { tradeAccountingOf } from './tradeAccountingOf.ts';
import { saveTradeAccounting, type TradeAccountingUpdate } from './tradeAccountingWrites.ts';
import { sum } from './tradeFigures.ts';
import { walkTradeFills } from './tradeFillWalk.ts';

type TradeRow = typeof trades.$inferSelect;

/** `pending`: the venue does not show the trade's entry fill yet; `skipped`: nothing to reconcile (not open or closed). */
export type ReconcileOutcome = 'updated' | 'unchanged' | 'pending' | 'skipped' | 'not_found';

/** Venue and app clocks may differ by this much; the fills are read from this long before the submission. */
const CLOCK_SLACK_MS = 5 * 60_000;
/** Closed trades are looked at for a week at most: BitMart keeps a week of fills by default. */
const CLOSED_LOOKBACK_MS = 7 * 86_400_000;

/** What the reconciliation reads of the plan the trade was sent with (planDto.ts). */
const RecordedPlanSchema = z.looseObject({
  contract_size: z.string().optional(),
  risk_usdt: z.string().optional(),
  targets: z.array(z.unknown()).optional(),
});

export interface TradeReconcilerDependencies {
  readonly exchange: FuturesExchange;
  readonly db: StoreDatabase;
  readonly clock: Clock;
  readonly logger: Logger;
}

/**
 * Makes each trade record agree with the venue (decision 0021): its fills, fees, funding, orders,
 * net PnL, R multiple and MAE/MFE, read from the exchange and written in one transaction. Runs
 * after each callback about a trade, at start-up and every minute (`trade-reconcile`); an open
 * trade gets its figures so far, a closed one is reconciled until the venue shows it flat.
 */
export class TradeReconciler {
  readonly #deps: TradeReconcilerDependencies;

  constructor(deps: TradeReconcilerDependencies) {
    this.#deps = deps;
  }

  /** Every open trade, and every trade closed in the last week whose figures are not final. */
  async reconcileDue(): Promise<Record<ReconcileOutcome | 'failed', number>> {
    const since = new Date(this.#deps.clock.now() - CLOSED_LOOKBACK_MS);
    const due = await this.#deps.db
      .select({ decisionKey: trades.decisionKey })
      .from(trades)
      .where(
        or(
          eq(trades.status, 'open'),
          and(
            eq(trades.status, 'closed'),
            gte(trades.closedAt, since),
            or(eq(trades.accounting, 'partial'), isNull(trades.accounting)),
          ),
        ),
      );
    const counts = { updated: 0, unchanged: 0, pending: 0, skipped: 0, not_found: 0, failed: 0 };
    for (const { decisionKey } of due) {
      try {
        counts[await this.reconcile(decisionKey)] += 1;
      } catch (error) {
        counts.failed += 1;
        this.#deps.logger.warn({ err: error, decisionKey }, 'trade reconciliation failed; it is tried again later');
      }
    }
    return counts;
  }

  async reconcile(decisionKey: string): Promise<ReconcileOutcome> {
    const [trade] = await this.#deps.db.select().from(trades).where(eq(trades.decisionKey, decisionKey)).limit(1);
    if (!trade) return 'not_found';
    if (trade.status !== 'open' && trade.status !== 'closed') return 'skipped';
    const update = await this.#read(trade);
    if (!update) return 'pending';
    const changed = await saveTradeAccounting(this.#deps.db, update, new Date(this.#deps.clock.now()));
    return changed ? 'updated' : 'unchanged';
  }

  async #read(trade: TradeRow): Promise<TradeAccountingUpdate | undefined> {
    const { exchange } = this.#deps;
    const parsed = RecordedPlanSchema.safeParse(trade.plan ?? {});
    const plan = parsed.success ? parsed.data : {};
    const sentAt = (trade.submittedAt ?? trade.createdAt).getTime();
    const readUntil = trade.closedAt ? trade.closedAt.getTime() + CLOCK_SLACK_MS : undefined;
    const symbolFills = await exchange.fills(trade.symbol, {
      start: sentAt - CLOCK_SLACK_MS,
      ...(readUntil === undefined ? {} : { end: readUntil }),
    });
    const walk = walkTradeFills(symbolFills, trade.side, { entryOrderId: trade.entryOrderId, notBefore: sentAt });
    if (!walk) return undefined;
    const firstAt = walk.fills[0]?.time ?? sentAt;
    const lastAt = walk.flat ? walk.fills[walk.fills.length - 1]?.time : undefined;
    const window = { start: firstAt, ...(lastAt === undefined ? {} : { end: lastAt }) };
    const [funding, history, waiting, candles, contractSize, stopMovedBefore] = await Promise.all([
      exchange.ledger({ symbol: trade.symbol, kind: 'funding', window }),
      exchange.orderHistory(trade.symbol, { start: sentAt - CLOCK_SLACK_MS, ...(lastAt ? { end: lastAt } : {}) }),
      walk.flat ? undefined : exchange.planOrders(trade.symbol),
      this.#candles(trade.symbol, firstAt, lastAt),
      this.#contractSize(trade.symbol, plan.contract_size),
      this.#stopMoved(trade.decisionKey),
    ]);
    const venue = { walk, funding, history, waiting, candles, contractSize, stopMovedBefore, sentAt };
    const update = tradeAccountingOf(trade, plan, venue);
    if (lastAt !== undefined) await this.#checkLedger(trade, update.figures.netPnl, firstAt, lastAt);
    return update;
  }

  /** Whether a stop the worker moved after TP1 was seen on the venue while the trade was open. */
  async #stopMoved(decisionKey: string): Promise<boolean> {
    const [moved] = await this.#deps.db
      .select({ orderId: tradeOrders.orderId })
      .from(tradeOrders)
      .where(and(eq(tradeOrders.decisionKey, decisionKey), eq(tradeOrders.role, 'trailing')))
      .limit(1);
    return moved !== undefined;
  }

  async #contractSize(symbol: string, recorded: string | undefined): Promise<Dec> {
    if (recorded !== undefined) return new Dec(recorded);
    const [contract] = await this.#deps.exchange.contracts(symbol);
    if (!contract) throw new Error(`the venue lists no ${symbol}`);
    return contract.contractSize;
  }

  #candles(symbol: string, from: number, until: number | undefined) {
    const end = until ?? this.#deps.clock.now();
    const timeframe = excursionTimeframe(from, end);
    return this.#deps.exchange.klines({ symbol, timeframe, start: from - (from % 60_000), end });
  }

  /**
   * The venue's own ledger over the holding window must say what the trade's fills and funding
   * say. It differs when the venue's realised PnL included the fee (decision 0021 chose the
   * other way), or the insurance fund covered a loss: a warning names both figures.
   */
  async #checkLedger(trade: TradeRow, netPnl: Dec, from: number, until: number): Promise<void> {
    const ledger = await this.#deps.exchange.ledger({ symbol: trade.symbol, window: { start: from, end: until } });
    const booked = sum(ledger.filter(tradeMovement).map((entry) => entry.amount));
    if (booked.eq(netPnl)) return;
    this.#deps.logger.warn(
      { decisionKey: trade.decisionKey, netPnl: netPnl.toFixed(), ledger: booked.toFixed() },
      "a trade's net PnL differs from the venue's ledger over its holding window",
    );
  }
}

function tradeMovement(entry: LedgerEntry): boolean {
  return entry.kind !== 'transfer' && entry.kind !== 'other';
}

import type { Kline, LedgerEntry, Order, PlanOrder } from '../../exchange/port/types.ts';
import { Dec } from '../../platform/decimal/index.ts';
import { exitReasonOfClosingRole, type TradeExitReason } from '../domain/tradeExit.ts';
import type { trades } from '../store/schema.ts';
import { excursions } from './excursions.ts';
import type { TradeAccountingUpdate } from './tradeAccountingWrites.ts';
import { tradeFigures } from './tradeFigures.ts';
import { closingSide, type TradeFillWalk, type TradeSide } from './tradeFillWalk.ts';
import { recordOfPlan, type TradeOrderRecord, tradeOrderRecords } from './tradeOrders.ts';

type TradeRow = typeof trades.$inferSelect;

/** What the venue shows of one trade, read by the reconciler. */
export interface TradeOnVenue {
  readonly walk: TradeFillWalk;
  readonly funding: readonly LedgerEntry[];
  readonly history: readonly Order[];
  /** The plans waiting now; undefined once the trade is flat (not read). */
  readonly waiting: readonly PlanOrder[] | undefined;
  readonly candles: readonly Kline[];
  /** From the plan the trade was sent with, else the venue's contract. */
  readonly contractSize: Dec;
  /** A stop the worker moved was seen at an earlier reconciliation. */
  readonly stopMovedBefore: boolean;
  /** When the app sent the trade (its clock): unfilled orders placed since are the trade's. */
  readonly sentAt: number;
}

/** The plan fields the accounting reads (planDto.ts). */
export interface RecordedPlan {
  readonly risk_usdt?: string | undefined;
  readonly targets?: readonly unknown[] | undefined;
}

/** The trade's accounting from what the venue shows (pure): figures, excursions, orders, exit. */
export function tradeAccountingOf(trade: TradeRow, plan: RecordedPlan, venue: TradeOnVenue): TradeAccountingUpdate {
  const { walk, contractSize } = venue;
  const side = trade.side;
  const riskUsdt = plan.risk_usdt === undefined ? undefined : new Dec(plan.risk_usdt);
  const lastAt = walk.flat ? walk.fills[walk.fills.length - 1]?.time : undefined;
  const plans = venue.waiting?.map((row) => recordOfPlan(row, plan.targets?.length ?? 1));
  const orders = tradeOrderRecords({
    side,
    walk,
    history: venue.history,
    plans: plans ?? [],
    placedFrom: venue.sentAt,
    placedUntil: lastAt,
  });
  const figures = tradeFigures({ side, contractSize, riskUsdt, walk, funding: venue.funding });
  const exitReason = lastAt === undefined ? undefined : exitOnVenue(walk, orders, side, venue.stopMovedBefore);
  return {
    decisionKey: trade.decisionKey,
    accounting: walk.flat ? 'final' : 'partial',
    figures,
    excursions: excursions({
      side,
      entryPrice: figures.entryPrice,
      largestSize: walk.largestSize,
      contractSize,
      riskUsdt,
      candles: venue.candles,
      fillPrices: walk.fills.map((fill) => fill.price),
    }),
    orders,
    plans,
    fills: walk.fills,
    funding: venue.funding,
    close:
      trade.status === 'open' && exitReason !== undefined && lastAt !== undefined
        ? { exitReason, closedAt: lastAt }
        : undefined,
    exitReason,
  };
}

/** Why the venue says the trade ended: the role of the order of its last fill (see exitReasonOfClosingRole). */
function exitOnVenue(
  walk: TradeFillWalk,
  orders: readonly TradeOrderRecord[],
  side: TradeSide,
  stopMoved: boolean,
): TradeExitReason | undefined {
  const last = walk.fills[walk.fills.length - 1];
  const final = orders.find((order) => order.source === 'order' && order.orderId === last?.orderId);
  if (!last || !final) return undefined;
  const closes = closingSide(side);
  const partlyClosedBefore = walk.fills.some((fill) => fill.side === closes && fill.orderId !== last.orderId);
  return exitReasonOfClosingRole(final.role, { stopMoved, partlyClosedBefore });
}

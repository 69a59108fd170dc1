import { Dec, roundToStep } from '../../platform/decimal/index.ts';
import type { BookLevel, OrderBook } from '../market/types.ts';
import type { OrderMode, OrderSide } from './types.ts';

export interface PlannedFill {
  readonly price: Dec;
  readonly size: number;
}

/**
 * What a new order does against the book at arrival: the taker fills, how many contracts then
 * rest as a maker order, and whether the rest is canceled (IOC, FOK, maker-only that would take).
 */
export interface TakerPlan {
  readonly fills: readonly PlannedFill[];
  readonly restSize: number;
  readonly canceledSize: number;
}

export interface TakerRequest {
  readonly side: OrderSide;
  readonly type: 'limit' | 'market';
  readonly mode: OrderMode;
  readonly size: number;
  readonly price: Dec | undefined;
}

export function isBuySide(side: OrderSide): boolean {
  return side === 1 || side === 2;
}

/** Takes level after level from the touch, never beyond `limit`: the size-dependent slippage. */
export function walkBook(levels: readonly BookLevel[], size: number, limit: Dec | undefined, isBuy: boolean) {
  const fills: PlannedFill[] = [];
  let remaining = size;
  for (const level of levels) {
    if (remaining === 0) break;
    if (limit && (isBuy ? level.price.gt(limit) : level.price.lt(limit))) break;
    const take = Math.min(remaining, level.size);
    if (take > 0) fills.push({ price: level.price, size: take });
    remaining -= take;
  }
  return { fills, filled: size - remaining };
}

function killed(size: number): TakerPlan {
  return { fills: [], restSize: 0, canceledSize: size };
}

export function planTaker(request: TakerRequest, book: OrderBook, lastPrice: Dec): TakerPlan {
  const isBuy = isBuySide(request.side);
  const levels = isBuy ? book.asks : book.bids;
  if (request.type === 'market') return planMarket(request, levels, isBuy, lastPrice);
  const limit = request.price as Dec;
  const touch = levels[0];
  const crosses = touch !== undefined && (isBuy ? touch.price.lte(limit) : touch.price.gte(limit));
  if (!crosses) return request.mode === 2 || request.mode === 3 ? killed(request.size) : noTake(request.size);
  // Maker-only orders that would take liquidity are canceled whole (BitMart's post-only behaviour).
  if (request.mode === 4) return killed(request.size);
  const { fills, filled } = walkBook(levels, request.size, limit, isBuy);
  const left = request.size - filled;
  if (request.mode === 2 && left > 0) return killed(request.size);
  if (request.mode === 3) return { fills, restSize: 0, canceledSize: left };
  return { fills, restSize: left, canceledSize: 0 };
}

function noTake(size: number): TakerPlan {
  return { fills: [], restSize: size, canceledSize: 0 };
}

function planMarket(request: TakerRequest, levels: readonly BookLevel[], isBuy: boolean, lastPrice: Dec): TakerPlan {
  const { fills, filled } = walkBook(levels, request.size, undefined, isBuy);
  const left = request.size - filled;
  if (left === 0) return { fills, restSize: 0, canceledSize: 0 };
  if (request.mode === 2) return killed(request.size);
  if (request.mode === 3) return { fills, restSize: 0, canceledSize: left };
  // The synthetic book is finite; a market order larger than it fills the rest at the last level.
  const lastLevel = fills.at(-1)?.price ?? levels.at(-1)?.price ?? lastPrice;
  return { fills: [...fills, { price: lastLevel, size: left }], restSize: 0, canceledSize: 0 };
}

/**
 * A market order's fills moved against the taker by `bps` basis points, rounded to the tick away
 * from it: the cost of a thin or fast book that the synthetic one does not show. Stop and
 * take-profit triggers place market orders, so their fills move too; limit prices are kept.
 */
export function slipMarketFills(plan: TakerPlan, bps: number, isBuy: boolean, tickSize: Dec): TakerPlan {
  if (bps === 0) return plan;
  const factor = new Dec(1).plus(new Dec(isBuy ? bps : -bps).div(10_000));
  const rounding = isBuy ? Dec.ROUND_UP : Dec.ROUND_DOWN;
  return {
    ...plan,
    fills: plan.fills.map((fill) => ({
      price: roundToStep(fill.price.mul(factor), tickSize, rounding),
      size: fill.size,
    })),
  };
}

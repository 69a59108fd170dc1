import { type Dec, roundToStep, ZERO } from '../../platform/decimal/index.ts';
import type { ContractSpec, Market } from '../market/types.ts';
import type { Account } from './Account.ts';
import { money, notional } from './money.ts';
import type { PositionRecord } from './records.ts';
import type { SimAsset, SimPosition } from './types.ts';

export function isLong(position: PositionRecord): boolean {
  return position.positionType === 1;
}

/** PnL of `size` contracts closed at `price`: (exit − entry) × size × contractSize, reversed for shorts. */
export function pnlAt(position: PositionRecord, price: Dec, size: number, contractSize: Dec): Dec {
  const perUnit = isLong(position) ? price.minus(position.entryPrice) : position.entryPrice.minus(price);
  return money(perUnit.mul(size).mul(contractSize));
}

export function unrealized(position: PositionRecord, mark: Dec, spec: ContractSpec): Dec {
  return position.amount === 0 ? ZERO : pnlAt(position, mark, position.amount, spec.contractSize);
}

/** Maintenance margin: maintenanceMarginRate × mark notional. */
export function maintenance(position: PositionRecord, mark: Dec, spec: ContractSpec): Dec {
  return money(notional(mark, position.amount, spec.contractSize).mul(spec.maintenanceMarginRate));
}

/**
 * Margin left to a cross position before liquidation besides its own: available balance plus what
 * the other cross positions hold above their maintenance.
 */
export function crossBuffer(account: Account, market: Market, except?: PositionRecord): Dec {
  let buffer = account.available;
  for (const other of account.openPositions()) {
    if (other === except || other.openType !== 'cross') continue;
    const spec = market.contract(other.symbol);
    if (!spec) continue;
    const mark = market.markPrice(other.symbol);
    buffer = buffer
      .plus(other.margin)
      .plus(unrealized(other, mark, spec))
      .minus(maintenance(other, mark, spec));
  }
  return buffer;
}

/**
 * The mark price at which margin + unrealized = maintenance. Long: (E·A·c − M) / (A·c·(1 − mmr));
 * short: (E·A·c + M) / (A·c·(1 + mmr)), with M the margin the position can draw on (its own for
 * isolated, plus the cross buffer for cross). Rounded to the tick towards the position's safety.
 */
export function liquidationPrice(position: PositionRecord, spec: ContractSpec, extraMargin: Dec): Dec {
  if (position.amount === 0) return ZERO;
  const margin = position.margin.plus(extraMargin);
  const size = spec.contractSize.mul(position.amount);
  const entryValue = position.entryPrice.mul(size);
  const mmr = spec.maintenanceMarginRate;
  const price = isLong(position)
    ? entryValue.minus(margin).div(size.mul(mmr.neg().plus(1)))
    : entryValue.plus(margin).div(size.mul(mmr.plus(1)));
  if (price.lte(0)) return ZERO;
  return roundToStep(price, spec.tickSize, isLong(position) ? 2 : 3);
}

export function positionSnapshot(account: Account, position: PositionRecord, market: Market): SimPosition {
  const spec = market.contract(position.symbol);
  const mark = market.markPrice(position.symbol);
  const oneWay = account.positionMode === 'one_way_mode';
  const extra = spec && position.openType === 'cross' ? crossBuffer(account, market, position) : ZERO;
  return {
    symbol: position.symbol,
    positionType: position.positionType,
    positionSide: oneWay ? 'both' : isLong(position) ? 'long' : 'short',
    positionMode: account.positionMode,
    amount: position.amount,
    frozenAmount: position.frozenAmount,
    entryPrice: position.entryPrice,
    leverage: position.leverage,
    openType: position.openType,
    margin: position.margin,
    maintenanceMargin: spec ? maintenance(position, mark, spec) : ZERO,
    markPrice: mark,
    unrealizedPnl: spec ? unrealized(position, mark, spec) : ZERO,
    realizedPnl: position.realizedPnl,
    feesPaid: position.feesPaid,
    closedVolume: position.closedVolume,
    closeAvgPrice: position.closedVolume === 0 ? ZERO : money(position.closedValue.div(position.closedVolume)),
    liquidationPrice: spec ? liquidationPrice(position, spec, extra) : ZERO,
    openTime: position.openTime,
    updateTime: position.updateTime,
  };
}

/** A symbol's rows, zero-filled when flat: both sides in hedge mode, the held side (or long) in one-way. */
export function symbolPositions(account: Account, spec: ContractSpec, market: Market): SimPosition[] {
  const long = account.position(spec, 1);
  const short = account.position(spec, 2);
  if (account.positionMode === 'hedge_mode') {
    return [positionSnapshot(account, long, market), positionSnapshot(account, short, market)];
  }
  return [positionSnapshot(account, short.amount > 0 ? short : long, market)];
}

export function totalUnrealized(account: Account, market: Market): Dec {
  let total = ZERO;
  for (const position of account.openPositions()) {
    const spec = market.contract(position.symbol);
    if (spec) total = total.plus(unrealized(position, market.markPrice(position.symbol), spec));
  }
  return total;
}

export function usdtAsset(account: Account, market: Market): SimAsset {
  const positionDeposit = account.positionDeposit();
  const unrealizedPnl = totalUnrealized(account, market);
  return {
    currency: 'USDT',
    available: account.available,
    frozen: account.frozen,
    positionDeposit,
    unrealized: unrealizedPnl,
    equity: account.available.plus(account.frozen).plus(positionDeposit).plus(unrealizedPnl),
  };
}

export function zeroAsset(currency: 'BTC' | 'ETH'): SimAsset {
  return { currency, available: ZERO, frozen: ZERO, positionDeposit: ZERO, unrealized: ZERO, equity: ZERO };
}

import type { Fill, LedgerEntry } from '../../exchange/port/types.ts';
import { type Dec, ZERO } from '../../platform/decimal/index.ts';
import { openingSide, type TradeFillWalk, type TradeSide } from './tradeFillWalk.ts';

/** Averages and ratios leave the decimal grid; they are rounded here, sums never are. */
const PRICE_DECIMALS = 12;
const R_DECIMALS = 4;

/** A trade's money, from the venue's fills and ledger (decision 0021). */
export interface TradeFigures {
  /** Volume-weighted price of the opening fills, and the contracts they opened. */
  readonly entryPrice: Dec;
  readonly quantity: Dec;
  /** Volume-weighted price of the closing fills; undefined before the first close. */
  readonly exitPrice: Dec | undefined;
  /** The venue's realised PnL of the closes, fees excluded. */
  readonly grossPnl: Dec;
  /** Every fill's fee, positive = paid. */
  readonly fees: Dec;
  /** Funding received (+) or paid (−) while open. */
  readonly funding: Dec;
  /** grossPnl − fees + funding: what the trade did to the balance. */
  readonly netPnl: Dec;
  /** netPnl / the plan's risk; undefined without a risk. */
  readonly rMultiple: Dec | undefined;
}

export function tradeFigures(input: {
  readonly side: TradeSide;
  readonly contractSize: Dec;
  readonly riskUsdt: Dec | undefined;
  readonly walk: TradeFillWalk;
  readonly funding: readonly LedgerEntry[];
}): TradeFigures {
  const opens = openingSide(input.side);
  const opening = input.walk.fills.filter((fill) => fill.side === opens);
  const closing = input.walk.fills.filter((fill) => fill.side !== opens);
  const entryPrice = averagePrice(opening) ?? ZERO;
  const grossPnl = sum(closing.map((fill) => realizedOf(fill, entryPrice, input)));
  const fees = sum(input.walk.fills.map((fill) => fill.fee));
  const funding = sum(input.funding.filter((entry) => entry.kind === 'funding').map((entry) => entry.amount));
  const netPnl = grossPnl.minus(fees).plus(funding);
  return {
    entryPrice,
    quantity: sum(opening.map((fill) => fill.size)),
    exitPrice: averagePrice(closing),
    grossPnl,
    fees,
    funding,
    netPnl,
    rMultiple: inR(netPnl, input.riskUsdt),
  };
}

/** An amount in units of the plan's risk, rounded to 4 decimals; undefined without a positive risk. */
export function inR(amount: Dec, riskUsdt: Dec | undefined): Dec | undefined {
  if (riskUsdt === undefined || !riskUsdt.gt(0)) return undefined;
  return amount.div(riskUsdt).toDecimalPlaces(R_DECIMALS);
}

export function sum(values: readonly Dec[]): Dec {
  return values.reduce((total, value) => total.plus(value), ZERO);
}

function averagePrice(fills: readonly Fill[]): Dec | undefined {
  const size = sum(fills.map((fill) => fill.size));
  if (size.isZero()) return undefined;
  return sum(fills.map((fill) => fill.price.mul(fill.size)))
    .div(size)
    .toDecimalPlaces(PRICE_DECIMALS);
}

/** The venue's figure; a venue that gives none gets (price − entry) × size × contract size, signed by side. */
function realizedOf(fill: Fill, entryPrice: Dec, input: { side: TradeSide; contractSize: Dec }): Dec {
  if (fill.realizedPnl !== undefined) return fill.realizedPnl;
  const sign = input.side === 'long' ? 1 : -1;
  return fill.price.minus(entryPrice).mul(sign).mul(fill.size).mul(input.contractSize);
}

import { Dec } from '../../platform/decimal/index.ts';

/**
 * Every balance the engine keeps lives on a grid of 10^-12 USDT. Decimal keeps 40 significant
 * digits, so sums of grid values never round: that is what makes the balance identities exact.
 * Only divisions (margin = notional / leverage, average prices, proportional releases) leave the
 * grid, and each one is rounded back onto it here, in one place.
 */
export const MONEY_DECIMALS = 12;

export function money(value: Dec): Dec {
  return value.toDecimalPlaces(MONEY_DECIMALS, Dec.ROUND_HALF_UP);
}

/** price × contracts × contractSize, in USDT. */
export function notional(price: Dec, size: number, contractSize: Dec): Dec {
  return price.mul(size).mul(contractSize);
}

/**
 * Initial margin of ONE contract, rounded up: an order freezes `size × this` and each fill moves
 * `filled × this` into the position, so the frozen amount always covers the filled margin exactly.
 */
export function marginPerContract(price: Dec, contractSize: Dec, leverage: Dec): Dec {
  return price.mul(contractSize).div(leverage).toDecimalPlaces(MONEY_DECIMALS, Dec.ROUND_UP);
}

/** Fee of a fill: rate × notional, positive = paid. */
export function feeFor(price: Dec, size: number, contractSize: Dec, rate: Dec): Dec {
  return money(notional(price, size, contractSize).mul(rate));
}

/** The most one contract can cost in fees (taker rate), rounded up, frozen alongside the margin. */
export function maxFeePerContract(price: Dec, contractSize: Dec, takerRate: Dec): Dec {
  return price.mul(contractSize).mul(takerRate).toDecimalPlaces(MONEY_DECIMALS, Dec.ROUND_UP);
}

/** `total × part / whole`, rounded down so that repeated partial releases never exceed the total. */
export function proportion(total: Dec, part: number, whole: number): Dec {
  if (part >= whole) return total;
  return total.mul(part).div(whole).toDecimalPlaces(MONEY_DECIMALS, Dec.ROUND_DOWN);
}

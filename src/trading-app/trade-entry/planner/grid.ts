import { Decimal } from 'decimal.js';
import { type Dec, roundToStep } from '../../../platform/decimal/index.ts';
import type { Side } from './TradePlan.ts';

/**
 * The one place prices and sizes meet the exchange's grid. Prices round *away from the market's
 * side of the trade* where that is the safe way (a long's stop down, a short's up) and as the
 * original did elsewhere (a long's entry and targets down, a short's up); sizes always round down.
 */
export class Grid {
  readonly tick: Dec;
  readonly step: Dec;

  constructor(tick: Dec, step: Dec) {
    this.tick = tick;
    this.step = step;
  }

  down(price: Dec): Dec {
    return roundToStep(price, this.tick, Decimal.ROUND_FLOOR);
  }

  up(price: Dec): Dec {
    return roundToStep(price, this.tick, Decimal.ROUND_CEIL);
  }

  /** Down for a long, up for a short: entries, targets, and the stop's own rounding. */
  towardLoss(side: Side, price: Dec): Dec {
    return side === 'long' ? this.down(price) : this.up(price);
  }

  size(contracts: Dec): Dec {
    return roundToStep(contracts, this.step, Decimal.ROUND_FLOOR);
  }
}

import { Decimal } from 'decimal.js';
import type { QuantityUnit } from '../../contracts/api/placeOrder.ts';
import type { Contract } from '../../exchange/port/types.ts';
import { type Dec, isMultipleOf, roundToStep } from '../../platform/decimal/index.ts';

export type QuantityCheck = { ok: true; contracts: Dec } | { ok: false; error: string };

/**
 * A request's `quantity` in contracts, the venue's order size. `contracts` must be a whole,
 * allowed order size; `base` is an amount of the base asset divided by the contract size, and
 * must land on a whole number of contracts: nothing is rounded, since rounding would place an
 * order of another size than asked. A refusal names the unit it read and what would be accepted.
 */
export function contractsOf(quantity: Dec, unit: QuantityUnit, contract: Contract): QuantityCheck {
  const base = contract.baseCurrency;
  const size = contract.contractSize;
  const inBase = (contracts: Dec) => `${contracts.mul(size).toFixed()} ${base}`;
  const one = `${contract.symbol}: 1 contract = ${size.toFixed()} ${base}`;
  let contracts: Dec;
  if (unit === 'base') {
    contracts = quantity.div(size);
    if (!contracts.isInteger() || !isMultipleOf(contracts, contract.sizeStep)) {
      const step = contract.sizeStep;
      const below = roundToStep(contracts, step, Decimal.ROUND_DOWN);
      const above = roundToStep(contracts, step, Decimal.ROUND_UP);
      const options = below.gt(0) ? `${inBase(below)} or ${inBase(above)}` : inBase(above);
      return refuse(
        `quantity ${quantity.toFixed()} ${base} is not a whole number of contracts (${one}); send ${options}`,
      );
    }
  } else {
    contracts = quantity;
    if (!contracts.isInteger() || contracts.lte(0)) {
      const asBase = quantity.div(size);
      const hint =
        asBase.isInteger() && asBase.gt(0)
          ? `; to order ${quantity.toFixed()} ${base} (${asBase.toFixed()} contracts) send "quantity_unit":"base"`
          : '';
      return refuse(`quantity must be a positive whole number of contracts, got ${quantity.toFixed()} (${one})${hint}`);
    }
    if (!isMultipleOf(contracts, contract.sizeStep)) {
      return refuse(`quantity must be a multiple of ${contract.sizeStep.toFixed()} contracts`);
    }
  }
  const unitName =
    unit === 'base'
      ? `${quantity.toFixed()} ${base} (${contracts.toFixed()} contracts)`
      : `${contracts.toFixed()} contracts`;
  if (contracts.lt(contract.minSize)) {
    return refuse(
      `quantity ${unitName} is below the minimum of ${contract.minSize.toFixed()} contracts (${inBase(contract.minSize)})`,
    );
  }
  if (contracts.gt(contract.maxSize)) {
    return refuse(
      `quantity ${unitName} is above the maximum of ${contract.maxSize.toFixed()} contracts (${inBase(contract.maxSize)})`,
    );
  }
  return { ok: true, contracts };
}

function refuse(error: string): QuantityCheck {
  return { ok: false, error };
}

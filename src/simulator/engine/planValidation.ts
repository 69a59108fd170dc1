import { BitmartCodes } from '../../exchange/bitmart/protocol/codes.ts';
import { type Dec, isMultipleOf } from '../../platform/decimal/index.ts';
import type { ContractSpec } from '../market/types.ts';
import type { Account } from './Account.ts';
import type { EngineError, SubmitPlanOrderCommand } from './types.ts';
import { validateClientOrderId, validateLeverage } from './validation.ts';

/** A trigger or executive price: present, positive (or 0 when `allowZero`, meaning market), on the tick. */
export function priceError(spec: ContractSpec, price: Dec | undefined, allowZero: boolean): EngineError | undefined {
  if (price === undefined) return BitmartCodes.parseParameter;
  if (!price.isFinite() || price.isNegative() || (!allowZero && price.isZero())) return BitmartCodes.rangeInvalid;
  return isMultipleOf(price, spec.tickSize) ? undefined : BitmartCodes.precisionInvalid;
}

/** The rules of submit-plan-order (docs/reference/bitmart-wire.md#plan-orders) that do not depend on the market. */
export function planOrderError(
  account: Account,
  spec: ContractSpec,
  command: SubmitPlanOrderCommand,
): EngineError | undefined {
  if (![1, 2, 3, 4].includes(command.side)) return BitmartCodes.sideInvalid;
  if (command.executionType !== 'limit' && command.executionType !== 'market') return BitmartCodes.typeInvalid;
  const maxSize = command.executionType === 'market' ? spec.marketMaxVolume : spec.maxVolume;
  if (!Number.isInteger(command.size) || command.size < spec.minVolume || command.size > maxSize) {
    return BitmartCodes.rangeInvalid;
  }
  if (![1, 2].includes(command.priceWay) || ![1, 2].includes(command.priceType)) return BitmartCodes.parseParameter;
  if (![1, 2, 3, 4].includes(command.mode)) return BitmartCodes.parseParameter;
  if (command.openType !== 'cross' && command.openType !== 'isolated') return BitmartCodes.openTypeInvalid;
  const executive = command.executionType === 'limit' ? priceError(spec, command.executivePrice, false) : undefined;
  return (
    priceError(spec, command.triggerPrice, false) ??
    executive ??
    validateLeverage(spec, command.leverage) ??
    validateClientOrderId(account, command.clientOrderId ?? '')
  );
}

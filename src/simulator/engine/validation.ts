import { BitmartCodes } from '../../exchange/bitmart/protocol/codes.ts';
import { type Dec, isMultipleOf } from '../../platform/decimal/index.ts';
import type { ContractSpec, Market } from '../market/types.ts';
import type { Account } from './Account.ts';
import type {
  EngineError,
  EngineResult,
  OpenType,
  OrderMode,
  OrderSide,
  PositionType,
  PresetTrigger,
  SubmitOrderCommand,
} from './types.ts';

/** A submit command that passed every rule that does not depend on the book or the balance. */
export interface OrderIntent {
  readonly spec: ContractSpec;
  readonly side: OrderSide;
  readonly type: 'limit' | 'market';
  readonly mode: OrderMode;
  readonly size: number;
  readonly price: Dec | undefined;
  readonly leverage: Dec;
  readonly openType: OpenType;
  readonly clientOrderId: string;
  /** The position type a reducing side (2/3) closes. */
  readonly closes: PositionType | undefined;
  readonly presetTakeProfit: PresetTrigger | undefined;
  readonly presetStopLoss: PresetTrigger | undefined;
}

export function fail<T>(error: EngineError): EngineResult<T> {
  return { ok: false, error };
}

export function ok<T>(value: T): EngineResult<T> {
  return { ok: true, value };
}

export function validateClientOrderId(account: Account, clientOrderId: string): EngineError | undefined {
  if (clientOrderId === '') return undefined;
  if (clientOrderId.length > 32) return BitmartCodes.clientOrderIdTooLong;
  if (!/^[A-Za-z0-9]+$/.test(clientOrderId)) return BitmartCodes.clientOrderIdNotAlphanumeric;
  for (const order of account.orders.values()) {
    if (order.clientOrderId === clientOrderId) return BitmartCodes.clientOrderIdDuplicate;
  }
  for (const plan of account.plans.values()) {
    if (plan.clientOrderId === clientOrderId) return BitmartCodes.clientOrderIdDuplicate;
  }
  return undefined;
}

export function validateLeverage(spec: ContractSpec, leverage: Dec): EngineError | undefined {
  if (!leverage.isFinite() || leverage.lt(spec.minLeverage) || leverage.gt(spec.maxLeverage)) {
    return BitmartCodes.leverageInvalid;
  }
  return undefined;
}

function validateShape(spec: ContractSpec, command: SubmitOrderCommand): EngineError | undefined {
  if (![1, 2, 3, 4].includes(command.side)) return BitmartCodes.sideInvalid;
  if (command.type !== 'limit' && command.type !== 'market') return BitmartCodes.typeInvalid;
  if (![1, 2, 3, 4].includes(command.mode)) return BitmartCodes.parseParameter;
  if (command.type === 'market' && command.mode === 4) return BitmartCodes.typeInvalid;
  const maxSize = command.type === 'market' ? spec.marketMaxVolume : spec.maxVolume;
  if (!Number.isInteger(command.size) || command.size < spec.minVolume || command.size > maxSize) {
    return BitmartCodes.rangeInvalid;
  }
  if (command.type === 'limit') {
    if (command.price === undefined) return BitmartCodes.parseParameter;
    if (!command.price.isFinite() || command.price.lte(0)) return BitmartCodes.rangeInvalid;
    if (!isMultipleOf(command.price, spec.tickSize)) return BitmartCodes.precisionInvalid;
  }
  if (command.openType !== undefined && command.openType !== 'cross' && command.openType !== 'isolated') {
    return BitmartCodes.openTypeInvalid;
  }
  return undefined;
}

/** Closing sides need contracts not already reserved by other closing orders. */
function validateClose(account: Account, spec: ContractSpec, closes: PositionType, size: number) {
  const position = account.existingPosition(spec.symbol, closes);
  if (!position || position.amount === 0) return BitmartCodes.positionNotExist;
  if (size > position.amount - position.frozenAmount) return BitmartCodes.positionVolumeNotEnough;
  return undefined;
}

/**
 * Opening orders must match the margin mode (40012) and leverage (40040) of the position they add
 * to, as BitMart requires; without a leverage they take the account's setting for the symbol.
 */
function openingTerms(account: Account, spec: ContractSpec, command: SubmitOrderCommand) {
  const openType = command.openType ?? account.openTypeFor(spec.symbol);
  const leverage = command.leverage ?? account.leverageFor(spec, openType);
  const leverageError = validateLeverage(spec, leverage);
  if (leverageError) return { error: leverageError, openType, leverage };
  const held = account.openPositions(spec.symbol);
  if (held.some((position) => position.openType !== openType)) {
    return { error: BitmartCodes.systemError, openType, leverage };
  }
  const adds: PositionType = command.side === 1 ? 1 : 2;
  const same = held.find((position) => position.positionType === adds);
  if (same && !same.leverage.eq(leverage)) return { error: BitmartCodes.leverageInvalid, openType, leverage };
  return { error: undefined, openType, leverage };
}

export function validateOrder(
  account: Account,
  market: Market,
  command: SubmitOrderCommand,
): EngineResult<OrderIntent> {
  const spec = market.contract(command.symbol);
  if (!spec) return fail(BitmartCodes.contractNotFound);
  const shapeError = validateShape(spec, command);
  if (shapeError) return fail(shapeError);
  const clientOrderId = command.clientOrderId ?? '';
  const idError = validateClientOrderId(account, clientOrderId);
  if (idError) return fail(idError);
  const closes: PositionType | undefined = command.side === 2 ? 2 : command.side === 3 ? 1 : undefined;
  let openType: OpenType;
  let leverage: Dec;
  if (closes !== undefined) {
    const closeError = validateClose(account, spec, closes, command.size);
    if (closeError) return fail(closeError);
    const position = account.position(spec, closes);
    openType = position.openType;
    leverage = position.leverage;
  } else {
    const terms = openingTerms(account, spec, command);
    if (terms.error) return fail(terms.error);
    openType = terms.openType;
    leverage = terms.leverage;
  }
  const opening = closes === undefined;
  return ok({
    spec,
    side: command.side,
    type: command.type,
    mode: command.mode,
    size: command.size,
    price: command.type === 'limit' ? command.price : undefined,
    leverage,
    openType,
    clientOrderId,
    closes,
    presetTakeProfit: opening ? command.presetTakeProfit : undefined,
    presetStopLoss: opening ? command.presetStopLoss : undefined,
  });
}

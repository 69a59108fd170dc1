import { BitmartCodes } from '../../exchange/bitmart/protocol/codes.ts';
import { Dec } from '../../platform/decimal/index.ts';
import type { Market } from '../market/types.ts';
import type { Account } from './Account.ts';
import type { OpenOrderIndex } from './context.ts';
import type { EngineResult, OpenType, PositionMode } from './types.ts';
import { fail, ok, validateLeverage } from './validation.ts';

/**
 * Notional a position may reach at the contract's maximum leverage; lower leverage allows
 * proportionally more (`max_value` of submit-leverage). Reported, not enforced.
 */
const MAX_NOTIONAL_AT_MAX_LEVERAGE = new Dec(100_000);

/** Position mode and leverage: account settings that positions and open orders pin down. */
export function setPositionMode(
  account: Account,
  openOrders: OpenOrderIndex,
  mode: PositionMode,
): EngineResult<PositionMode> {
  if (mode !== 'hedge_mode' && mode !== 'one_way_mode') return fail(BitmartCodes.invalidParameter);
  const busy = account.openPositions().length > 0 || openOrders.ofAccount(account).length > 0;
  if (busy && mode !== account.positionMode) return fail(BitmartCodes.positionModeSwitchFailed);
  account.positionMode = mode;
  return ok(mode);
}

/**
 * A symbol has one margin mode at a time: another open type while a position or an open order
 * holds the symbol is refused with 40012, as BitMart does. A new leverage of the same open type
 * applies to later fills; margin already in positions stays as it is.
 */
export function setLeverage(
  account: Account,
  market: Market,
  openOrders: OpenOrderIndex,
  request: { symbol: string; openType: OpenType; leverage: Dec | undefined },
): EngineResult<{ symbol: string; leverage: Dec; openType: OpenType; maxValue: Dec }> {
  const spec = market.contract(request.symbol);
  if (!spec) return fail(BitmartCodes.contractNotFound);
  if (request.openType !== 'cross' && request.openType !== 'isolated') return fail(BitmartCodes.openTypeInvalid);
  const leverage = request.leverage ?? account.leverageFor(spec, request.openType);
  const error = validateLeverage(spec, leverage);
  if (error) return fail(error);
  const held = account.openPositions(spec.symbol);
  const pending = openOrders.ofAccount(account, spec.symbol);
  if ([...held, ...pending].some((item) => item.openType !== request.openType)) return fail(BitmartCodes.systemError);
  account.setLeverage(spec.symbol, request.openType, leverage);
  for (const position of held) position.leverage = leverage;
  const maxValue = MAX_NOTIONAL_AT_MAX_LEVERAGE.mul(spec.maxLeverage).div(leverage).toDecimalPlaces(2);
  return ok({ symbol: spec.symbol, leverage, openType: request.openType, maxValue });
}

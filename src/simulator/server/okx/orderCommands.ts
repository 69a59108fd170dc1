import { OkxCodes } from '../../../exchange/okx/protocol/codes.ts';
import { isOkxClientOrderId, isOkxTag } from '../../../exchange/okx/protocol/fields.ts';
import type { Dec } from '../../../platform/decimal/index.ts';
import type { OrderMode, OrderSide, PositionMode, PresetTrigger, PriceType } from '../../engine/types.ts';
import type { ContractSpec, Market } from '../../market/types.ts';
import {
  contractOf,
  contractsOf,
  type Fields,
  fieldsOf,
  oneOf,
  optionalBool,
  optionalText,
  priceOf,
  requiredText,
} from './params.ts';
import { OkxReplyError, paramError } from './replies.ts';

/**
 * OKX order fields in the engine's (BitMart's) terms (https://www.okx.com/docs-v5/en/#order-book-trading-trade-post-place-order):
 * net mode (one-way) takes `reduceOnly` and no `posSide` but `net`; long/short mode (hedge)
 * requires `posSide` and ignores `reduceOnly`, closing orders being reduce-only by construction.
 */

export function clientIds(
  fields: Fields,
  idField = 'clOrdId',
): { clOrdId: string | undefined; tag: string | undefined } {
  const clOrdId = optionalText(fields, idField);
  if (clOrdId !== undefined && !isOkxClientOrderId(clOrdId)) throw paramError(idField);
  const tag = optionalText(fields, 'tag');
  if (tag !== undefined && !isOkxTag(tag)) throw paramError('tag');
  return { clOrdId, tag };
}

/** The engine side of `side` + `posSide` (+ `reduceOnly` in net mode). */
export function engineSide(fields: Fields, mode: PositionMode): OrderSide {
  const side = oneOf(fields, 'side', ['buy', 'sell'] as const);
  if (!side) throw new OkxReplyError({ ...OkxCodes.paramEmpty, message: 'Parameter side can not be empty.' });
  const posSide = oneOf(fields, 'posSide', ['net', 'long', 'short'] as const);
  if (mode === 'one_way_mode') {
    if (posSide !== undefined && posSide !== 'net') throw paramError('posSide');
    const reduceOnly = optionalBool(fields, 'reduceOnly') ?? false;
    if (side === 'buy') return reduceOnly ? 2 : 1;
    return reduceOnly ? 3 : 4;
  }
  if (posSide !== 'long' && posSide !== 'short') throw paramError('posSide');
  if (posSide === 'long') return side === 'buy' ? 1 : 3;
  return side === 'sell' ? 4 : 2;
}

const ORD_TYPES = {
  market: { type: 'market', mode: 1 },
  optimal_limit_ioc: { type: 'market', mode: 3 },
  limit: { type: 'limit', mode: 1 },
  post_only: { type: 'limit', mode: 4 },
  fok: { type: 'limit', mode: 2 },
  ioc: { type: 'limit', mode: 3 },
} as const satisfies Record<string, { type: 'limit' | 'market'; mode: OrderMode }>;

export function ordTypeOf(fields: Fields): { type: 'limit' | 'market'; mode: OrderMode } {
  const ordType = oneOf(fields, 'ordType', Object.keys(ORD_TYPES) as (keyof typeof ORD_TYPES)[]);
  if (!ordType) throw new OkxReplyError({ ...OkxCodes.paramEmpty, message: 'Parameter ordType can not be empty.' });
  return ORD_TYPES[ordType];
}

export function tdModeOf(fields: Fields): 'cross' | 'isolated' {
  const tdMode = oneOf(fields, 'tdMode', ['cross', 'isolated'] as const);
  if (!tdMode) throw paramError('tdMode');
  return tdMode;
}

export function priceTypeOf(fields: Fields, name: string): PriceType {
  const value = oneOf(fields, name, ['last', 'index', 'mark'] as const) ?? 'last';
  // The simulator's index is its mark: both are "not the last trade".
  return value === 'last' ? 1 : 2;
}

/** `-1` (or nothing) = market; a limit price must sit on the tick. */
export function executionPriceOf(fields: Fields, name: string, contract: ContractSpec): Dec | undefined {
  const text = optionalText(fields, name);
  if (text === undefined || text === '-1') return undefined;
  const price = priceOf(fields, name, contract);
  if (!price) throw paramError(name);
  return price;
}

/** The first `attachAlgoOrds[]` item as engine presets; only market execution (`-1`) is simulated. */
export function attachedPresets(
  fields: Fields,
  contract: ContractSpec,
): { presetTakeProfit?: PresetTrigger; presetStopLoss?: PresetTrigger; attachAlgoClOrdId?: string } {
  const list = fields.attachAlgoOrds;
  if (list === undefined) return {};
  if (!Array.isArray(list)) throw paramError('attachAlgoOrds');
  if (list.length === 0) return {};
  if (list.length > 1) throw paramError('attachAlgoOrds');
  const item = fieldsOf(list[0]);
  const attachAlgoClOrdId = optionalText(item, 'attachAlgoClOrdId');
  if (attachAlgoClOrdId !== undefined && !isOkxClientOrderId(attachAlgoClOrdId)) throw paramError('attachAlgoClOrdId');
  const leg = (prefix: 'tp' | 'sl'): PresetTrigger | undefined => {
    const price = priceOf(item, `${prefix}TriggerPx`, contract);
    if (!price) return undefined;
    if (executionPriceOf(item, `${prefix}OrdPx`, contract) !== undefined) throw paramError(`${prefix}OrdPx`);
    return { price, priceType: priceTypeOf(item, `${prefix}TriggerPxType`) };
  };
  const presetTakeProfit = leg('tp');
  const presetStopLoss = leg('sl');
  return {
    ...(presetTakeProfit && { presetTakeProfit }),
    ...(presetStopLoss && { presetStopLoss }),
    ...(attachAlgoClOrdId && { attachAlgoClOrdId }),
  };
}

export interface ParsedOrder {
  readonly contract: ContractSpec;
  readonly side: OrderSide;
  readonly type: 'limit' | 'market';
  readonly mode: OrderMode;
  readonly size: number;
  readonly price: Dec | undefined;
  readonly openType: 'cross' | 'isolated';
}

export function parseOrder(fields: Fields, market: Market, positionMode: PositionMode): ParsedOrder {
  const contract = contractOf(market, requiredText(fields, 'instId'));
  const openType = tdModeOf(fields);
  const side = engineSide(fields, positionMode);
  const { type, mode } = ordTypeOf(fields);
  const size = contractsOf(fields, 'sz');
  const price = type === 'limit' ? priceOf(fields, 'px', contract) : undefined;
  if (type === 'limit' && !price)
    throw new OkxReplyError({ ...OkxCodes.paramEmpty, message: 'Parameter px can not be empty.' });
  return { contract, side, type, mode, size, price, openType };
}

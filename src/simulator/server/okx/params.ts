import { OkxCodes, withParam } from '../../../exchange/okx/protocol/codes.ts';
import { symbolOfOkxInstId } from '../../../exchange/okx/protocol/instruments.ts';
import { type Dec, parseDecimal } from '../../../platform/decimal/index.ts';
import type { ContractSpec, Market } from '../../market/types.ts';
import { OkxReplyError, paramError } from './replies.ts';

/**
 * OKX-style request reading: values as strings or numbers, booleans as booleans or strings,
 * unknown keys ignored (ccxt merges params it does not consume into the body). A missing required
 * field is 50014 "Parameter {0} can not be empty", a bad one 51000 "Parameter {0} error".
 */
export type Fields = Readonly<Record<string, unknown>>;

export function fieldsOf(input: unknown): Fields {
  return input !== null && typeof input === 'object' && !Array.isArray(input) ? (input as Fields) : {};
}

export function optionalText(fields: Fields, name: string): string | undefined {
  const value = fields[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw paramError(name);
}

export function requiredText(fields: Fields, name: string): string {
  const value = optionalText(fields, name);
  if (value === undefined) throw new OkxReplyError(withParam(OkxCodes.paramEmpty, name));
  return value;
}

export function oneOf<const T extends string>(fields: Fields, name: string, allowed: readonly T[]): T | undefined {
  const value = optionalText(fields, name);
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw paramError(name);
  return value as T;
}

export function optionalDecimal(fields: Fields, name: string): Dec | undefined {
  const value = optionalText(fields, name);
  if (value === undefined) return undefined;
  try {
    return parseDecimal(value, name);
  } catch {
    throw paramError(name);
  }
}

export function optionalBool(fields: Fields, name: string): boolean | undefined {
  const value = fields[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw paramError(name);
}

/** An instrument id the market lists: 51001 otherwise. */
export function contractOf(market: Market, instId: string): ContractSpec {
  const symbol = symbolOfOkxInstId(instId);
  const contract = symbol === undefined ? undefined : market.contract(symbol);
  if (!contract) throw new OkxReplyError(OkxCodes.instrumentUnknown);
  return contract;
}

/** `instId=A,B` (a comma list; ccxt's `%2C` arrives decoded). */
export function instIdList(fields: Fields): string[] | undefined {
  return optionalText(fields, 'instId')
    ?.split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
}

/**
 * A size in contracts: the simulator lists `lotSz` 1 and `minSz` 1 (its contracts are whole), so a
 * fraction is 51121 and less than one contract 51007.
 */
export function contractsOf(fields: Fields, name: string): number {
  const size = optionalDecimal(fields, name);
  if (size === undefined) throw new OkxReplyError(withParam(OkxCodes.paramEmpty, name));
  if (!size.isInteger()) throw new OkxReplyError(OkxCodes.lotSize);
  if (size.lt(1)) throw new OkxReplyError(OkxCodes.minOneContract);
  if (size.gt(Number.MAX_SAFE_INTEGER)) throw paramError(name);
  return size.toNumber();
}

/** A positive price on the contract's tick. */
export function priceOf(fields: Fields, name: string, contract: ContractSpec): Dec | undefined {
  const price = optionalDecimal(fields, name);
  if (price === undefined) return undefined;
  if (price.lte(0) || !price.mod(contract.tickSize).isZero()) throw paramError(name);
  return price;
}

export function limitOf(fields: Fields, fallback: number, max: number): number {
  const limit = optionalDecimal(fields, 'limit');
  if (limit === undefined) return fallback;
  if (!limit.isInteger() || limit.lt(1)) throw paramError('limit');
  return Math.min(limit.toNumber(), max);
}

export function millisOf(fields: Fields, name: string): number | undefined {
  const value = optionalDecimal(fields, name);
  if (value === undefined) return undefined;
  if (!value.isInteger() || value.isNegative()) throw paramError(name);
  return value.toNumber();
}

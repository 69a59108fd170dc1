import type { BitmartWsKlinePush, BitmartWsTickerPush } from './wsPublicPushes.ts';

/**
 * Hand-compiled guards for the two pushes that arrive hundreds of times a second per symbol
 * (klines and tickers). Each accepts exactly what its zod schema in wsPublicPushes.ts accepts —
 * hotPushGuards.test.ts checks that on the fixtures and on random mutations — but validates in
 * place instead of building a copy, which is most of the cost of a zod parse on this path. On a
 * refusal the caller runs the zod schema to learn why.
 */
const DECIMAL = /^-?\d+(\.\d+)?$/;
const SYMBOL = /^[A-Z0-9]+$/;
export const KLINE_GROUP = /^futures\/(markPrice)?[kK]lineBin\w+:[A-Z0-9]+$/;
export const TICKER_GROUP = /^futures\/ticker(:[A-Z0-9]+)?(@\d+ms)?$/;
const EPOCH_UNIT_BOUNDARY = 100_000_000_000;
const TICKER_DECIMALS = [
  'last_price',
  'volume_24',
  'range',
  'index_price',
  'ask_price',
  'ask_vol',
  'bid_price',
  'bid_vol',
];
const TICKER_OPTIONAL_DECIMALS = ['mark_price', 'fair_price'];
const KLINE_DECIMALS = ['o', 'h', 'l', 'c', 'v'];

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isDecimal(value: unknown): boolean {
  return typeof value === 'string' && DECIMAL.test(value);
}

function isSymbol(value: unknown): boolean {
  return typeof value === 'string' && SYMBOL.test(value);
}

function isKlineItem(item: unknown): boolean {
  if (!isObject(item)) return false;
  for (const key of KLINE_DECIMALS) if (!isDecimal(item[key])) return false;
  const ts = item.ts;
  return typeof ts === 'number' && Number.isSafeInteger(ts) && ts >= 0 && ts < EPOCH_UNIT_BOUNDARY;
}

export function isBitmartWsKlinePush(message: unknown): message is BitmartWsKlinePush {
  if (!isObject(message) || typeof message.group !== 'string' || !KLINE_GROUP.test(message.group)) return false;
  const data = message.data;
  if (!isObject(data) || !isSymbol(data.symbol) || !Array.isArray(data.items)) return false;
  const items: unknown[] = data.items;
  // An indexed loop, not `every`: it must see holes as undefined, as zod does.
  for (let index = 0; index < items.length; index++) if (!isKlineItem(items[index])) return false;
  return true;
}

export function isBitmartWsTickerPush(message: unknown): message is BitmartWsTickerPush {
  if (!isObject(message) || typeof message.group !== 'string' || !TICKER_GROUP.test(message.group)) return false;
  const data = message.data;
  if (!isObject(data) || !isSymbol(data.symbol)) return false;
  for (const key of TICKER_DECIMALS) if (!isDecimal(data[key])) return false;
  for (const key of TICKER_OPTIONAL_DECIMALS) if (data[key] !== undefined && !isDecimal(data[key])) return false;
  return true;
}

/**
 * The rows `OkxHotMarketDecoder` reads, field by field, in the order OKX sends them, with the
 * grammar of each value: the subset of the wire schema's (protocol/wire/market.ts) that the fast
 * path accepts. A value outside it makes the decoder decline, never refuse.
 */
export type Grammar = 'decimal' | 'decimalOrEmpty' | 'millis' | 'string' | 'side' | 'confirm';

export interface Field {
  readonly key: Uint8Array;
  /** `"key":"`: what the row holds from the key's opening quote to its value's first byte. */
  readonly token: Uint8Array;
  readonly grammar: Grammar;
  readonly optional: boolean;
}

const field = (key: string, grammar: Grammar, optional = false): Field => ({
  key: Buffer.from(key, 'latin1'),
  token: Buffer.from(`"${key}":"`, 'latin1'),
  grammar,
  optional,
});

/** `OkxTickerSchema`. */
export const TICKER_FIELDS: readonly Field[] = [
  field('instType', 'string'),
  field('instId', 'string'),
  field('last', 'decimal'),
  field('lastSz', 'decimalOrEmpty'),
  field('askPx', 'decimalOrEmpty'),
  field('askSz', 'decimalOrEmpty'),
  field('bidPx', 'decimalOrEmpty'),
  field('bidSz', 'decimalOrEmpty'),
  field('open24h', 'decimal'),
  field('high24h', 'decimal'),
  field('low24h', 'decimal'),
  field('volCcy24h', 'decimal'),
  field('vol24h', 'decimal'),
  field('sodUtc0', 'decimalOrEmpty', true),
  field('sodUtc8', 'decimalOrEmpty', true),
  field('ts', 'millis'),
];

/** Positions in TICKER_FIELDS of the fields the ticker event reads. */
export const TICKER = { instId: 1, last: 2, askPx: 4, askSz: 5, bidPx: 6, bidSz: 7, open24h: 8, vol24h: 12, ts: 15 };

/** `OkxWsTradeSchema`. */
export const TRADE_FIELDS: readonly Field[] = [
  field('instId', 'string'),
  field('tradeId', 'string'),
  field('px', 'decimal'),
  field('sz', 'decimal'),
  field('side', 'side'),
  field('ts', 'millis'),
  field('count', 'string', true),
  field('source', 'string', true),
];

export const TRADE = { instId: 0, tradeId: 1, px: 2, sz: 3, side: 4, ts: 5 };

/** `OkxCandleSchema`, a tuple: keys unused. */
export const CANDLE_FIELDS: readonly Field[] = [
  field('ts', 'millis'),
  field('o', 'decimal'),
  field('h', 'decimal'),
  field('l', 'decimal'),
  field('c', 'decimal'),
  field('vol', 'decimal'),
  field('volCcy', 'decimal'),
  field('volCcyQuote', 'decimal'),
  field('confirm', 'confirm'),
];

const MINUS = 0x2d;
const DOT = 0x2e;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Where the string value from `at` ends (its closing quote) when its content fits the grammar;
 * -1 otherwise. One pass: the grammars but `string` allow only bytes that need no escape.
 */
export function valueEnd(grammar: Grammar, frame: Uint8Array, at: number): number {
  if (grammar === 'string') return stringEnd(frame, at);
  let end: number;
  switch (grammar) {
    case 'decimal':
      end = decimalEnd(frame, at);
      break;
    case 'decimalOrEmpty':
      end = frame[at] === QUOTE ? at : decimalEnd(frame, at);
      break;
    case 'millis':
      end = digitsEnd(frame, at, frame.length);
      if (end === at) return -1;
      break;
    default:
      end = stringEnd(frame, at);
      return end >= 0 && validValue(grammar, frame, at, end) ? end : -1;
  }
  return end >= 0 && frame[end] === QUOTE ? end : -1;
}

/** Where the string from `at` ends (its closing quote): printable ASCII, no escape; else -1. */
export function stringEnd(frame: Uint8Array, at: number): number {
  for (let index = at; index < frame.length; index++) {
    const byte = frame[index]!;
    if (byte === QUOTE) return index;
    if (byte < 0x20 || byte > 0x7e || byte === BACKSLASH) return -1;
  }
  return -1;
}

/** Where the `-?\d+(\.\d+)?` from `at` ends, or -1. */
function decimalEnd(frame: Uint8Array, at: number): number {
  const first = frame[at] === MINUS ? at + 1 : at;
  const integerEnd = digitsEnd(frame, first, frame.length);
  if (integerEnd === first) return -1;
  if (frame[integerEnd] !== DOT) return integerEnd;
  const fractionEnd = digitsEnd(frame, integerEnd + 1, frame.length);
  return fractionEnd > integerEnd + 1 ? fractionEnd : -1;
}

/** `frame[start, end)` (a string's content, already printable ASCII without escapes) fits the grammar. */
export function validValue(grammar: Grammar, frame: Uint8Array, start: number, end: number): boolean {
  switch (grammar) {
    case 'string':
      return true;
    case 'decimal':
      return isDecimal(frame, start, end);
    case 'decimalOrEmpty':
      return start === end || isDecimal(frame, start, end);
    case 'millis':
      return start < end && digitsEnd(frame, start, end) === end;
    case 'side':
      return (
        (end - start === 3 && frame[start] === 0x62 && frame[start + 1] === 0x75 && frame[start + 2] === 0x79) ||
        (end - start === 4 &&
          frame[start] === 0x73 &&
          frame[start + 1] === 0x65 &&
          frame[start + 2] === 0x6c &&
          frame[start + 3] === 0x6c)
      );
    case 'confirm':
      return end - start === 1 && (frame[start] === 0x30 || frame[start] === 0x31);
  }
}

/** `-?\d+(\.\d+)?`: okxDecimal without its exponent, which is left to the general path. */
function isDecimal(frame: Uint8Array, start: number, end: number): boolean {
  const first = frame[start] === MINUS ? start + 1 : start;
  const integerEnd = digitsEnd(frame, first, end);
  if (integerEnd === first) return false;
  if (integerEnd === end) return true;
  if (frame[integerEnd] !== DOT) return false;
  const fractionEnd = digitsEnd(frame, integerEnd + 1, end);
  return fractionEnd > integerEnd + 1 && fractionEnd === end;
}

function digitsEnd(frame: Uint8Array, start: number, end: number): number {
  let index = start;
  while (index < end && frame[index]! >= 0x30 && frame[index]! <= 0x39) index += 1;
  return index;
}

import { Dec } from './index.ts';

/**
 * `new Dec(text)` for the ASCII bytes of a plain decimal (`-?\d+(\.\d+)?`, already validated by
 * the caller), without building the string and running decimal.js's string parser: about 5× faster,
 * for the WebSocket hot path where most pushed prices are new (docs/decisions/0010-dec-from-bytes.md).
 *
 * It writes what decimal.js's own parser writes (decimal.js 10: sign `s`, exponent `e` of the first
 * significant digit, digits `d` in base-10^7 words, the first word short, the last right-padded,
 * zeros stripped; the constructor does not round). That layout is private to decimal.js, so it is
 * checked against `new Dec(text)` on samples when this module loads; if any differ (a decimal.js
 * that stores values otherwise), every call takes `new Dec(text)` instead. decimalFromAscii.test.ts
 * compares the two on random decimals.
 */
const LOG_BASE = 7;
const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;
const POWERS_OF_TEN = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000];
/** Far inside decimal.js's exponent limits, so its overflow and underflow rules never apply here. */
const MAX_DIGITS = 64;

interface DecimalLayout {
  s: number;
  e: number;
  d: number[];
}

export function decimalFromAscii(bytes: Uint8Array, start: number, end: number): Dec {
  if (!LAYOUT_MATCHES || end - start > MAX_DIGITS) return new Dec(asciiText(bytes, start, end));
  return build(bytes, start, end);
}

function build(bytes: Uint8Array, start: number, end: number): Dec {
  const negative = bytes[start] === MINUS;
  const digitsStart = negative ? start + 1 : start;
  const dot = indexOfDot(bytes, digitsStart, end);
  const integerDigits = (dot === -1 ? end : dot) - digitsStart;
  // Significant digits: from the first non-zero to the last non-zero, skipping the dot.
  let first = digitsStart;
  while (first < end && (bytes[first] === ZERO || bytes[first] === DOT)) first += 1;
  // A new Dec(0) has the hidden class of every Dec; its fields are then overwritten.
  const value = new Dec(0) as unknown as DecimalLayout;
  value.s = negative ? -1 : 1;
  if (first === end) {
    value.e = 0;
    value.d = [0];
    return value as unknown as Dec;
  }
  let last = end - 1;
  while (bytes[last] === ZERO || bytes[last] === DOT) last -= 1;
  const leadingZeros = dot !== -1 && first > dot ? first - digitsStart - 1 : first - digitsStart;
  const exponent = integerDigits - leadingZeros - 1;
  value.e = exponent;
  value.d = words(bytes, first, last + 1, exponent);
  return value as unknown as Dec;
}

/** The base-10^7 words of the significant digits in `[first, end)`, aligned on the exponent as decimal.js aligns them. */
function words(bytes: Uint8Array, first: number, end: number, exponent: number): number[] {
  const d: number[] = [];
  let width = (exponent + 1) % LOG_BASE;
  if (width <= 0) width += LOG_BASE;
  let word = 0;
  let count = 0;
  for (let index = first; index < end; index++) {
    const byte = bytes[index]!;
    if (byte === DOT) continue;
    word = word * 10 + (byte - ZERO);
    count += 1;
    if (count === width) {
      d.push(word);
      word = 0;
      count = 0;
      width = LOG_BASE;
    }
  }
  if (count > 0) d.push(word * POWERS_OF_TEN[width - count]!);
  return d;
}

function indexOfDot(bytes: Uint8Array, start: number, end: number): number {
  for (let index = start; index < end; index++) if (bytes[index] === DOT) return index;
  return -1;
}

function asciiText(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');
}

const SAMPLES = [
  '0',
  '-0',
  '7',
  '000',
  '101661.8',
  '94439.2',
  '-0.014731',
  '0.00000001',
  '0.5',
  '12300',
  '1234567',
  '12345678',
  '123456789.123456789',
  '-98765432109876543210.0123456789',
  '007.0100',
];

/** True when this module writes exactly what decimal.js's parser writes, on every sample. */
function layoutMatches(): boolean {
  return SAMPLES.every((text) => {
    const bytes = Buffer.from(text, 'latin1');
    const ours = build(bytes, 0, bytes.length) as unknown as DecimalLayout;
    const theirs = new Dec(text) as unknown as DecimalLayout;
    const keys = Object.keys(theirs).join();
    return (
      Object.keys(ours).join() === keys &&
      keys === 'constructor,s,e,d' &&
      ours.s === theirs.s &&
      ours.e === theirs.e &&
      ours.d.join() === theirs.d.join() &&
      (ours as unknown as Dec).eq(text)
    );
  });
}

const LAYOUT_MATCHES = layoutMatches();

/** False when this decimal.js stores values otherwise: every call then parses the text (slower, still exact). */
export const decimalFromAsciiIsDirect = LAYOUT_MATCHES;

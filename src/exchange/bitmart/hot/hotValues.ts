/**
 * The byte-level grammar of the values `FrameTemplate` reads (the same as `HotPushDecoder`'s and
 * the wire schemas'). Each reader returns where the value ends, or -1.
 */
export const NOT_SET = -1;
const QUOTE = 0x22;
const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
/** The candle time is in seconds: at most 11 digits keeps it below 10^11, as the wire schema wants. */
const MAX_TS_DIGITS = 11;

/** `expected[from, to)` equals `frame` from `at`: the caller's loop stays within both arrays. */
export function sameBytes(expected: Uint8Array, from: number, to: number, frame: Uint8Array, at: number): boolean {
  if (at + to - from > frame.length) return false;
  for (let index = from, other = at; index < to; index++, other++) if (expected[index] !== frame[other]) return false;
  return true;
}

/** Where the candle time at `at` ends: a plain integer of at most 11 digits, no leading zero; else -1. */
export function secondsEnd(frame: Uint8Array, at: number): number {
  let end = at;
  while (isDigit(frame[end])) end += 1;
  const digits = end - at;
  return digits === 0 || digits > MAX_TS_DIGITS || (digits > 1 && frame[at] === ZERO) ? NOT_SET : end;
}

export function secondsOf(frame: Uint8Array, at: number, end: number): number {
  let seconds = 0;
  for (let index = at; index < end; index++) seconds = seconds * 10 + (frame[index]! - ZERO);
  return seconds;
}

export function isDigit(byte: number | undefined): boolean {
  return byte !== undefined && byte >= ZERO && byte <= NINE;
}

/** Where the `-?\d+(\.\d+)?` at `at` ends, at the quote that must follow it, or -1. */
export function decimalEnd(frame: Uint8Array, at: number): number {
  let index = frame[at] === MINUS ? at + 1 : at;
  const first = index;
  while (isDigit(frame[index])) index += 1;
  if (index === first) return NOT_SET;
  if (frame[index] === DOT) {
    const fraction = ++index;
    while (isDigit(frame[index])) index += 1;
    if (index === fraction) return NOT_SET;
  }
  return frame[index] === QUOTE ? index : NOT_SET;
}

import { decimalFromAscii } from '../../../platform/decimal/decimalFromAscii.ts';
import type { Dec } from '../../../platform/decimal/index.ts';
import { type FieldId, HOT_FIELDS, isDecimalField, KLINE_ITEM_FIELDS } from './hotPushFields.ts';
import { decimalEnd, isDigit, NOT_SET, sameBytes, secondsEnd, secondsOf } from './hotValues.ts';

/**
 * The shape of one group's frames, learnt from a frame `HotPushDecoder` accepted: the last frame
 * matched, with the spans of its values (the decimals and the candle time). The next frame of the
 * group is compared to it, four bytes at a time while both are read at the same offset; a
 * difference is allowed only inside a value, and that value is then read and checked on its own
 * (docs/decisions/0009-ws-frame-templates.md).
 *
 * Why a match is as strict as the decoder: outside the values, a matching frame has the bytes of an
 * accepted frame; each value is either byte for byte one that was checked before, or is checked now
 * against the decoder's grammar (`-?\d+(\.\d+)?` closed by its quote, a candle time of at most 11 digits);
 * so the frame is an accepted frame with other valid values in the same places, which the decoder
 * accepts too. Each field keeps its value before the last (a price bounces between two values), so
 * a field that bounces back costs a compare of a few bytes and no parse.
 */
const QUOTE = 0x22;
const COLON = 0x3a;
/** A value longer than this is not remembered: the frame takes the decoder's path. */
const MAX_VALUE_BYTES = 40;
/** Frames are compared four bytes at a time from an aligned copy; longer frames take the decoder's path. */
const MAX_FRAME_BYTES = 4_096;
const SCRATCH = new Uint8Array(MAX_FRAME_BYTES);
const SCRATCH_WORDS = new Int32Array(SCRATCH.buffer);

export class FrameTemplate {
  /** The last frame matched (at first, the accepted one), in a buffer with room to spare. */
  readonly #last: Uint8Array;
  readonly #lastWords: Int32Array;
  #length: number;
  /** Per value: its span in `#last`. */
  readonly #starts: Int32Array;
  readonly #ends: Int32Array;
  /** Per value: 1 for the candle time, 0 for a decimal. */
  readonly #isSeconds: Uint8Array;
  /** Per field id: the index of its value, or -1. */
  readonly #valueOfField: Int32Array;
  /** Per value: the `Dec` of its bytes in `#last`. */
  readonly #decimals: (Dec | undefined)[];
  /** Per value: the value before, as bytes (`MAX_VALUE_BYTES` each, -1 long when none) and `Dec`. */
  readonly #older: Uint8Array;
  readonly #olderLengths: Int32Array;
  readonly #olderDecimals: (Dec | undefined)[];
  #seconds = 0;
  /** The frame being matched: which values differ, where they are in it, and whether each is the older value. */
  readonly #changed: Int32Array;
  readonly #changedAt: Int32Array;
  readonly #changedEnd: Int32Array;
  readonly #changedToOlder: Uint8Array;
  #changes = 0;

  private constructor(frame: Buffer, starts: number[], ends: number[], fields: FieldId[]) {
    const count = fields.length;
    this.#last = new Uint8Array(Math.min(MAX_FRAME_BYTES, 2 * frame.length + 3) & ~3);
    this.#lastWords = new Int32Array(this.#last.buffer);
    this.#last.set(frame);
    this.#length = frame.length;
    this.#starts = Int32Array.from(starts);
    this.#ends = Int32Array.from(ends);
    this.#isSeconds = Uint8Array.from(fields, (field) => (field === KLINE_ITEM_FIELDS.ts ? 1 : 0));
    this.#valueOfField = new Int32Array(HOT_FIELDS.count).fill(NOT_SET);
    fields.forEach((field, value) => {
      this.#valueOfField[field] = value;
    });
    this.#decimals = fields.map((field, value) =>
      field === KLINE_ITEM_FIELDS.ts ? undefined : decimalFromAscii(frame, starts[value]!, ends[value]!),
    );
    const seconds = fields.indexOf(KLINE_ITEM_FIELDS.ts);
    if (seconds !== NOT_SET) this.#seconds = secondsOf(frame, starts[seconds]!, ends[seconds]!);
    this.#older = new Uint8Array(count * MAX_VALUE_BYTES);
    this.#olderLengths = new Int32Array(count).fill(NOT_SET);
    this.#olderDecimals = new Array<Dec | undefined>(count).fill(undefined);
    this.#changed = new Int32Array(count);
    this.#changedAt = new Int32Array(count);
    this.#changedEnd = new Int32Array(count);
    this.#changedToOlder = new Uint8Array(count);
  }

  /**
   * The template of a frame `HotPushDecoder` accepted (so: known keys, each once, no whitespace,
   * no escapes); undefined when a value is too long to remember.
   */
  static of(frame: Buffer): FrameTemplate | undefined {
    if (frame.length > MAX_FRAME_BYTES / 2) return undefined;
    const starts: number[] = [];
    const ends: number[] = [];
    const fields: FieldId[] = [];
    for (let at = frame.indexOf(QUOTE); at !== -1; ) {
      const close = frame.indexOf(QUOTE, at + 1);
      const field = frame[close + 1] === COLON ? HOT_FIELDS.idOfKey(frame, at + 1, close) : undefined;
      let start = close + 2;
      let end = close + 1;
      if (field === KLINE_ITEM_FIELDS.ts) {
        for (end = start; isDigit(frame[end]); ) end += 1;
      } else if (field !== undefined && isDecimalField(field)) {
        start += 1;
        end = frame.indexOf(QUOTE, start);
      } else {
        at = frame.indexOf(QUOTE, end);
        continue;
      }
      if (end - start > MAX_VALUE_BYTES) return undefined;
      starts.push(start);
      ends.push(end);
      fields.push(field);
      at = frame.indexOf(QUOTE, end + 1);
    }
    return new FrameTemplate(frame, starts, ends, fields);
  }

  /**
   * True when `frame` is the last frame with valid values in its value spans; the values are then
   * what `decimal` and `seconds` give until the next match. False changes nothing.
   */
  match(frame: Buffer): boolean {
    const length = this.#length;
    if (frame.length > this.#last.length) return false;
    SCRATCH.set(frame);
    const starts = this.#starts;
    const ends = this.#ends;
    let i = 0;
    let j = 0;
    let value = 0;
    this.#changes = 0;
    for (;;) {
      const agreed = this.#agreeingUpTo(i, j, frame.length);
      j += agreed - i;
      i = agreed;
      if (i === length) break;
      // A difference: allowed only inside the next value span (or where a longer value goes on).
      while (value < starts.length && ends[value]! < i) value += 1;
      if (value === starts.length || i < starts[value]!) return false;
      const end = this.#readChanged(value, frame, j - (i - starts[value]!));
      if (end === NOT_SET) return false;
      i = ends[value]!;
      j = end;
      value += 1;
    }
    if (j !== frame.length) return false;
    if (this.#changes > 0) this.#commit(frame);
    return true;
  }

  /** The `Dec` of a field in the last matched frame; undefined when the template has no such field. */
  decimal(field: FieldId): Dec | undefined {
    const value = this.#valueOfField[field]!;
    return value === NOT_SET ? undefined : this.#decimals[value];
  }

  /** The candle time (`ts`) of the last matched frame. */
  get seconds(): number {
    return this.#seconds;
  }

  /**
   * The first index from `i` where `#last` and the frame in `SCRATCH` (read from `j`) differ, or
   * where either ends. While both are read at the same offset, whole words are compared.
   */
  #agreeingUpTo(i: number, j: number, frameLength: number): number {
    const last = this.#last;
    const limit = Math.min(this.#length, frameLength - j + i);
    let at = i;
    if (i === j) {
      while (at < limit && (at & 3) !== 0 && last[at] === SCRATCH[at]) at += 1;
      if ((at & 3) === 0) {
        const words = this.#lastWords;
        const whole = limit >> 2;
        let word = at >> 2;
        while (word < whole && words[word] === SCRATCH_WORDS[word]) word += 1;
        at = word << 2;
      }
    }
    const shift = j - i;
    while (at < limit && last[at] === SCRATCH[at + shift]) at += 1;
    return at;
  }

  /** Reads a value that differs from the last frame's; where it ends in `frame`, or -1 when invalid. */
  #readChanged(value: number, frame: Buffer, at: number): number {
    let end: number;
    let toOlder = 0;
    if (this.#isSeconds[value] === 1) end = secondsEnd(frame, at);
    else {
      end = this.#olderEnd(value, frame, at);
      if (end !== NOT_SET) toOlder = 1;
      else {
        end = decimalEnd(frame, at);
        if (end - at > MAX_VALUE_BYTES) return NOT_SET;
      }
    }
    if (end === NOT_SET) return NOT_SET;
    const change = this.#changes++;
    this.#changed[change] = value;
    this.#changedAt[change] = at;
    this.#changedEnd[change] = end;
    this.#changedToOlder[change] = toOlder;
    return end;
  }

  /** Where the value at `at` ends when it is the value's older one, else -1. */
  #olderEnd(value: number, frame: Buffer, at: number): number {
    const length = this.#olderLengths[value]!;
    const end = at + length;
    if (length === NOT_SET || frame[end] !== QUOTE) return NOT_SET;
    const base = value * MAX_VALUE_BYTES;
    return sameBytes(this.#older, base, base + length, frame, at) ? end : NOT_SET;
  }

  /** The match is whole: the changed values become the newest, and the frame the one to compare to. */
  #commit(frame: Buffer): void {
    const starts = this.#starts;
    const ends = this.#ends;
    let shift = 0;
    let change = 0;
    for (let value = 0; value < starts.length; value++) {
      if (change === this.#changes || this.#changed[change] !== value) {
        starts[value] = starts[value]! + shift;
        ends[value] = ends[value]! + shift;
        continue;
      }
      const at = this.#changedAt[change]!;
      const end = this.#changedEnd[change]!;
      if (this.#isSeconds[value] === 1) this.#seconds = secondsOf(frame, at, end);
      else this.#rotate(value, frame, at, end, this.#changedToOlder[change] === 1);
      shift = end - ends[value]!;
      starts[value] = at;
      ends[value] = end;
      change += 1;
    }
    this.#last.set(frame);
    this.#length = frame.length;
  }

  /** The last value (still in `#last`) becomes the older one; the frame's, the newest. */
  #rotate(value: number, frame: Buffer, at: number, end: number, toOlder: boolean): void {
    const newest = toOlder ? this.#olderDecimals[value] : decimalFromAscii(frame, at, end);
    const base = value * MAX_VALUE_BYTES;
    const start = this.#starts[value]!;
    const length = this.#ends[value]! - start;
    for (let index = 0; index < length; index++) this.#older[base + index] = this.#last[start + index]!;
    this.#olderLengths[value] = length;
    this.#olderDecimals[value] = this.#decimals[value];
    this.#decimals[value] = newest;
  }
}

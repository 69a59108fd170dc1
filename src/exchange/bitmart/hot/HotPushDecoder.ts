import type { BitmartWsKlineItem, BitmartWsKlinePush, BitmartWsTickerPush } from '../protocol/wire/index.ts';
import { ByteStringCache } from './ByteStringCache.ts';
import { HotPushGroups } from './HotPushGroups.ts';
import { DataFields, type FieldId, HOT_FIELDS, isTickerField, KLINE_ITEM_FIELDS } from './hotPushFields.ts';

/**
 * Decodes the two pushes that are nearly every frame (klines and tickers) straight from the
 * frame's bytes, validating while it reads, instead of `JSON.parse` then a guard
 * (docs/decisions/0005-ws-hot-path-decoding.md). It reads a strict subset of JSON: the known keys
 * only, each once, in any order, without whitespace (BitMart sends none); strings of printable ASCII
 * without escapes; decimals as `-?\d+(\.\d+)?`; `ts` as a plain integer. Anything else (another
 * key, an escape, a float, a missing field, another channel) gives `undefined`, and the caller
 * takes the general path (`JSON.parse`, guards, zod), which also explains a refusal.
 *
 * What it returns deep-equals `JSON.parse` of the same bytes and is accepted by the channel's zod
 * schema: HotPushDecoder.test.ts checks both on the recorded frames and on random edits of them.
 */
const OUTSIDE = new Error('outside the hot push subset');

const QUOTE = 0x22;
const COMMA = 0x2c;
const COLON = 0x3a;
const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
/** `ts` must be below 10^11 (seconds, not ms): at most 11 digits. */
const MAX_TS_DIGITS = 11;
const EPOCH_UNIT_BOUNDARY = 100_000_000_000;

/** A push the decoder read and validated, with the channel whose schema it matches. */
export type HotPush =
  | { readonly channel: 'kline'; readonly push: BitmartWsKlinePush }
  | { readonly channel: 'ticker'; readonly push: BitmartWsTickerPush };

export class HotPushDecoder {
  readonly #strings: ByteStringCache;
  readonly #groups = new HotPushGroups();
  /** The data fields of the push being read, by field id; reset per frame. */
  readonly #fields = new DataFields();
  #bytes: Buffer = Buffer.alloc(0);
  #at = 0;

  constructor(strings = new ByteStringCache()) {
    this.#strings = strings;
  }

  /** The kline or ticker push in `bytes`, validated, or undefined when it is not one in the subset. */
  decode(bytes: Buffer): HotPush | undefined {
    this.#bytes = bytes;
    this.#at = 0;
    try {
      return this.#push();
    } catch (error) {
      if (error === OUTSIDE) return undefined;
      throw error;
    }
  }

  #push(): HotPush | undefined {
    this.#expect(OPEN_BRACE);
    let group: string | undefined;
    let kline: BitmartWsKlinePush['data'] | undefined;
    let ticker: BitmartWsTickerPush['data'] | undefined;
    do {
      const field = this.#key();
      if (field === HOT_FIELDS.group && group === undefined) group = this.#text();
      else if (field === HOT_FIELDS.data && kline === undefined && ticker === undefined) {
        const items = this.#data();
        if (items === undefined) ticker = this.#tickerData();
        else kline = this.#klineData(items);
      } else throw OUTSIDE;
    } while (this.#more(CLOSE_BRACE));
    if (this.#at !== this.#bytes.length || group === undefined) return undefined;
    // The channel the stream routes the group to must be the one whose schema the data matches.
    const channel = this.#groups.channelOf(group);
    if (kline !== undefined) return channel === 'kline' ? { channel, push: { group, data: kline } } : undefined;
    if (ticker !== undefined && channel === 'ticker') return { channel, push: { group, data: ticker } };
    return undefined;
  }

  /** At the data object: fills `#fields`; returns the candles of a kline push, undefined for a ticker. */
  #data(): BitmartWsKlineItem[] | undefined {
    const fields = this.#fields;
    fields.clear();
    let items: BitmartWsKlineItem[] | undefined;
    this.#expect(OPEN_BRACE);
    do {
      const field = this.#key();
      if (field === HOT_FIELDS.items && items === undefined) items = this.#items();
      else if (field === HOT_FIELDS.symbol) this.#set(field, this.#symbol());
      else if (isTickerField(field)) this.#set(field, this.#decimal());
      else throw OUTSIDE;
    } while (this.#more(CLOSE_BRACE));
    return items;
  }

  #set(field: FieldId, value: string): void {
    if (!this.#fields.set(field, value)) throw OUTSIDE;
  }

  /** A kline data object has the symbol and the candles only. */
  #klineData(items: BitmartWsKlineItem[]): BitmartWsKlinePush['data'] {
    const symbol = this.#fields.symbol();
    if (symbol === undefined || this.#fields.count !== 1) throw OUTSIDE;
    return { symbol, items };
  }

  /** A ticker data object has the symbol and every required decimal. */
  #tickerData(): BitmartWsTickerPush['data'] {
    const ticker = this.#fields.ticker();
    if (ticker === undefined) throw OUTSIDE;
    return ticker;
  }

  #items(): BitmartWsKlineItem[] {
    const items: BitmartWsKlineItem[] = [];
    this.#expect(OPEN_BRACKET);
    if (this.#bytes[this.#at] === CLOSE_BRACKET) {
      this.#at += 1;
      return items;
    }
    do items.push(this.#item());
    while (this.#more(CLOSE_BRACKET));
    return items;
  }

  #item(): BitmartWsKlineItem {
    let o: string | undefined;
    let h: string | undefined;
    let l: string | undefined;
    let c: string | undefined;
    let v: string | undefined;
    let ts: number | undefined;
    this.#expect(OPEN_BRACE);
    do {
      const field = this.#key();
      if (field === KLINE_ITEM_FIELDS.o && o === undefined) o = this.#decimal();
      else if (field === KLINE_ITEM_FIELDS.h && h === undefined) h = this.#decimal();
      else if (field === KLINE_ITEM_FIELDS.l && l === undefined) l = this.#decimal();
      else if (field === KLINE_ITEM_FIELDS.c && c === undefined) c = this.#decimal();
      else if (field === KLINE_ITEM_FIELDS.v && v === undefined) v = this.#decimal();
      else if (field === KLINE_ITEM_FIELDS.ts && ts === undefined) ts = this.#seconds();
      else throw OUTSIDE;
    } while (this.#more(CLOSE_BRACE));
    if (o === undefined || h === undefined || l === undefined || c === undefined || v === undefined) throw OUTSIDE;
    if (ts === undefined) throw OUTSIDE;
    return { o, h, l, c, v, ts };
  }

  /** A key and its colon; the id of a known field, or out of the subset. */
  #key(): FieldId {
    const bytes = this.#bytes;
    if (bytes[this.#at] !== QUOTE) throw OUTSIDE;
    const start = this.#at + 1;
    let end = start;
    let hash = 0;
    for (let byte = bytes[end]; byte !== QUOTE; byte = bytes[++end]) {
      if (byte === undefined) throw OUTSIDE;
      hash = Math.imul(hash ^ byte, 0x01000193);
    }
    const field = HOT_FIELDS.idOf(bytes, start, end, hash);
    if (field === undefined) throw OUTSIDE;
    this.#at = end + 1;
    if (bytes[this.#at] !== COLON) throw OUTSIDE;
    this.#at += 1;
    return field;
  }

  /** A string of printable ASCII other than `"` and `\`. */
  #text(): string {
    const bytes = this.#bytes;
    if (bytes[this.#at] !== QUOTE) throw OUTSIDE;
    const start = this.#at + 1;
    let end = start;
    let hash = 0;
    for (let byte = bytes[end]; byte !== QUOTE; byte = bytes[++end]) {
      if (byte === undefined || byte < 0x20 || byte > 0x7e || byte === 0x5c) throw OUTSIDE;
      hash = Math.imul(hash ^ byte, 0x01000193);
    }
    this.#at = end + 1;
    return this.#strings.get(bytes, start, end, hash);
  }

  /** `"[A-Z0-9]+"`, the shape of `bitmartSymbol`. */
  #symbol(): string {
    const bytes = this.#bytes;
    if (bytes[this.#at] !== QUOTE) throw OUTSIDE;
    const start = this.#at + 1;
    let end = start;
    let hash = 0;
    for (let byte = bytes[end]; byte !== QUOTE; byte = bytes[++end]) {
      if (byte === undefined || !((byte >= 0x41 && byte <= 0x5a) || (byte >= ZERO && byte <= NINE))) throw OUTSIDE;
      hash = Math.imul(hash ^ byte, 0x01000193);
    }
    if (end === start) throw OUTSIDE;
    this.#at = end + 1;
    return this.#strings.get(bytes, start, end, hash);
  }

  /** `"-?\d+(\.\d+)?"`, the shape of `bitmartDecimal`. */
  #decimal(): string {
    const bytes = this.#bytes;
    if (bytes[this.#at] !== QUOTE) throw OUTSIDE;
    const start = this.#at + 1;
    let end = start;
    let hash = 0;
    let byte = bytes[end];
    if (byte === MINUS) {
      hash = Math.imul(hash ^ byte, 0x01000193);
      byte = bytes[++end];
    }
    let digits = 0;
    let dot = -1;
    for (; byte !== QUOTE; byte = bytes[++end]) {
      if (byte !== undefined && byte >= ZERO && byte <= NINE) digits += 1;
      else if (byte === DOT && dot === -1 && digits > 0) dot = end;
      else throw OUTSIDE;
      hash = Math.imul(hash ^ byte, 0x01000193);
    }
    if (digits === 0 || dot === end - 1) throw OUTSIDE;
    this.#at = end + 1;
    return this.#strings.get(bytes, start, end, hash);
  }

  /** A non-negative integer below 10^11 with no sign, fraction, exponent or leading zero: `bitmartEpochSeconds`. */
  #seconds(): number {
    const bytes = this.#bytes;
    const start = this.#at;
    let end = start;
    let value = 0;
    for (let byte = bytes[end]; byte !== undefined && byte >= ZERO && byte <= NINE; byte = bytes[++end]) {
      value = value * 10 + (byte - ZERO);
    }
    const digits = end - start;
    if (digits === 0 || digits > MAX_TS_DIGITS || (digits > 1 && bytes[start] === ZERO)) throw OUTSIDE;
    if (value >= EPOCH_UNIT_BOUNDARY) throw OUTSIDE;
    const next = bytes[end];
    if (next === DOT || next === 0x65 || next === 0x45) throw OUTSIDE;
    this.#at = end;
    return value;
  }

  /** After a member or element: true on a comma, false on `close`, out of the subset otherwise. */
  #more(close: number): boolean {
    const byte = this.#bytes[this.#at];
    this.#at += 1;
    if (byte === COMMA) return true;
    if (byte === close) return false;
    throw OUTSIDE;
  }

  #expect(byte: number): void {
    if (this.#bytes[this.#at] !== byte) throw OUTSIDE;
    this.#at += 1;
  }
}

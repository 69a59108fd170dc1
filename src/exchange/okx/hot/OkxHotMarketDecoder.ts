import { decimalFromAscii } from '../../../platform/decimal/decimalFromAscii.ts';
import type { Dec } from '../../../platform/decimal/index.ts';
import type { Kline, MarketTrade, Ticker, Timeframe } from '../../port/types.ts';
import { symbolOf } from '../mapping/symbols.ts';
import { okxBarOfCandleChannel, timeframeOfOkxBar } from '../protocol/bars.ts';
import { argKey } from '../ws/OkxWsConnection.ts';
import {
  CANDLE_FIELDS,
  type Field,
  stringEnd,
  TICKER,
  TICKER_FIELDS,
  TRADE,
  TRADE_FIELDS,
  valueEnd,
} from './hotFields.ts';

/** A push read straight from its bytes, with the arg key the connection files it under. */
export type OkxHotPush =
  | { readonly kind: 'ticker'; readonly key: string; readonly ticker: Ticker }
  | { readonly kind: 'trade'; readonly key: string; readonly trade: MarketTrade }
  | { readonly kind: 'kline'; readonly key: string; readonly kline: Kline };

const ARG_PREFIX = Buffer.from('{"arg":{"channel":"', 'latin1');
const INST_ID_INFIX = Buffer.from('","instId":"', 'latin1');
const DATA_INFIX = Buffer.from('"},"data":[', 'latin1');
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
/** Beyond this many args the routes start over: args come from the server. */
const MAX_ROUTES = 4_096;
/** Longer decimals are not remembered (they are parsed each time). */
const SLOT_BYTES = 48;

/** A field's last bytes and its `Dec`: a price that did not change costs a byte compare. */
class DecSlot {
  readonly #bytes = new Uint8Array(SLOT_BYTES);
  #length = -1;
  #value: Dec | undefined;

  of(frame: Uint8Array, start: number, end: number): Dec {
    const length = end - start;
    if (length === this.#length) {
      const bytes = this.#bytes;
      let index = 0;
      while (index < length && bytes[index] === frame[start + index]) index += 1;
      if (index === length) return this.#value!;
    }
    const value = decimalFromAscii(frame, start, end);
    if (length <= SLOT_BYTES) {
      const bytes = this.#bytes;
      for (let index = 0; index < length; index++) bytes[index] = frame[start + index]!;
      this.#length = length;
      this.#value = value;
    } else {
      this.#length = -1;
    }
    return value;
  }
}

/** What every push of one arg shares: found by the hash of the arg's bytes, checked byte by byte. */
interface Route {
  readonly channelBytes: Uint8Array;
  readonly key: string;
  readonly channel: 'tickers' | 'trades' | 'candle';
  readonly instId: Uint8Array;
  readonly symbol: string;
  readonly timeframe: Timeframe | undefined;
  readonly slots: DecSlot[];
  /** The ticker's last 24 h change and the two values it came from. */
  changeOf: { last: Dec; open: Dec; change: Dec } | undefined;
}

/**
 * The market stream's fast path for OKX's `tickers`, `trades` and `candle<bar>` pushes: frame
 * bytes to the port's events, without `JSON.parse`, zod or a wire object
 * (docs/decisions/0034-okx-ws-hot-path.md). It reads one strict subset of JSON only, the shape OKX
 * and the simulator send: `{"arg":{"channel":…,"instId":…},"data":[one row]}`, compact, strings of
 * printable ASCII without escapes, the row's keys those of the channel's schema, each at most once,
 * values checked by the schema's grammar while read. Anything else is declined (`undefined`) and
 * takes the general path, which decides: the fast path never refuses. What it returns equals
 * `JSON.parse` + zod + the mapping of the same bytes (OkxHotMarketDecoder.test.ts).
 */
export class OkxHotMarketDecoder {
  readonly #routes = new Map<number, Route>();
  /** Per field of the row being read: where its value starts and ends (-1: not seen). */
  readonly #starts = new Int32Array(TICKER_FIELDS.length);
  readonly #ends = new Int32Array(TICKER_FIELDS.length);

  decode(frame: Buffer): OkxHotPush | undefined {
    const dataAt = this.#argEnd(frame);
    if (dataAt < 0) return undefined;
    const route = this.#route(frame, dataAt);
    if (route === undefined) return undefined;
    if (route.channel === 'candle') return this.#candle(frame, dataAt, route);
    const fields = route.channel === 'tickers' ? TICKER_FIELDS : TRADE_FIELDS;
    const rowEnd = this.#row(frame, dataAt, fields);
    if (rowEnd < 0 || !closesFrame(frame, rowEnd)) return undefined;
    // The event's symbol is the row's instrument: it must be the arg's.
    const instId = fields === TICKER_FIELDS ? TICKER.instId : TRADE.instId;
    if (!equalBytes(frame, this.#starts[instId]!, this.#ends[instId]!, route.instId)) return undefined;
    return route.channel === 'tickers' ? this.#ticker(frame, route) : this.#trade(frame, route);
  }

  /** FNV-1a of the arg's channel and instId, as `#argEnd` read them. */
  #argHash = 0;
  #channelEnd = 0;

  /** Where the first row starts when the frame opens as a compact one-arg push, else -1. */
  #argEnd(frame: Uint8Array): number {
    if (!startsWith(frame, 0, ARG_PREFIX)) return -1;
    let hash = 0x811c9dc5;
    let index = ARG_PREFIX.length;
    for (let byte = frame[index]; byte !== QUOTE; byte = frame[++index]) {
      if (byte === undefined || byte < 0x20 || byte > 0x7e || byte === BACKSLASH) return -1;
      hash = Math.imul(hash ^ byte, 0x01000193);
    }
    const channelEnd = index;
    if (!startsWith(frame, channelEnd, INST_ID_INFIX)) return -1;
    index = channelEnd + INST_ID_INFIX.length;
    hash = Math.imul(hash ^ QUOTE, 0x01000193);
    for (let byte = frame[index]; byte !== QUOTE; byte = frame[++index]) {
      if (byte === undefined || byte < 0x20 || byte > 0x7e || byte === BACKSLASH) return -1;
      hash = Math.imul(hash ^ byte, 0x01000193);
    }
    if (!startsWith(frame, index, DATA_INFIX)) return -1;
    this.#argHash = hash;
    this.#channelEnd = channelEnd;
    return index + DATA_INFIX.length;
  }

  #route(frame: Buffer, dataAt: number): Route | undefined {
    const known = this.#routes.get(this.#argHash);
    // The fixed parts were checked by #argEnd: equal channel and instId bytes make the same arg.
    const channelEnd = this.#channelEnd;
    if (
      known !== undefined &&
      equalBytes(frame, ARG_PREFIX.length, channelEnd, known.channelBytes) &&
      equalBytes(frame, channelEnd + INST_ID_INFIX.length, dataAt - DATA_INFIX.length, known.instId)
    )
      return known;
    const route = newRoute(frame, channelEnd, dataAt);
    if (route === undefined) return undefined;
    if (this.#routes.size >= MAX_ROUTES) this.#routes.clear();
    this.#routes.set(this.#argHash, route);
    return route;
  }

  /** Reads one `{"key":"value",…}` row of `fields` from `at`; where it ends, or -1. */
  #row(frame: Uint8Array, at: number, fields: readonly Field[]): number {
    const starts = this.#starts;
    const ends = this.#ends;
    ends.fill(-1);
    if (frame[at] !== OPEN_BRACE) return -1;
    let index = at + 1;
    let expected = 0;
    for (;;) {
      let field: number;
      let valueStart: number;
      // OKX keeps its key order: the expected key is one compare of `"key":"`.
      const next = fields[expected];
      if (next !== undefined && startsWith(frame, index, next.token)) {
        field = expected;
        valueStart = index + next.token.length;
      } else {
        if (frame[index] !== QUOTE) return -1;
        const keyEnd = stringEnd(frame, index + 1);
        if (keyEnd < 0) return -1;
        field = fieldOf(frame, index + 1, keyEnd, fields);
        if (field < 0 || frame[keyEnd + 1] !== COLON || frame[keyEnd + 2] !== QUOTE) return -1;
        valueStart = keyEnd + 3;
      }
      if (ends[field] !== -1) return -1;
      const end = valueEnd(fields[field]!.grammar, frame, valueStart);
      if (end < 0) return -1;
      starts[field] = valueStart;
      ends[field] = end;
      const valueEndAt = end;
      expected = field + 1;
      index = valueEndAt + 1;
      if (frame[index] === COMMA) {
        index += 1;
        continue;
      }
      if (frame[index] !== CLOSE_BRACE) return -1;
      break;
    }
    for (let field = 0; field < fields.length; field++) if (ends[field] === -1 && !fields[field]!.optional) return -1;
    return index + 1;
  }

  #ticker(frame: Buffer, route: Route): OkxHotPush {
    const slots = route.slots;
    const lastPrice = this.#dec(frame, slots, TICKER.last)!;
    const open = this.#dec(frame, slots, TICKER.open24h)!;
    let change: Dec | undefined;
    const memo = route.changeOf;
    if (memo !== undefined && memo.last === lastPrice && memo.open === open) change = memo.change;
    else if (!open.isZero()) {
      change = lastPrice.div(open).minus(1);
      route.changeOf = { last: lastPrice, open, change };
    }
    const ticker: Ticker = {
      symbol: route.symbol,
      lastPrice,
      markPrice: undefined,
      indexPrice: undefined,
      bestBid: this.#dec(frame, slots, TICKER.bidPx),
      bestBidSize: this.#dec(frame, slots, TICKER.bidSz),
      bestAsk: this.#dec(frame, slots, TICKER.askPx),
      bestAskSize: this.#dec(frame, slots, TICKER.askSz),
      volume24h: this.#dec(frame, slots, TICKER.vol24h),
      change24h: change,
      time: millisOf(frame, this.#starts[TICKER.ts]!, this.#ends[TICKER.ts]!),
    };
    return { kind: 'ticker', key: route.key, ticker };
  }

  #trade(frame: Buffer, route: Route): OkxHotPush {
    const starts = this.#starts;
    const ends = this.#ends;
    const trade: MarketTrade = {
      symbol: route.symbol,
      tradeId: latin1(frame, starts[TRADE.tradeId]!, ends[TRADE.tradeId]!),
      price: this.#dec(frame, route.slots, TRADE.px)!,
      size: this.#dec(frame, route.slots, TRADE.sz)!,
      // The grammar allowed "buy" or "sell" only.
      takerSide: frame[starts[TRADE.side]!] === 0x62 ? 'buy' : 'sell',
      time: millisOf(frame, starts[TRADE.ts]!, ends[TRADE.ts]!),
    };
    return { kind: 'trade', key: route.key, trade };
  }

  /** `[["ts","o","h","l","c","vol","volCcy","volCcyQuote","confirm"]]`: one candle, nine strings. */
  #candle(frame: Buffer, at: number, route: Route): OkxHotPush | undefined {
    if (frame[at] !== OPEN_BRACKET || route.timeframe === undefined) return undefined;
    const starts = this.#starts;
    const ends = this.#ends;
    let index = at + 1;
    for (let field = 0; field < CANDLE_FIELDS.length; field++) {
      if (field > 0 && frame[index++] !== COMMA) return undefined;
      if (frame[index] !== QUOTE) return undefined;
      const end = valueEnd(CANDLE_FIELDS[field]!.grammar, frame, index + 1);
      if (end < 0) return undefined;
      starts[field] = index + 1;
      ends[field] = end;
      index = end + 1;
    }
    if (frame[index] !== CLOSE_BRACKET || !closesFrame(frame, index + 1)) return undefined;
    const slots = route.slots;
    const kline: Kline = {
      symbol: route.symbol,
      timeframe: route.timeframe,
      openTime: millisOf(frame, starts[0]!, ends[0]!),
      open: this.#dec(frame, slots, 1)!,
      high: this.#dec(frame, slots, 2)!,
      low: this.#dec(frame, slots, 3)!,
      close: this.#dec(frame, slots, 4)!,
      volume: this.#dec(frame, slots, 5)!,
    };
    return { kind: 'kline', key: route.key, kline };
  }

  /** The field's `Dec`; undefined when it is `""` (unset) or absent, as the general mapping has it. */
  #dec(frame: Uint8Array, slots: DecSlot[], field: number): Dec | undefined {
    const start = this.#starts[field]!;
    const end = this.#ends[field]!;
    if (end === -1 || end === start) return undefined;
    return slots[field]!.of(frame, start, end);
  }
}

function newRoute(frame: Buffer, channelEnd: number, dataAt: number): Route | undefined {
  const channelStart = ARG_PREFIX.length;
  const instIdStart = channelEnd + INST_ID_INFIX.length;
  const instIdEnd = dataAt - DATA_INFIX.length;
  const channelName = latin1(frame, channelStart, channelEnd);
  const instIdText = latin1(frame, instIdStart, instIdEnd);
  // The general path skips a candle push without an instrument; the fast path leaves it to it.
  if (instIdText === '') return undefined;
  let channel: Route['channel'];
  let timeframe: Timeframe | undefined;
  if (channelName === 'tickers' || channelName === 'trades') channel = channelName;
  else {
    const bar = okxBarOfCandleChannel(channelName);
    timeframe = bar ? timeframeOfOkxBar(bar.bar) : undefined;
    if (timeframe === undefined) return undefined;
    channel = 'candle';
  }
  const fields = channel === 'tickers' ? TICKER_FIELDS : channel === 'trades' ? TRADE_FIELDS : CANDLE_FIELDS;
  return {
    channelBytes: new Uint8Array(frame.subarray(channelStart, channelEnd)),
    key: argKey({ channel: channelName, instId: instIdText }),
    channel,
    instId: new Uint8Array(frame.subarray(instIdStart, instIdEnd)),
    symbol: symbolOf(instIdText),
    timeframe,
    slots: fields.map(() => new DecSlot()),
    changeOf: undefined,
  };
}

/** The field whose key is `frame[start, end)`; -1 if none. */
function fieldOf(frame: Uint8Array, start: number, end: number, fields: readonly Field[]): number {
  for (let field = 0; field < fields.length; field++)
    if (equalBytes(frame, start, end, fields[field]!.key)) return field;
  return -1;
}

/** The row is the push's only one and the frame ends right after it. */
function closesFrame(frame: Uint8Array, at: number): boolean {
  return frame.length === at + 2 && frame[at] === CLOSE_BRACKET && frame[at + 1] === CLOSE_BRACE;
}

function startsWith(frame: Uint8Array, at: number, expected: Uint8Array): boolean {
  if (at + expected.length > frame.length) return false;
  for (let index = 0; index < expected.length; index++) if (frame[at + index] !== expected[index]) return false;
  return true;
}

function equalBytes(frame: Uint8Array, start: number, end: number, expected: Uint8Array): boolean {
  return end - start === expected.length && startsWith(frame, start, expected);
}

/** `Number(text)` of a digit string; long ones go through `Number` itself so rounding is the same. */
function millisOf(frame: Buffer, start: number, end: number): number {
  if (end - start > 15) return Number(latin1(frame, start, end));
  let value = 0;
  for (let index = start; index < end; index++) value = value * 10 + (frame[index]! - 0x30);
  return value;
}

function latin1(frame: Buffer, start: number, end: number): string {
  return frame.toString('latin1', start, end);
}

import type { BitmartWsTickerPush } from '../protocol/wire/index.ts';

/**
 * The keys `HotPushDecoder` knows (wsPublicPushes.ts: the kline and ticker pushes), recognised from
 * their bytes without making a string: a table with one slot per key, sized so that no two keys
 * share a slot, checked byte by byte.
 */
const NAMES = [
  'group',
  'data',
  'symbol',
  'items',
  // Ticker data: ids 4 to 13.
  'last_price',
  'volume_24',
  'range',
  'mark_price',
  'fair_price',
  'index_price',
  'ask_price',
  'ask_vol',
  'bid_price',
  'bid_vol',
  // A kline item.
  'o',
  'h',
  'l',
  'c',
  'v',
  'ts',
] as const;
type FieldName = (typeof NAMES)[number];
export type FieldId = number;

const FIRST_TICKER_FIELD = 4;
const LAST_TICKER_FIELD = 13;

/** FNV-1a without offset, over the key's bytes: the decoder computes it while it reads them. */
function hashOfBytes(bytes: ArrayLike<number>, start = 0, end = bytes.length): number {
  let hash = 0;
  for (let index = start; index < end; index++) hash = Math.imul(hash ^ bytes[index]!, 0x01000193);
  return hash;
}

class KnownKeys {
  readonly #slots: (FieldId | undefined)[];
  readonly #mask: number;

  constructor() {
    for (let size = 32; ; size *= 2) {
      const slots = new Array<FieldId | undefined>(size).fill(undefined);
      if (NAMES.every((name, id) => place(slots, size - 1, name, id))) {
        this.#slots = slots;
        this.#mask = size - 1;
        return;
      }
    }
  }

  idOf(bytes: Uint8Array, start: number, end: number, hash: number): FieldId | undefined {
    const id = this.#slots[slotOf(hash, this.#mask)];
    if (id === undefined) return undefined;
    const name = NAMES[id]!;
    if (name.length !== end - start) return undefined;
    for (let index = 0; index < name.length; index++)
      if (name.charCodeAt(index) !== bytes[start + index]) return undefined;
    return id;
  }
}

function slotOf(hash: number, mask: number): number {
  return (hash ^ (hash >>> 15)) & mask;
}

function place(slots: (FieldId | undefined)[], mask: number, name: string, id: FieldId): boolean {
  const slot = slotOf(hashOfBytes(Buffer.from(name, 'latin1')), mask);
  if (slots[slot] !== undefined) return false;
  slots[slot] = id;
  return true;
}

const KEYS = new KnownKeys();
const id = (name: FieldName): FieldId => NAMES.indexOf(name);

export const HOT_FIELDS = {
  group: id('group'),
  data: id('data'),
  symbol: id('symbol'),
  items: id('items'),
  idOf: (bytes: Buffer, start: number, end: number, hash: number) => KEYS.idOf(bytes, start, end, hash),
  /** `idOf` for a caller that has not hashed the key while reading it. */
  idOfKey: (bytes: Uint8Array, start: number, end: number) =>
    KEYS.idOf(bytes, start, end, hashOfBytes(bytes, start, end)),
  count: NAMES.length,
};

const SYMBOL = id('symbol');
const LAST_PRICE = id('last_price');
const VOLUME_24 = id('volume_24');
const RANGE = id('range');
const MARK_PRICE = id('mark_price');
const FAIR_PRICE = id('fair_price');
const INDEX_PRICE = id('index_price');
const ASK_PRICE = id('ask_price');
const ASK_VOL = id('ask_vol');
const BID_PRICE = id('bid_price');
const BID_VOL = id('bid_vol');

export const TICKER_FIELDS = {
  last_price: LAST_PRICE,
  volume_24: VOLUME_24,
  range: RANGE,
  mark_price: MARK_PRICE,
  fair_price: FAIR_PRICE,
  index_price: INDEX_PRICE,
  ask_price: ASK_PRICE,
  ask_vol: ASK_VOL,
  bid_price: BID_PRICE,
  bid_vol: BID_VOL,
};

export const KLINE_ITEM_FIELDS = { o: id('o'), h: id('h'), l: id('l'), c: id('c'), v: id('v'), ts: id('ts') };

export function isTickerField(field: FieldId): boolean {
  return field >= FIRST_TICKER_FIELD && field <= LAST_TICKER_FIELD;
}

/** The fields whose value is a decimal string: the ticker's and a candle's prices and sizes. */
export function isDecimalField(field: FieldId): boolean {
  return isTickerField(field) || (field >= KLINE_ITEM_FIELDS.o && field <= KLINE_ITEM_FIELDS.v);
}

/** The string fields of one data object (symbol and ticker decimals), by id; reused frame after frame. */
export class DataFields {
  readonly #values: (string | undefined)[] = new Array<string | undefined>(LAST_TICKER_FIELD + 1).fill(undefined);
  #count = 0;

  clear(): void {
    this.#values.fill(undefined);
    this.#count = 0;
  }

  /** False when the field was already set: a repeated key is left to JSON.parse. */
  set(field: FieldId, value: string): boolean {
    if (this.#values[field] !== undefined) return false;
    this.#values[field] = value;
    this.#count += 1;
    return true;
  }

  get count(): number {
    return this.#count;
  }

  symbol(): string | undefined {
    return this.#values[SYMBOL];
  }

  /** The ticker data, or undefined when a required field is missing. */
  ticker(): BitmartWsTickerPush['data'] | undefined {
    const values = this.#values;
    const symbol = values[SYMBOL];
    const last_price = values[LAST_PRICE];
    const volume_24 = values[VOLUME_24];
    const range = values[RANGE];
    const index_price = values[INDEX_PRICE];
    const ask_price = values[ASK_PRICE];
    const ask_vol = values[ASK_VOL];
    const bid_price = values[BID_PRICE];
    const bid_vol = values[BID_VOL];
    if (symbol === undefined || last_price === undefined || volume_24 === undefined || range === undefined) return;
    if (index_price === undefined || ask_price === undefined || ask_vol === undefined) return;
    if (bid_price === undefined || bid_vol === undefined) return;
    const data: BitmartWsTickerPush['data'] = {
      symbol,
      last_price,
      volume_24,
      range,
      index_price,
      ask_price,
      ask_vol,
      bid_price,
      bid_vol,
    };
    // Only when sent: JSON.parse has no such key otherwise.
    const mark = values[MARK_PRICE];
    if (mark !== undefined) data.mark_price = mark;
    const fair = values[FAIR_PRICE];
    if (fair !== undefined) data.fair_price = fair;
    return data;
  }
}

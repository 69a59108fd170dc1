import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyEdit,
  HOT_TEXTS,
  MESSAGES,
  SIMULATOR_FRAMES,
  TEXTS,
  textEdit,
} from '../../../../test/support/hotPushFrames.ts';
import { isBitmartWsKlinePush, isBitmartWsTickerPush } from '../protocol/wire/hotPushGuards.ts';
import { BitmartWsKlinePushSchema, BitmartWsTickerPushSchema, bitmartWsChannelOf } from '../protocol/wire/index.ts';
import { ByteStringCache } from './ByteStringCache.ts';
import { HotPushDecoder } from './HotPushDecoder.ts';

const FAILED = Symbol('JSON.parse threw');

function jsonParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return FAILED;
  }
}

/** Which schema accepts the frame on the reference path: JSON.parse, then zod (as the stream routes it). */
function referenceVerdict(text: string): 'kline' | 'ticker' | 'refused' {
  const json = jsonParse(text);
  if (json === FAILED) return 'refused';
  if (BitmartWsTickerPushSchema.safeParse(json).success) return 'ticker';
  if (BitmartWsKlinePushSchema.safeParse(json).success) return 'kline';
  return 'refused';
}

/** The same on our path: the decoder, else JSON.parse and the hand guards. */
function oursVerdict(decoder: HotPushDecoder, text: string): 'kline' | 'ticker' | 'refused' {
  const hot = decoder.decode(Buffer.from(text, 'utf8'));
  if (hot !== undefined) return hot.channel;
  const json = jsonParse(text);
  if (json === FAILED) return 'refused';
  if (isBitmartWsTickerPush(json)) return 'ticker';
  return isBitmartWsKlinePush(json) ? 'kline' : 'refused';
}

/** Whatever the decoder returns is what JSON.parse returns, routed to the channel whose schema accepts it. */
function expectFaithful(decoder: HotPushDecoder, text: string): void {
  const hot = decoder.decode(Buffer.from(text, 'utf8'));
  if (hot === undefined) return;
  const json = jsonParse(text);
  expect(hot.push).toStrictEqual(json);
  expect(bitmartWsChannelOf(hot.push.group) === 'futures/ticker').toBe(hot.channel === 'ticker');
  const schema = hot.channel === 'ticker' ? BitmartWsTickerPushSchema : BitmartWsKlinePushSchema;
  expect(schema.safeParse(json).success).toBe(true);
}

/** Rebuilds a value with its keys in a shuffled order, an escaped character, or sets one field. */
function restructure(value: unknown, seed: number, setTo: unknown): unknown {
  if (Array.isArray(value)) return value.map((item, index) => restructure(item, seed + index, setTo));
  if (typeof value === 'string' && seed % 13 === 0 && value.length > 0) return `${value}\u0001`;
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).map(([key, child], index) => [
    key,
    restructure(child, seed * 31 + index, setTo),
  ]);
  if (seed % 5 === 0) entries.reverse();
  if (seed % 7 === 0 && entries.length > 0) entries[seed % entries.length]![1] = setTo;
  if (seed % 11 === 0 && entries.length > 0) entries.pop();
  if (seed % 17 === 0) entries.push(['extra', 1]);
  return Object.fromEntries(entries);
}

const anyValue = fc.oneof(
  fc.constantFrom('', '-', '1', '-0.5', '1e5', ' 1', '1.', '.5', '007', 'BTCUSDT', 'btc', 'futures/ticker:X', 'é'),
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.constantFrom(1_700_000_000, 99_999_999_999, 100_000_000_000, -1, -0, 0.5, 1e21),
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
);

describe('HotPushDecoder', () => {
  it('reads every recorded and simulated kline and ticker push, as JSON.parse does', () => {
    const decoder = new HotPushDecoder();
    for (const text of HOT_TEXTS) {
      expect(decoder.decode(Buffer.from(text)), text).toBeDefined();
      expectFaithful(decoder, text);
    }
  });

  it('leaves every other frame to the general path', () => {
    const decoder = new HotPushDecoder();
    for (const text of TEXTS.filter((text) => !HOT_TEXTS.includes(text))) {
      expect(decoder.decode(Buffer.from(text)), text).toBeUndefined();
    }
    expect(decoder.decode(Buffer.from(JSON.stringify(JSON.parse(SIMULATOR_FRAMES[1]!), null, 2)))).toBeUndefined();
  });

  // A tiny string cache makes slots collide and change hands all the time: a wrong hit would show.
  const decoders = [new HotPushDecoder(), new HotPushDecoder(new ByteStringCache(4))];

  it('returns only what JSON.parse returns, and accepts exactly what JSON.parse + zod accept, on edited text', () => {
    const cases = fc.tuple(fc.constantFrom(...TEXTS), fc.array(textEdit, { minLength: 1, maxLength: 3 }), fc.nat(1));
    fc.assert(
      fc.property(cases, ([text, edits, which]) => {
        const edited = edits.reduce(applyEdit, text);
        const decoder = decoders[which]!;
        expectFaithful(decoder, edited);
        expect(oursVerdict(decoder, edited)).toBe(referenceVerdict(edited));
      }),
      { numRuns: 6_000 },
    );
  });

  it('does the same on reordered keys, changed or missing fields, escapes and whitespace', () => {
    const cases = fc.tuple(fc.constantFrom(...MESSAGES), fc.nat(), anyValue, fc.constantFrom(0, 0, 0, 1, 2), fc.nat(1));
    fc.assert(
      fc.property(cases, ([message, seed, value, indent, which]) => {
        const text = JSON.stringify(restructure(message, seed, value), null, indent);
        const escaped =
          seed % 3 === 0 ? text.replace(/[A-Z]/, (letter) => `\\u00${letter.charCodeAt(0).toString(16)}`) : text;
        const decoder = decoders[which]!;
        for (const variant of [text, escaped]) {
          expectFaithful(decoder, variant);
          expect(oursVerdict(decoder, variant)).toBe(referenceVerdict(variant));
        }
      }),
      { numRuns: 6_000 },
    );
  });
});

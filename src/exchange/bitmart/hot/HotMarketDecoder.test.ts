import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdit, HOT_TEXTS, SIMULATOR_FRAMES, TEXTS, textEdit } from '../../../../test/support/hotPushFrames.ts';
import { klinesFromWsPush, tickerFromWsPush, timeframeOfKlineGroup } from '../mapping/wsPublic.ts';
import { BitmartWsKlinePushSchema, BitmartWsTickerPushSchema, bitmartWsChannelOf } from '../protocol/wire/index.ts';
import { HotMarketDecoder, type HotMarketEvent } from './HotMarketDecoder.ts';

const RECEIVED_AT = 1_795_252_260_123;

/** The general path: JSON.parse, the channel's zod schema, the mapping; undefined when it refuses or has no one event. */
function referenceEvent(text: string): { group: string; event: HotMarketEvent } | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const group = (json as { group?: unknown }).group;
  if (typeof group !== 'string') return undefined;
  if (bitmartWsChannelOf(group) === 'futures/ticker') {
    const parsed = BitmartWsTickerPushSchema.safeParse(json);
    return parsed.success
      ? { group, event: { type: 'ticker', ticker: tickerFromWsPush(parsed.data, RECEIVED_AT) } }
      : undefined;
  }
  const parsed = BitmartWsKlinePushSchema.safeParse(json);
  const timeframe = timeframeOfKlineGroup(group);
  if (!parsed.success || timeframe === undefined) return undefined;
  const klines = klinesFromWsPush(parsed.data, timeframe);
  return klines.length === 1 ? { group, event: { type: 'kline', kline: klines[0]! } } : undefined;
}

/** Whatever the decoder returns is what the general path makes of the same text. */
function expectFaithful(decoder: HotMarketDecoder, text: string): HotMarketEvent | undefined {
  const event = decoder.decode(Buffer.from(text, 'utf8'), RECEIVED_AT);
  if (event === undefined) return undefined;
  const reference = referenceEvent(text);
  expect(reference, text).toBeDefined();
  expect(event, text).toStrictEqual(reference!.event);
  expect(decoder.group).toBe(reference!.group);
  return event;
}

/** Compact frames whose values the property below rewrites: one candle or one ticker. */
const BASES = HOT_TEXTS.filter((text) => referenceEvent(text) !== undefined);
const DECIMALS = [
  '0',
  '7',
  '101621.9',
  '101622',
  '101621.8',
  '-0.014731',
  '9999999',
  '10000000',
  '27953472',
  '0.00000001',
  '1234567890123456789012345678901234567890',
  '12345678901234567890123456789012345678901',
  '007',
  '-0',
  '1.',
  '.5',
  '-',
  '',
  '1e3',
  '1.2.3',
  '12a',
  '--1',
];
const SECONDS = [1_795_252_260, 1_795_252_320, 0, 7, 99_999_999_999, 100_000_000_000, -5, 1.5, '1795252260'];
const TICKER_KEYS = [
  'last_price',
  'volume_24',
  'range',
  'mark_price',
  'index_price',
  'ask_price',
  'ask_vol',
  'bid_price',
  'bid_vol',
];
const KLINE_KEYS = ['o', 'h', 'l', 'c', 'v'];

/** The base frame with some of its values replaced, key order and spacing kept as they were. */
function withValues(base: string, picks: readonly number[]): string {
  const message = JSON.parse(base) as { data: Record<string, unknown> & { items?: Record<string, unknown>[] } };
  const target = message.data.items?.[0] ?? message.data;
  const keys = message.data.items ? [...KLINE_KEYS, 'ts'] : TICKER_KEYS;
  keys.forEach((key, index) => {
    const pick = picks[index % picks.length]!;
    if (!(key in target) || pick % 3 === 0) return;
    target[key] = key === 'ts' ? SECONDS[pick % SECONDS.length] : DECIMALS[pick % DECIMALS.length];
  });
  return JSON.stringify(message);
}

const frameStep = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.nat(200), { minLength: 1, maxLength: 12 }).map((picks) => ({ picks })) },
  { weight: 1, arbitrary: fc.array(textEdit, { minLength: 1, maxLength: 2 }).map((edits) => ({ edits })) },
  { weight: 1, arbitrary: fc.constant({ same: true }) },
);

describe('HotMarketDecoder', () => {
  it('turns every recorded and simulated single-candle kline and ticker push into its event', () => {
    const decoder = new HotMarketDecoder();
    // Twice: the first reading learns each group's template, the second is matched against it.
    for (const text of [...BASES, ...BASES]) expect(expectFaithful(decoder, text), text).toBeDefined();
    expect(BASES).toEqual(expect.arrayContaining(SIMULATOR_FRAMES));
  });

  it('declines every other frame', () => {
    const decoder = new HotMarketDecoder();
    for (const text of [...BASES, ...TEXTS.filter((text) => !BASES.includes(text))]) expectFaithful(decoder, text);
    for (const text of TEXTS.filter((text) => !BASES.includes(text))) {
      expect(decoder.decode(Buffer.from(text), RECEIVED_AT), text).toBeUndefined();
    }
  });

  it('gives the general path’s event for every frame of a stream of changing values and edited text', () => {
    const streams = fc.tuple(fc.constantFrom(...BASES), fc.array(frameStep, { minLength: 1, maxLength: 40 }));
    fc.assert(
      fc.property(streams, ([base, steps]) => {
        const decoder = new HotMarketDecoder();
        let previous = base;
        expect(expectFaithful(decoder, base)).toBeDefined();
        for (const step of steps) {
          const text =
            'picks' in step
              ? withValues(base, step.picks)
              : 'edits' in step
                ? step.edits.reduce(applyEdit, base)
                : previous;
          const event = expectFaithful(decoder, text);
          // Valid values in the same places are never left to the slow path.
          if (
            referenceEvent(text) !== undefined &&
            'picks' in step &&
            !text.includes('12345678901234567890123456789012345678901')
          ) {
            expect(event, text).toBeDefined();
          }
          previous = text;
        }
      }),
      { numRuns: 1_500 },
    );
  });

  it('keeps each group apart when their frames interleave', () => {
    const decoder = new HotMarketDecoder();
    const [kline, ticker] = SIMULATOR_FRAMES as [string, string];
    const other = kline.replaceAll('BTCUSDT', 'ETHUSDT');
    const changed = kline.replace('"v":"11510"', '"v":"11512"');
    const otherChanged = other.replace('"c":"101621.9"', '"c":"101622.5"');
    const frames = [kline, ticker, other, changed, otherChanged, ticker, other, kline];
    const groups = frames.map((frame) => {
      expect(expectFaithful(decoder, frame), frame).toBeDefined();
      return decoder.group;
    });
    expect(groups).toEqual(frames.map((frame) => (JSON.parse(frame) as { group: string }).group));
  });
});

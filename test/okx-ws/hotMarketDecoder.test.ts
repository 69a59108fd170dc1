import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { OkxHotMarketDecoder, type OkxHotPush } from '../../src/exchange/okx/hot/OkxHotMarketDecoder.ts';
import { candlesOfPush, tickersOfPush, tradesOfPush } from '../../src/exchange/okx/streams/okxMarketPushes.ts';
import { argKey } from '../../src/exchange/okx/ws/OkxWsConnection.ts';
import { ManualClock } from '../../src/platform/clock/index.ts';
import { applyEdit, textEdit } from '../support/hotPushFrames.ts';
import { startTestSimulator } from '../support/testSimulator.ts';
import { waitFor } from '../support/waitFor.ts';

// The fast path of OKX's market pushes (decision 0034) against the general path, JSON.parse + the
// channel's zod schema + the mapping (streams/okxMarketPushes.ts), on recorded OKX frames, frames
// the simulator's OKX face sends, and edits of both.

const FIXTURES = join(import.meta.dirname, '../../src/exchange/okx/fixtures');
const readFixture = (name: string): unknown => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));

/** Every recorded WS frame that comes in: pushes of our channels and of others, acks, errors. */
function recordedFrames(): string[] {
  const frames: unknown[] = [];
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if ('arg' in record || 'event' in record) frames.push(record);
      else if (record.dir !== 'out') for (const inner of Object.values(record)) collect(inner);
    }
  };
  for (const name of [
    'ws.tickers.BTC-USDT-SWAP.ccxt-pr19076.json',
    'ws.transcript.candle1D.docs-example.jkorf.json',
    'ws.events.docs-v5-examples.json',
    'ws.account.snapshot.ccxt-comment.json',
    'ws.positions.XRP-USDT-SWAP-net-cross.ccxt-comment.json',
    'ws.error-events.collection.issues.json',
    'ws.transcript.private-login-subscribe-orders.ccxt-pr19770.json',
  ])
    collect(readFixture(name));
  return frames.map((frame) => JSON.stringify(frame));
}

/** The general path's one event for the frame, with the arg key; undefined when it refuses it or makes no single event. */
function reference(text: string): OkxHotPush | undefined {
  let message: { arg?: { channel?: unknown; instId?: unknown } } | null;
  try {
    message = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof message !== 'object' || message === null || 'event' in message) return undefined;
  const arg = message.arg;
  if (!arg || typeof arg.channel !== 'string') return undefined;
  const key = argKey(arg as { channel: string; instId?: string });
  if (arg.channel === 'tickers') {
    const decoded = tickersOfPush(message);
    return decoded.ok && decoded.value.length === 1 ? { kind: 'ticker', key, ticker: decoded.value[0]! } : undefined;
  }
  if (arg.channel === 'trades') {
    const decoded = tradesOfPush(message);
    return decoded.ok && decoded.value.length === 1 ? { kind: 'trade', key, trade: decoded.value[0]! } : undefined;
  }
  const decoded = candlesOfPush(message);
  return decoded.ok && decoded.value?.klines.length === 1
    ? { kind: 'kline', key, kline: decoded.value.klines[0]! }
    : undefined;
}

/** Whatever the decoder returns is what the general path makes of the same text. */
function expectFaithful(decoder: OkxHotMarketDecoder, text: string): OkxHotPush | undefined {
  const push = decoder.decode(Buffer.from(text, 'utf8'));
  if (push === undefined) return undefined;
  const expected = reference(text);
  expect(expected, text).toBeDefined();
  expect(push, text).toStrictEqual(expected);
  return push;
}

let simulated: string[] = [];

beforeAll(async () => {
  // The face's own pushes of the channels our market stream subscribes, as it sends them to any client.
  const clock = new ManualClock(Date.UTC(2026, 10, 2, 0, 0, 50));
  const { simulator } = await startTestSimulator({ SIM_VENUE: 'okx', SIM_TICK_MS: '100' }, clock);
  const frames: string[] = [];
  const sockets = await Promise.all(
    [
      ['public', ['tickers', 'trades']],
      ['business', ['candle1m', 'candle1H']],
    ].map(async ([endpoint, channels]) => {
      const socket = new WebSocket(`${simulator.wsUrl}/ws/v5/${endpoint}`);
      socket.on('message', (raw) => frames.push(String(raw)));
      await new Promise((resolve) => socket.once('open', resolve));
      const args = (channels as string[]).flatMap((channel) =>
        ['BTC-USDT-SWAP', 'DOGE-USDT-SWAP', 'XRP-USDT-SWAP'].map((instId) => ({ channel, instId })),
      );
      socket.send(JSON.stringify({ op: 'subscribe', args }));
      return socket;
    }),
  );
  await waitFor(() => frames.filter((frame) => frame.includes('"event":"subscribe"')).length === 12, 'the acks');
  // Past a minute boundary, so a confirmed candle is among them.
  for (let step = 0; step < 150; step++) clock.advance(100);
  await waitFor(
    () => frames.filter((frame) => frame.includes('"trades"') && frame.includes('"data"')).length >= 20,
    'trade pushes',
  );
  await waitFor(() => frames.some((frame) => frame.endsWith('"1"]]}')), 'a confirmed candle');
  for (const socket of sockets) socket.terminate();
  await simulator.stop();
  simulated = frames;
});
afterAll(() => {});

const DECIMALS = [
  '0',
  '7',
  '94439.2',
  '0.00000001',
  '1234567890123456789012345678901234567890',
  '1234567890123456789012345678901234567890123456789012345678901',
  '007',
  '-0',
  '-3.5',
  '1.',
  '.5',
  '-',
  '',
  '1e3',
  '1.2.3',
  '12a',
  ' 1',
];
const MILLIS = ['1793577600000', '0', '0001', '99999999999999999', '-1', '1.5', '', 'x'];
const STRINGS = ['buy', 'sell', 'SWAP', '', 'BTC-USDT-SWAP', 'ETH-USDT-SWAP', 'Buy', 'é', '\\', 'a"b'];
const KEYS = ['last', 'open24h', 'bidPx', 'px', 'sz', 'side', 'ts', 'instId', 'tradeId', 'source', 'extra'];

/** The base frame with values of its row replaced (strings, numbers, null), or keys dropped, added or reordered. */
function variant(base: string, picks: readonly number[]): string {
  const message = JSON.parse(base) as { data: unknown[] };
  const row = message.data[0];
  const pick = (index: number) => picks[index % picks.length]!;
  if (Array.isArray(row)) {
    row.forEach((_, index) => {
      const choice = pick(index);
      if (choice % 3 === 0) return;
      row[index] =
        index === 0
          ? MILLIS[choice % MILLIS.length]
          : index === 8
            ? ['0', '1', '2', 1][choice % 4]
            : DECIMALS[choice % DECIMALS.length];
    });
    if (pick(9) % 11 === 0) row.push('1');
    if (pick(10) % 13 === 0) message.data.push([...row]);
    return JSON.stringify(message);
  }
  let record = row as Record<string, unknown>;
  Object.keys(record).forEach((key, index) => {
    const choice = pick(index);
    if (choice % 3 === 0) return;
    if (choice % 17 === 1) delete record[key];
    else if (key === 'ts') record[key] = choice % 19 === 2 ? 5 : MILLIS[choice % MILLIS.length];
    else if (['instId', 'instType', 'tradeId', 'side', 'count', 'source'].includes(key))
      record[key] = STRINGS[choice % STRINGS.length];
    else record[key] = choice % 23 === 4 ? null : DECIMALS[choice % DECIMALS.length];
  });
  if (pick(20) % 5 === 0) record[KEYS[pick(21) % KEYS.length]!] = DECIMALS[pick(22) % DECIMALS.length];
  if (pick(23) % 7 === 0) record = Object.fromEntries(Object.entries(record).reverse());
  message.data[0] = record;
  if (pick(24) % 13 === 0) message.data.push({ ...record });
  return JSON.stringify(message);
}

const frameStep = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.nat(400), { minLength: 1, maxLength: 25 }).map((picks) => ({ picks })) },
  { weight: 2, arbitrary: fc.array(textEdit, { minLength: 1, maxLength: 2 }).map((edits) => ({ edits })) },
  { weight: 1, arbitrary: fc.constant({ same: true }) },
);

describe('OkxHotMarketDecoder', () => {
  it('turns every simulated and recorded ticker, trade and single-candle push into the general path’s event', () => {
    const pushes = [...simulated, ...recordedFrames()].filter((text) => reference(text) !== undefined);
    expect(pushes.filter((text) => text.includes('"channel":"trades"')).length).toBeGreaterThanOrEqual(20);
    expect(pushes.some((text) => text.includes('"channel":"tickers"'))).toBe(true);
    expect(pushes.some((text) => text.endsWith('"1"]]}'))).toBe(true);
    const decoder = new OkxHotMarketDecoder();
    // Twice: the first reading learns each arg's route and values, the second finds them.
    for (const text of [...pushes, ...pushes]) expect(expectFaithful(decoder, text), text).toBeDefined();
  });

  it('declines every other frame: acks, errors, private pushes', () => {
    const decoder = new OkxHotMarketDecoder();
    const others = [...simulated, ...recordedFrames()].filter((text) => reference(text) === undefined);
    expect(others.length).toBeGreaterThan(10);
    for (const text of others) expect(decoder.decode(Buffer.from(text)), text).toBeUndefined();
  });

  it('gives the general path’s event for every frame of a stream of changed values, keys and edited text', () => {
    const bases = [...simulated, ...recordedFrames()].filter((text) => reference(text) !== undefined);
    const streams = fc.tuple(fc.constantFrom(...bases), fc.array(frameStep, { minLength: 1, maxLength: 30 }));
    fc.assert(
      fc.property(streams, ([base, steps]) => {
        const decoder = new OkxHotMarketDecoder();
        let previous = base;
        expect(expectFaithful(decoder, base)).toBeDefined();
        for (const step of steps) {
          const text =
            'picks' in step
              ? variant(base, step.picks)
              : 'edits' in step
                ? step.edits.reduce(applyEdit, base)
                : previous;
          expectFaithful(decoder, text);
          previous = text;
        }
      }),
      { numRuns: 1_500 },
    );
  });

  it('keeps each arg apart when their pushes interleave', () => {
    const decoder = new OkxHotMarketDecoder();
    const pushes = simulated.filter((text) => reference(text) !== undefined);
    const keys = pushes.map((text) => expectFaithful(decoder, text)?.key);
    expect(keys).toEqual(pushes.map((text) => reference(text)?.key));
    expect(new Set(keys).size).toBe(12);
  });
});

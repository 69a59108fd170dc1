import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readBitmartFixture } from '../../fixtures/index.ts';
import { isBitmartWsKlinePush, isBitmartWsTickerPush } from './hotPushGuards.ts';
import { BitmartWsKlinePushSchema, BitmartWsTickerPushSchema } from './wsPublicPushes.ts';

const KLINE_FIXTURES = [
  'ws.futures.klineBin1m.BTCUSDT.ccxt-comment.json',
  'ws.futures.klineBin1D.ETHUSDT.jkorf.json',
  'ws.futures.klineBin5m.WLDUSDT.hummingbot.json',
];
const TICKER_FIXTURES = [
  'ws.futures.ticker.AXONUSDT@100ms.jkorf.json',
  'ws.futures.ticker.ETHUSDT@100ms.ccxt-comment.json',
];

/** The pushes of a fixture: a JKorf transcript keeps them under `push`, a ccxt sample may be a list. */
function pushesOf(name: string): Record<string, unknown>[] {
  const fixture = readBitmartFixture(name) as Record<string, unknown> | Record<string, unknown>[];
  if (Array.isArray(fixture)) return fixture;
  return Array.isArray(fixture.push) ? (fixture.push as Record<string, unknown>[]) : [fixture];
}

/** Values a field of a push may be mutated into: right and wrong types, edge strings and numbers. */
const anyValue = fc.oneof(
  fc.constantFrom('', '-', '1', '-0.5', '1e5', 'NaN', ' 1', '1.', 'BTCUSDT', 'btc', 'futures/ticker:X', 'pong'),
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.constantFrom(1_700_000_000, 1_700_000_000_000, -1, 0, 0.5),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constant([]),
  fc.constant({}),
);

/** Sets or deletes one property at a random path of the message (top level, data, or an item). */
function mutate(message: Record<string, unknown>, path: readonly string[], value: unknown): unknown {
  const copy = structuredClone(message) as Record<string, unknown>;
  let target: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    const next = target[key];
    if (typeof next !== 'object' || next === null) return copy;
    target = next as Record<string, unknown>;
  }
  const last = path.at(-1)!;
  if (value === undefined) delete target[last];
  else target[last] = value;
  return copy;
}

function pathsOf(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return [prefix, ...Object.entries(value).flatMap(([key, child]) => pathsOf(child, [...prefix, key]))].filter(
    (path) => path.length > 0,
  );
}

describe.each([
  ['kline', KLINE_FIXTURES, isBitmartWsKlinePush, BitmartWsKlinePushSchema],
  ['ticker', TICKER_FIXTURES, isBitmartWsTickerPush, BitmartWsTickerPushSchema],
] as const)('the %s push guard', (_, fixtures, guard, schema) => {
  it('accepts every recorded push', () => {
    for (const name of fixtures) for (const push of pushesOf(name)) expect(guard(push), name).toBe(true);
  });

  it('accepts exactly what the zod schema accepts, on random mutations of the recorded pushes', () => {
    const messages = fixtures.flatMap(pushesOf);
    const cases = fc.tuple(fc.constantFrom(...messages), fc.nat(), anyValue, fc.boolean());
    fc.assert(
      fc.property(cases, ([message, pick, value, twice]) => {
        const paths = pathsOf(message);
        let mutated = mutate(message, paths[pick % paths.length]!, value) as Record<string, unknown>;
        if (twice) mutated = mutate(mutated, paths[(pick * 7 + 3) % paths.length]!, value) as Record<string, unknown>;
        expect(guard(mutated)).toBe(schema.safeParse(mutated).success);
      }),
      { numRuns: 3_000 },
    );
  });
});

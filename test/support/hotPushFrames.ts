import fc from 'fast-check';
import { readBitmartFixture } from '../../src/exchange/bitmart/fixtures/index.ts';
import { isBitmartWsKlinePush, isBitmartWsTickerPush } from '../../src/exchange/bitmart/protocol/wire/hotPushGuards.ts';

/** WebSocket frames for the hot-path decoders' property tests: recorded, simulated, and edits of them. */

/** Every recorded WS payload of the push fixtures (hot or not) plus two frames as the simulator sends them. */
const FIXTURES = [
  'ws.futures.klineBin1m.BTCUSDT.ccxt-comment.json',
  'ws.futures.klineBin1D.ETHUSDT.jkorf.json',
  'ws.futures.klineBin5m.WLDUSDT.hummingbot.json',
  'ws.futures.ticker.AXONUSDT@100ms.jkorf.json',
  'ws.futures.ticker.ETHUSDT@100ms.ccxt-comment.json',
  'ws.futures.trade.BTCUSDT.2023.ccxt-comment.json',
  'ws.futures.depth50.BTCUSDT.ccxt-comment.json',
  'ws.futures.fundingRate.BTCUSDT.ccxt-comment.json',
  'ws.futures.asset.USDT.ccxt-comment.json',
  'ws.ack.subscribe.ccxt-comment.json',
  'ws.pong.json',
];
export const SIMULATOR_FRAMES = [
  '{"group":"futures/klineBin1m:BTCUSDT","data":{"symbol":"BTCUSDT","items":[{"o":"101621.9","h":"101622","l":"101621.9","c":"101621.9","v":"11510","ts":1795252260}]}}',
  '{"group":"futures/ticker:BTCUSDT@100ms","data":{"symbol":"BTCUSDT","last_price":"101621.9","volume_24":"27953472","range":"-0.014731","mark_price":"101621.9","index_price":"101622","ask_price":"101622","ask_vol":"889","bid_price":"101621.8","bid_vol":"4079"}}',
];

function messagesOf(name: string): unknown[] {
  const fixture = readBitmartFixture(name) as Record<string, unknown> | unknown[];
  if (Array.isArray(fixture)) return fixture;
  return Array.isArray(fixture.push) ? fixture.push : [fixture];
}

export const MESSAGES: unknown[] = [
  ...FIXTURES.flatMap(messagesOf),
  ...SIMULATOR_FRAMES.map((text) => JSON.parse(text)),
];
export const HOT_TEXTS = [
  ...MESSAGES.filter((message) => isBitmartWsKlinePush(message) || isBitmartWsTickerPush(message)).map((message) =>
    JSON.stringify(message),
  ),
  ...SIMULATOR_FRAMES,
];
export const TEXTS = [...MESSAGES.map((message) => JSON.stringify(message)), ...SIMULATOR_FRAMES];

/** Edits of a frame's text: byte edits, escapes, whitespace, unicode, repeated keys. */
const SNIPPETS = [
  '"',
  '\\',
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  ' ',
  '\n',
  '0',
  '9',
  '-',
  '.',
  'e',
  'E',
  'a',
  'é',
  '€',
  '\u0000',
  '\u2028',
  '\\"',
  '\\u0041',
  '"symbol":"X",',
  '"o":"1",',
  'null',
  'true',
  '1e3',
  '00',
  '-0',
];
export const textEdit = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), snippet: fc.constantFrom(...SNIPPETS) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), snippet: fc.constantFrom(...SNIPPETS) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    snippet: fc.string({ maxLength: 3, unit: 'binary' }),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), snippet: fc.constant('') }),
);

export function applyEdit(
  text: string,
  edit: { kind: 'replace' | 'insert' | 'delete'; at: number; snippet: string },
): string {
  const at = edit.at % (text.length + 1);
  if (edit.kind === 'insert') return text.slice(0, at) + edit.snippet + text.slice(at);
  return text.slice(0, at) + edit.snippet + text.slice(at + 1);
}

import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { signBitmart, WS_LOGIN_PAYLOAD } from '../../src/exchange/bitmart/protocol/signing.ts';
import {
  BitmartWsReplySchema,
  bitmartWsChannelOf,
  bitmartWsPushSchemaFor,
} from '../../src/exchange/bitmart/protocol/wire/index.ts';
import type { Simulator } from '../../src/simulator/main.ts';
import { startTestSimulator } from '../support/testSimulator.ts';
import { waitFor } from '../support/waitFor.ts';

// Every frame the simulator sends, public and private, parses with the same wire schemas that
// accept the recorded BitMart payloads (src/exchange/bitmart/protocol/wire/fixtures.test.ts).
const PUBLIC_TOPICS = [
  'futures/klineBin1m:DOGEUSDT',
  'futures/klineBin4H:DOGEUSDT',
  'futures/ticker:DOGEUSDT',
  'futures/trade:DOGEUSDT',
  'futures/depth20:DOGEUSDT',
  'futures/depthAll5:DOGEUSDT@200ms',
  'futures/fundingRate:DOGEUSDT',
];
const PRIVATE_TOPICS = ['futures/order', 'futures/position', 'futures/asset:USDT', 'futures/asset:BTC'];

let simulator: Simulator;
let socket: WebSocket;
const frames: Record<string, unknown>[] = [];

beforeAll(async () => {
  const started = await startTestSimulator();
  simulator = started.simulator;
  simulator.market.pause();
  socket = new WebSocket(started.privateWsUrl);
  socket.on('message', (raw) => frames.push(JSON.parse(String(raw)) as Record<string, unknown>));
  await once(socket, 'open');
  const timestamp = String(Date.now());
  const { apiKey, apiSecret, apiMemo } = simulator.account;
  socket.send(
    JSON.stringify({
      action: 'access',
      args: [apiKey, timestamp, signBitmart({ apiSecret, apiMemo }, timestamp, WS_LOGIN_PAYLOAD), 'web'],
    }),
  );
  await waitFor(() => frames.some((frame) => frame.action === 'access'), 'the login reply');
  socket.send(JSON.stringify({ action: 'subscribe', args: [...PUBLIC_TOPICS, ...PRIVATE_TOPICS] }));
  await waitFor(() => frames.filter((frame) => frame.action === 'subscribe').length === 11, 'eleven acks');
  socket.send(JSON.stringify({ action: 'ping' }));
  const account = simulator.account.accountId;
  const opened = simulator.engine.submitOrder(account, {
    symbol: 'DOGEUSDT',
    side: 1,
    type: 'market',
    mode: 1,
    size: 10,
  });
  expect(opened.ok).toBe(true);
  simulator.market.setPrice('DOGEUSDT', simulator.market.lastPrice('DOGEUSDT').mul(1.002));
  await waitFor(() => frames.some((frame) => frame.group === 'System'), 'the pong');
  await waitFor(() => frames.some((frame) => frame.group === 'futures/order'), 'an order push');
});
afterAll(async () => {
  socket.terminate();
  await simulator.stop();
});

describe('simulator WebSocket frames against the BitMart wire schemas', () => {
  it('sends acks and replies the reply schemas accept, none with a data key', () => {
    const replies = frames.filter((frame) => 'action' in frame);
    expect(replies.length).toBe(12);
    for (const reply of replies) {
      expect(reply).not.toHaveProperty('data');
      expect(BitmartWsReplySchema.safeParse(reply).success, JSON.stringify(reply)).toBe(true);
    }
  });

  it('sends pushes of every subscribed channel, each valid for its channel schema', () => {
    const pushes = frames.filter((frame) => 'data' in frame);
    const channels = new Set(pushes.map((push) => bitmartWsChannelOf(String(push.group))));
    for (const topic of [...PUBLIC_TOPICS, ...PRIVATE_TOPICS]) expect(channels).toContain(bitmartWsChannelOf(topic));
    for (const push of pushes) {
      const schema = bitmartWsPushSchemaFor(String(push.group));
      expect(schema, String(push.group)).toBeDefined();
      const result = schema!.safeParse(push);
      expect(result.success, `${push.group}: ${JSON.stringify(result.error?.issues.slice(0, 2))}`).toBe(true);
    }
  });
});

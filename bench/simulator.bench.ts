import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { Pool } from 'undici';
import { WebSocket, WebSocketServer } from 'ws';
import { signBitmart } from '../src/exchange/bitmart/protocol/signing.ts';
import type { Simulator } from '../src/simulator/main.ts';
import { startTestSimulator } from '../test/support/testSimulator.ts';
import type { BenchLine } from './support.ts';

const SUBSCRIBERS = 50;
const PRICE_UPDATES = 2_000;
const ORDERS = 4_000;
const IN_FLIGHT = 32;
const KLINE_TOPIC = 'futures/klineBin1m:BTCUSDT';

/** The simulator's own throughput, so that it is never the bottleneck of later latency figures. */
export async function simulatorBenchmarks(): Promise<BenchLine[]> {
  const { simulator, publicWsUrl, restUrl } = await startTestSimulator({ SIM_BALANCE_USDT: '1000000000000' });
  simulator.market.pause();
  try {
    const pushes = await measurePushes(publicWsUrl, (i) => movePrice(simulator, i));
    const peerPushes = await peerBroadcastPushes();
    const orders = await measureOrders(restUrl, simulator);
    const peerOrders = await peerOrderRoute(simulator);
    return [
      {
        name: `WS kline pushes to ${SUBSCRIBERS} subscribers`,
        ours: pushes,
        peer: peerPushes,
        peerName: 'bare ws broadcast of the same frame',
        unit: 'pushes/s',
        target: 20_000,
      },
      {
        name: `REST submit-order round trips (${IN_FLIGHT} in flight, signed)`,
        ours: orders,
        peer: peerOrders,
        peerName: 'bare fastify route answering a fixed body',
        unit: 'orders/s',
        target: 2_000,
      },
    ];
  } finally {
    await simulator.stop();
  }
}

function movePrice(simulator: Simulator, i: number): void {
  const base = simulator.market.lastPrice('BTCUSDT');
  simulator.market.setPrice('BTCUSDT', i % 2 === 0 ? base.plus(0.1) : base.minus(0.1));
}

/** Pushes per second received by SUBSCRIBERS clients while `update` runs PRICE_UPDATES times. */
async function measurePushes(url: string, update: (i: number) => void, subscribe = true): Promise<number> {
  const clients = await Promise.all(Array.from({ length: SUBSCRIBERS }, () => openClient(url, subscribe)));
  let received = 0;
  const expected = SUBSCRIBERS * PRICE_UPDATES;
  const done = new Promise<void>((resolve) => {
    for (const client of clients) {
      client.on('message', () => {
        received += 1;
        if (received === expected) resolve();
      });
    }
  });
  const started = performance.now();
  for (let i = 0; i < PRICE_UPDATES; i++) {
    update(i);
    if (i % 50 === 49) await new Promise((resolve) => setImmediate(resolve));
  }
  await done;
  const elapsedSeconds = (performance.now() - started) / 1000;
  for (const client of clients) client.terminate();
  return received / elapsedSeconds;
}

async function openClient(url: string, subscribe: boolean): Promise<WebSocket> {
  const client = new WebSocket(url);
  await once(client, 'open');
  if (subscribe) {
    client.send(JSON.stringify({ action: 'subscribe', args: [KLINE_TOPIC] }));
    await once(client, 'message');
  }
  return client;
}

async function peerBroadcastPushes(): Promise<number> {
  const server = createServer();
  const wss = new WebSocketServer({ server });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  try {
    return await measurePushes(
      `ws://127.0.0.1:${port}`,
      (i) => {
        const frame = JSON.stringify({
          group: KLINE_TOPIC,
          data: {
            symbol: 'BTCUSDT',
            items: [{ o: '95000', h: '95010', l: '94990', c: String(95000 + (i % 2)), v: '10', ts: 1 }],
          },
        });
        for (const client of wss.clients) client.send(frame);
      },
      false,
    );
  } finally {
    for (const client of wss.clients) client.terminate();
    wss.close();
    server.close();
  }
}

/** Signed submit-order round trips per second: resting limit orders far below the market. */
async function measureOrders(baseUrl: string, simulator: Simulator): Promise<number> {
  const price = simulator.market.lastPrice('BTCUSDT').mul(0.5).toDecimalPlaces(1).toFixed();
  return runRequests(baseUrl, '/contract/private/submit-order', simulator, (i) =>
    JSON.stringify({ symbol: 'BTCUSDT', side: 1, type: 'limit', size: 1, price, client_order_id: `bench${i}` }),
  );
}

async function peerOrderRoute(simulator: Simulator): Promise<number> {
  const app = Fastify({ logger: false });
  app.post('/contract/private/submit-order', async () => ({
    code: 1000,
    message: 'Ok',
    data: { order_id: 1, price: '1' },
  }));
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  try {
    return await runRequests(url, '/contract/private/submit-order', simulator, (i) =>
      JSON.stringify({ symbol: 'BTCUSDT', side: 1, type: 'limit', size: 1, price: '1', client_order_id: `peer${i}` }),
    );
  } finally {
    await app.close();
  }
}

async function runRequests(
  baseUrl: string,
  path: string,
  simulator: Simulator,
  body: (i: number) => string,
): Promise<number> {
  const pool = new Pool(baseUrl, { connections: IN_FLIGHT, keepAliveTimeout: 10_000 });
  const { apiKey, apiSecret, apiMemo } = simulator.account;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < ORDERS) {
      const payload = body(next++);
      const timestamp = String(Date.now());
      const response = await pool.request({
        method: 'POST',
        path,
        body: payload,
        headers: {
          'content-type': 'application/json',
          'x-bm-key': apiKey,
          'x-bm-timestamp': timestamp,
          'x-bm-sign': signBitmart({ apiSecret, apiMemo }, timestamp, payload),
        },
      });
      const text = await response.body.text();
      if (response.statusCode !== 200) throw new Error(`submit-order failed: ${response.statusCode} ${text}`);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const elapsedSeconds = (performance.now() - started) / 1000;
  await pool.close();
  return ORDERS / elapsedSeconds;
}

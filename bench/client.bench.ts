import { once } from 'node:events';
import { FuturesClientV2, WebsocketClient } from 'bitmart-api';
import { WebSocket } from 'ws';
import { createBitmartExchange } from '../src/exchange/bitmart/createBitmartExchange.ts';
import { createBitmartStreams } from '../src/exchange/bitmart/streams/createBitmartStreams.ts';
import { ManualClock, SystemClock } from '../src/platform/clock/index.ts';
import { loadBitmartConfig } from '../src/platform/config/bitmartConfig.ts';
import { Dec } from '../src/platform/decimal/index.ts';
import { startTestSimulator } from '../test/support/testSimulator.ts';
import { type BenchLine, percentile } from './support.ts';
import { WsFirehose } from './wsFirehose.ts';

const SYMBOLS = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT', 'XRPUSDT', 'DOGEUSDT', 'BNBUSDT', 'ADAUSDT', 'LTCUSDT'];
const TOPICS = SYMBOLS.flatMap((symbol) => [`futures/klineBin1m:${symbol}`, `futures/ticker:${symbol}`]);
const FRAMES = 60_000;
const ORDERS = 400;
const WARM_UP = 50;
const TICK_MS = 100;

/** The BitMart client against bitmart-api 2.5.1 (the npm peer), on the same work in one run. */
export async function clientBenchmarks(): Promise<BenchLine[]> {
  const frames = await recordSimulatorFrames();
  const firehose = await WsFirehose.start();
  firehose.load(frames);
  try {
    // Alternate the clients and keep each one's best run, so JIT warm-up and machine noise do not
    // decide the ratio.
    let ours = 0;
    let peer = 0;
    for (let round = 0; round < 3; round++) {
      ours = Math.max(ours, await ingestRate(firehose, frames, oursIngest));
      peer = Math.max(peer, await ingestRate(firehose, frames, peerIngest));
    }
    const [oursLatency, peerLatency] = await submitLatencies();
    return [
      {
        name: `WS ingest: parse, dispatch and read the price of kline + ticker pushes (${FRAMES.toLocaleString('en-US')} frames)`,
        ours,
        peer,
        peerName: 'bitmart-api WebsocketClient',
        unit: 'events/s',
      },
      {
        name: 'REST submit-order round trip p50 over loopback',
        ours: percentile(oursLatency, 50),
        peer: percentile(peerLatency, 50),
        peerName: 'bitmart-api FuturesClientV2',
        unit: 'ms',
        lowerIsBetter: true,
      },
      {
        name: 'REST submit-order round trip p99 over loopback',
        ours: percentile(oursLatency, 99),
        peer: percentile(peerLatency, 99),
        peerName: 'bitmart-api FuturesClientV2',
        unit: 'ms',
        lowerIsBetter: true,
      },
    ];
  } finally {
    await firehose.close();
  }
}

/**
 * Real simulator pushes from its own price process (GARCH with jumps) stepping every 100 ms, the
 * cadence of BitMart's ticker channel: nearly every push carries new prices and sizes, as a live
 * market's do. Recorded once for both clients.
 */
export async function recordSimulatorFrames(): Promise<string[]> {
  const clock = new ManualClock(Date.UTC(2026, 10, 2));
  const { simulator, publicWsUrl } = await startTestSimulator({ SIM_TICK_MS: String(TICK_MS) }, clock);
  const socket = new WebSocket(publicWsUrl);
  const frames: string[] = [];
  socket.on('message', (raw) => {
    const text = String(raw);
    if (text.includes('"data"')) frames.push(text);
  });
  await once(socket, 'open');
  socket.send(JSON.stringify({ action: 'subscribe', args: TOPICS }));
  await new Promise((resolve) => setTimeout(resolve, 50));
  for (let step = 0; frames.length < FRAMES; step++) {
    clock.advance(TICK_MS);
    if (step % 50 === 49) await new Promise((resolve) => setTimeout(resolve, 1));
  }
  socket.terminate();
  await simulator.stop();
  return frames.slice(0, FRAMES);
}

type IngestClient = (url: string, onEvent: () => void) => Promise<() => Promise<void>>;

export async function ingestRate(
  firehose: WsFirehose,
  frames: readonly string[],
  client: IngestClient,
): Promise<number> {
  let events = 0;
  let resolveDone: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    resolveDone = resolve;
  });
  const stop = await client(firehose.url, () => {
    events += 1;
    if (events === frames.length) resolveDone();
  });
  const started = performance.now();
  await Promise.all([firehose.blast(), done]);
  const seconds = (performance.now() - started) / 1000;
  await stop();
  return frames.length / seconds;
}

export const oursIngest: IngestClient = async (url, onEvent) => {
  const config = loadBitmartConfig({ BITMART_PUBLIC_WS_URI: url, BITMART_PRIVATE_WS_URI: url });
  const { market } = createBitmartStreams({ config, clock: new SystemClock(), klineSource: async () => [] });
  for (const symbol of SYMBOLS) {
    market.subscribeKlines(symbol, ['1m']);
    market.subscribeTicker(symbol);
  }
  await market.start();
  market.onEvent((event) => {
    if (event.type === 'kline') consume(event.kline.close);
    else if (event.type === 'ticker') consume(event.ticker.lastPrice);
    else return;
    onEvent();
  });
  return () => market.stop();
};

const peerIngest: IngestClient = async (url, onEvent) => {
  const client = new WebsocketClient({ wsUrl: url }, silentBitmartApiLogger);
  let acks = 0;
  const subscribed = new Promise<void>((resolve) => {
    client.on('response', () => {
      acks += 1;
      if (acks === TOPICS.length) resolve();
    });
  });
  client.subscribe(TOPICS, 'futures');
  await subscribed;
  // The same consumer work as ours: read the price as a decimal (bitmart-api hands out strings).
  client.on('update', (update: { data: { items?: { c: string }[]; last_price?: string } }) => {
    consume(new Dec(update.data.items?.[0]?.c ?? update.data.last_price ?? '0'));
    onEvent();
  });
  return async () => client.closeAll(true);
};

/** What a strategy would do with each event: read its price (kept so the work is not optimised away). */
export const consumed = { negative: 0 };
function consume(price: Dec): void {
  if (price.isNeg()) consumed.negative += 1;
}

const silentBitmartApiLogger = { trace: () => {}, info: () => {}, error: () => {} };

/** Sequential signed submit-orders (one in flight), ours then the peer's, on one simulator. */
async function submitLatencies(): Promise<[number[], number[]]> {
  const { simulator, restUrl } = await startTestSimulator({ SIM_BALANCE_USDT: '100000000000' });
  simulator.market.pause();
  const { apiKey, apiSecret, apiMemo } = simulator.account;
  const price = simulator.market.lastPrice('BTCUSDT').mul(0.5).toDecimalPlaces(1);
  try {
    const config = loadBitmartConfig({
      BITMART_BASE_URL: restUrl,
      BITMART_API_KEY: apiKey,
      BITMART_API_SECRET: apiSecret,
      BITMART_API_MEMO: apiMemo,
    });
    // The simulator runs without rate limits here, and the peer paces nothing: lift our
    // self-imposed BitMart budget for submit-order so both measure the wire round trip only.
    const ours = createBitmartExchange({
      config,
      clock: new SystemClock(),
      rateLimits: { '/contract/private/submit-order': { limit: 1_000_000, windowMs: 2_000, per: 'key' } },
    });
    await ours.start();
    const oursTimes = await timeEach(ORDERS, (i) =>
      ours.submitOrder({
        symbol: 'BTCUSDT',
        clientOrderId: `ours${i}`,
        side: 'open_long',
        type: 'limit',
        size: new Dec(1),
        price,
      }),
    );
    await ours.stop();
    const peer = new FuturesClientV2({ apiKey, apiSecret, apiMemo, baseUrl: restUrl, keepAlive: true });
    const peerTimes = await timeEach(ORDERS, (i) =>
      peer.submitFuturesOrder({
        symbol: 'BTCUSDT',
        client_order_id: `peer${i}`,
        side: 1,
        type: 'limit',
        size: 1,
        price: price.toFixed(),
      }),
    );
    return [oursTimes, peerTimes];
  } finally {
    await simulator.stop();
  }
}

async function timeEach(count: number, call: (i: number) => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < WARM_UP; i++) await call(count + i);
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await call(i);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

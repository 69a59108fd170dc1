import { once } from 'node:events';
import { Agent } from 'node:http';
import { RestClient, WebsocketClient } from 'okx-api';
import { WebSocket } from 'ws';
import { createOkxExchange } from '../src/exchange/okx/createOkxExchange.ts';
import { instIdOf } from '../src/exchange/okx/mapping/symbols.ts';
import { createOkxStreams } from '../src/exchange/okx/streams/createOkxStreams.ts';
import { ManualClock, SystemClock } from '../src/platform/clock/index.ts';
import { Dec } from '../src/platform/decimal/index.ts';
import { silentLogger } from '../src/platform/logging/logger.ts';
import { startTestSimulator } from '../test/support/testSimulator.ts';
import { type OkxFrames, OkxWsFirehose } from './okxWsFirehose.ts';
import { type BenchLine, percentile } from './support.ts';

// The OKX lines of `npm run bench -- client`: our OKX client (src/exchange/okx) against okx-api
// 3.2.3, the npm peer, on the same frames and the same simulator (the BitMart lines' method:
// bench/client.bench.ts).
const SYMBOLS = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT', 'XRPUSDT', 'DOGEUSDT', 'BNBUSDT', 'ADAUSDT', 'LTCUSDT'];
/** What our market stream subscribes for a symbol: tickers and trades on /public, candle1m on /business. */
export const PUBLIC_ARGS = SYMBOLS.flatMap((symbol) => [
  { channel: 'tickers', instId: instIdOf(symbol) },
  { channel: 'trades', instId: instIdOf(symbol) },
]);
export const BUSINESS_ARGS = SYMBOLS.map((symbol) => ({ channel: 'candle1m', instId: instIdOf(symbol) }));
const FRAMES = 60_000;
const ROUNDS = 5;
const ORDERS = 400;
const WARM_UP = 50;
const TICK_MS = 100;
const STALL_MS = 10_000;

export async function okxClientBenchmarks(): Promise<BenchLine[]> {
  const frames = await recordOkxSimulatorFrames();
  const rows = rowsIn(frames);
  const firehose = await OkxWsFirehose.start();
  firehose.load(frames, { public: PUBLIC_ARGS.length, business: BUSINESS_ARGS.length });
  try {
    // Alternate the clients and keep each one's best run, so JIT warm-up and machine noise do not
    // decide the ratio. Each run must deliver exactly one event per pushed row, on both sides.
    let ours = 0;
    let peer = 0;
    for (let round = 0; round < ROUNDS; round++) {
      ours = Math.max(ours, await ingestRate(firehose, rows, oursIngest, 'our OKX market stream'));
      peer = Math.max(peer, await ingestRate(firehose, rows, peerIngest, 'okx-api WebsocketClient'));
    }
    const [oursLatency, peerLatency] = await submitLatencies();
    return [
      {
        name: `OKX WS ingest: parse, dispatch and read the price of ticker + trade + candle pushes (${FRAMES.toLocaleString('en-US')} frames)`,
        ours,
        peer,
        peerName: 'okx-api WebsocketClient',
        unit: 'events/s',
      },
      {
        name: 'OKX REST submit-order round trip p50 over loopback',
        ours: percentile(oursLatency, 50),
        peer: percentile(peerLatency, 50),
        peerName: 'okx-api RestClient',
        unit: 'ms',
        lowerIsBetter: true,
      },
      {
        name: 'OKX REST submit-order round trip p99 over loopback',
        ours: percentile(oursLatency, 99),
        peer: percentile(peerLatency, 99),
        peerName: 'okx-api RestClient',
        unit: 'ms',
        lowerIsBetter: true,
      },
    ];
  } finally {
    await firehose.close();
  }
}

/**
 * The simulator's own OKX pushes (decision 0027), its price process stepping every 100 ms: the
 * channels our market stream subscribes, as the face sends them to any client. Recorded once for
 * both clients.
 */
export async function recordOkxSimulatorFrames(): Promise<OkxFrames> {
  const clock = new ManualClock(Date.UTC(2026, 10, 2));
  const { simulator } = await startTestSimulator({ SIM_VENUE: 'okx', SIM_TICK_MS: String(TICK_MS) }, clock);
  const frames = { public: [] as string[], business: [] as string[] };
  const sockets = await Promise.all(
    (['public', 'business'] as const).map(async (endpoint) => {
      const socket = new WebSocket(`${simulator.wsUrl}/ws/v5/${endpoint}`);
      socket.on('message', (raw) => {
        const text = String(raw);
        if (text.includes('"data"')) frames[endpoint].push(text);
      });
      await once(socket, 'open');
      const args = endpoint === 'public' ? PUBLIC_ARGS : BUSINESS_ARGS;
      socket.send(JSON.stringify({ op: 'subscribe', args }));
      return socket;
    }),
  );
  const recorded = () => frames.public.length + frames.business.length;
  await new Promise((resolve) => setTimeout(resolve, 50));
  for (let step = 0; recorded() < FRAMES; step++) {
    clock.advance(TICK_MS);
    if (step % 50 === 49) await new Promise((resolve) => setTimeout(resolve, 1));
  }
  for (const socket of sockets) socket.terminate();
  await simulator.stop();
  // Keep the two endpoints' share of the recording, FRAMES in all.
  const business = Math.round((FRAMES * frames.business.length) / recorded());
  return { public: frames.public.slice(0, FRAMES - business), business: frames.business.slice(0, business) };
}

/** The rows the frames carry: each is one event to user code, on either client. */
export function rowsIn(frames: OkxFrames): number {
  let rows = 0;
  for (const frame of [...frames.public, ...frames.business])
    rows += (JSON.parse(frame) as { data: unknown[] }).data.length;
  return rows;
}

type IngestClient = (url: string, onEvent: () => void) => Promise<() => Promise<void>>;

/** Events per second delivered to user code; throws unless exactly `rows` events arrived. */
export async function ingestRate(
  firehose: OkxWsFirehose,
  rows: number,
  client: IngestClient,
  who: string,
): Promise<number> {
  let events = 0;
  let resolveDone: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    resolveDone = resolve;
  });
  const stop = await client(firehose.url, () => {
    events += 1;
    if (events === rows) resolveDone();
  });
  // A client that drops or refuses rows never reaches the count: fail, naming it, instead of hanging.
  let seen = -1;
  const watchdog = setInterval(() => {
    if (events === seen) resolveDone();
    seen = events;
  }, STALL_MS);
  const started = performance.now();
  await Promise.all([firehose.blast(), done]);
  const seconds = (performance.now() - started) / 1000;
  clearInterval(watchdog);
  // Let anything still queued arrive, so a client delivering more events than rows is caught too.
  await new Promise((resolve) => setImmediate(resolve));
  await stop();
  if (events !== rows) throw new Error(`${who} delivered ${events} events for ${rows} pushed rows`);
  return rows / seconds;
}

const quietLogger = silentLogger();

export const oursIngest: IngestClient = async (url, onEvent) => {
  const { market } = createOkxStreams({
    config: {
      publicWsUrl: `${url}/ws/v5/public`,
      privateWsUrl: `${url}/ws/v5/private`,
      businessWsUrl: `${url}/ws/v5/business`,
      credentials: undefined,
    },
    clock: new SystemClock(),
    logger: quietLogger,
    // Public data only: the backfill of closed candles finds nothing, as in the BitMart lines.
    exchange: {
      klines: async () => [],
      openOrders: async () => [],
      orderHistory: async () => [],
      serverTime: async () => Date.now(),
    },
  });
  market.onEvent((event) => {
    if (event.type === 'kline') consume(event.kline.close);
    else if (event.type === 'ticker') consume(event.ticker.lastPrice);
    else if (event.type === 'trade') consume(event.trade.price);
    else return;
    onEvent();
  });
  for (const symbol of SYMBOLS) {
    market.subscribeKlines(symbol, ['1m']);
    market.subscribeTicker(symbol);
    market.subscribeTrades(symbol);
  }
  await market.start();
  return () => market.stop();
};

/** okx-api's three connections, each on the firehose's endpoint (as test/conformance/okx-api.ws.test.ts points them). */
class LoopbackWebsocketClient extends WebsocketClient {
  readonly #base: string;

  constructor(base: string) {
    super({}, silentOkxApiLogger);
    this.#base = base;
  }

  protected override async getWsUrl(wsKey: string): Promise<string> {
    const endpoint = /Business$/.test(wsKey) ? 'business' : /Private$/.test(wsKey) ? 'private' : 'public';
    return `${this.#base}/ws/v5/${endpoint}`;
  }
}

type OkxApiUpdate = { data?: readonly ({ last?: string; px?: string } | readonly string[])[] };

export const peerIngest: IngestClient = async (url, onEvent) => {
  const client = new LoopbackWebsocketClient(url);
  // The same consumer work as ours: read each row's price as a decimal (okx-api hands out strings).
  client.on('update', (update: OkxApiUpdate) => {
    for (const row of update.data ?? []) {
      consume(
        new Dec(
          Array.isArray(row)
            ? (row[4] ?? '0')
            : ((row as { last?: string; px?: string }).last ?? (row as { px?: string }).px ?? '0'),
        ),
      );
      onEvent();
    }
  });
  client.subscribe([...PUBLIC_ARGS, ...BUSINESS_ARGS] as Parameters<WebsocketClient['subscribe']>[0]);
  return async () => client.closeAll(true);
};

/** What a strategy would do with each event: read its price (kept so the work is not optimised away). */
export const consumed = { negative: 0 };
function consume(price: Dec): void {
  if (price.isNeg()) consumed.negative += 1;
}

const silentOkxApiLogger = { trace: () => {}, info: () => {}, error: () => {} };

/**
 * Sequential signed limit orders (one in flight) on one OKX simulator, ours and the peer's taking
 * turns (each first every other time), so that a busy machine's pauses fall on both alike.
 */
export async function submitLatencies(): Promise<[number[], number[]]> {
  const { simulator, restUrl } = await startTestSimulator({ SIM_VENUE: 'okx', SIM_BALANCE_USDT: '100000000000' });
  simulator.market.pause();
  const { apiKey, apiSecret, apiMemo } = simulator.account;
  const price = simulator.market.lastPrice('BTCUSDT').mul(0.5).toDecimalPlaces(1);
  // The simulator runs without rate limits here, and the peer paces nothing: lift our
  // self-imposed OKX budget for placing orders so both measure the wire round trip only.
  const ours = createOkxExchange({
    config: { restUrl, credentials: { apiKey, apiSecret, passphrase: apiMemo }, demo: false },
    clock: new SystemClock(),
    logger: quietLogger,
    rateLimits: { 'POST /api/v5/trade/order': { limit: 1_000_000, windowMs: 2_000, per: 'userInstId' } },
  });
  const peer = new RestClient(
    { apiKey, apiSecret, apiPass: apiMemo, baseUrl: restUrl, keepAlive: true },
    { httpAgent: new Agent({ keepAlive: true }) },
  );
  const oursOrder = (i: number) =>
    ours.submitOrder({
      symbol: 'BTCUSDT',
      clientOrderId: `ours${i}`,
      side: 'open_long',
      type: 'limit',
      size: new Dec(1),
      price,
    });
  const peerOrder = (i: number) =>
    peer.submitOrder({
      instId: instIdOf('BTCUSDT'),
      tdMode: 'cross',
      side: 'buy',
      ordType: 'limit',
      sz: '1',
      px: price.toFixed(),
      clOrdId: `peer${i}`,
    });
  try {
    await ours.start();
    for (let i = 0; i < WARM_UP; i++) {
      await oursOrder(ORDERS + i);
      await peerOrder(ORDERS + i);
    }
    const oursTimes: number[] = [];
    const peerTimes: number[] = [];
    for (let i = 0; i < ORDERS; i++) {
      if (i % 2 === 0) {
        oursTimes.push(await timed(() => oursOrder(i)));
        peerTimes.push(await timed(() => peerOrder(i)));
      } else {
        peerTimes.push(await timed(() => peerOrder(i)));
        oursTimes.push(await timed(() => oursOrder(i)));
      }
    }
    return [oursTimes.sort((a, b) => a - b), peerTimes.sort((a, b) => a - b)];
  } finally {
    await ours.stop();
    await simulator.stop();
  }
}

async function timed(call: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await call();
  return performance.now() - started;
}

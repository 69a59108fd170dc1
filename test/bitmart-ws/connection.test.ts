import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { createBitmartStreams } from '../../src/exchange/bitmart/streams/createBitmartStreams.ts';
import { BitmartWsConnection, type ConnectionStatus } from '../../src/exchange/bitmart/ws/BitmartWsConnection.ts';
import type { StreamEvent } from '../../src/exchange/port/streams.ts';
import type { Timeframe } from '../../src/exchange/port/types.ts';
import { ManualClock } from '../../src/platform/clock/index.ts';
import { silentLogger } from '../../src/platform/logging/logger.ts';
import { startTestSimulator } from '../support/testSimulator.ts';
import { waitFor } from '../support/waitFor.ts';
import { configFor, simulatorKlineSource } from './support.ts';
import { startWsTap } from './wsTap.ts';

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

async function simulatorOnManualClock() {
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const started = await startTestSimulator({}, clock);
  stops.push(() => started.simulator.stop());
  return { clock, started };
}

/** The client reaches the simulator through a tap that sees what it sends (wsTap.ts). */
async function tapped(url: string) {
  const tap = await startWsTap(url);
  stops.push(() => tap.close());
  return tap;
}

/** The topics of each subscribe request the client sent. */
function subscribeRequests(frames: readonly string[]): string[][] {
  return frames
    .map((frame) => JSON.parse(frame) as { action?: string; args?: string[] })
    .filter((frame) => frame.action === 'subscribe')
    .map((frame) => frame.args ?? []);
}

describe('BitMart WebSocket connection', () => {
  it('subscribes 45 kline topics in 3 requests of at most 20, 200 ms apart', async () => {
    const { clock, started } = await simulatorOnManualClock();
    const tap = await tapped(started.publicWsUrl);
    const { market } = createBitmartStreams({
      config: { ...configFor(started), publicWsUrl: tap.url },
      clock,
      klineSource: simulatorKlineSource(started.simulator.market),
    });
    stops.push(() => market.stop());
    const timeframes: Timeframe[] = ['1m', '5m', '15m', '30m', '1h', '2h', '4h', '1d', '1w'];
    for (const symbol of ['BTCUSDT', 'ETHUSDT', 'SOLUSDT', 'XRPUSDT', 'DOGEUSDT'])
      market.subscribeKlines(symbol, timeframes);
    const ready = market.start();
    const requests = () => subscribeRequests(tap.fromClient);
    const acknowledged = () => market.health().filter((topic) => topic.subscribed).length;

    await waitFor(() => acknowledged() === 20, 'the first batch acknowledged');
    // Neither the acknowledgements nor 199 ms bring the next request: the tap has all the client sent.
    await tap.flush();
    expect(requests().map((args) => args.length)).toEqual([20]);
    clock.advance(199);
    await tap.flush();
    expect(requests()).toHaveLength(1);
    clock.advance(1);
    await waitFor(() => requests().length === 2, 'the second batch');
    clock.advance(200);
    await waitFor(() => requests().length === 3, 'the third batch');
    await ready;
    expect(requests().map((args) => args.length)).toEqual([20, 20, 5]);
    expect(new Set(requests().flat()).size).toBe(45);
    expect(started.simulator.wsStats().subscriptions).toBe(45);
    expect(market.health().every((topic) => topic.subscribed)).toBe(true);
  });

  it('pings on the interval and stays connected while the pongs come back', async () => {
    const { clock, started } = await simulatorOnManualClock();
    const tap = await tapped(started.publicWsUrl);
    const statuses: ConnectionStatus[] = [];
    const connection = new BitmartWsConnection({
      name: 'public',
      url: tap.url,
      clock,
      logger: silentLogger(),
      pingIntervalMs: 1_000,
      silenceTimeoutMs: 2_500,
    });
    stops.push(() => connection.stop());
    connection.onStatus((status) => statuses.push(status));
    await connection.start();
    const pongs = () => tap.fromServer.filter((frame) => frame.includes('pong')).length;
    // Nothing is subscribed: only the pongs to our pings can keep the watchdog quiet.
    for (let second = 1; second <= 10; second += 1) {
      clock.advance(1_000);
      await waitFor(() => pongs() === second, `the pong to ping ${second}`);
      await tap.flush(); // the client has read it
    }
    expect(tap.fromClient.filter((frame) => frame.includes('ping'))).toHaveLength(10);
    expect(statuses.map((status) => status.type)).toEqual(['connected', 'ready']);
    expect(started.simulator.wsStats().connections).toBe(1);
  });

  it('treats a server that goes silent as dead and reconnects', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    // A network fault, not our code: a server that accepts and then never says anything.
    const silent = new WebSocketServer({ host: '127.0.0.1', port: 0, autoPong: false });
    let accepted = 0;
    silent.on('connection', () => {
      accepted += 1;
    });
    stops.push(() => new Promise((resolve) => silent.close(() => resolve())));
    await new Promise((resolve) => silent.once('listening', resolve));
    const { port } = silent.address() as AddressInfo;
    const statuses: ConnectionStatus[] = [];
    const connection = new BitmartWsConnection({
      name: 'public',
      url: `ws://127.0.0.1:${port}/api?protocol=1.1`,
      clock,
      logger: silentLogger(),
      pingIntervalMs: 1_000,
      reconnectDelayMs: 100,
      random: () => 0,
    });
    stops.push(() => connection.stop());
    connection.onStatus((status) => statuses.push(status));
    connection.subscribe(['futures/ticker:BTCUSDT']);
    void connection.start().catch(() => undefined);
    await waitFor(() => accepted === 1 && statuses.length > 0, 'the first connection');

    clock.advance(6_999); // default threshold: 2 × 1 s + 5 s
    expect(statuses.map((status) => status.type)).toEqual(['connected']);
    clock.advance(1);
    expect(statuses.at(-1)).toEqual({ type: 'disconnected', reason: 'silent for 7000 ms' });
    clock.advance(50); // first backoff: half of the 100 ms base with jitter 0
    // The server sees the socket before the client's `open`: wait for the client's own report.
    await waitFor(
      () => accepted === 2 && statuses.filter((status) => status.type === 'connected').length === 2,
      'the reconnection',
    );
    expect(connection.health()).toEqual([
      { topic: 'futures/ticker:BTCUSDT', lastMessageAt: undefined, reconnects: 1, subscribed: false },
    ]);
  });

  it('reports a refused login and retries it with a growing backoff, never in a hot loop', async () => {
    const { clock, started } = await simulatorOnManualClock();
    const tap = await tapped(started.privateWsUrl);
    const config = configFor(started, { reconnectDelayMs: 1_000, privateWsUrl: tap.url });
    const { user } = createBitmartStreams({
      config: { ...config, credentials: { ...config.credentials!, apiSecret: 'wrong-secret' } },
      clock,
      klineSource: simulatorKlineSource(started.simulator.market),
      random: () => 0,
    });
    stops.push(() => user!.stop());
    const refusals = () => statuses.filter((event) => event.type === 'disconnected').length;
    const statuses: StreamEvent[] = [];
    user!.onStatus((event) => statuses.push(event));
    user!.subscribe(['orders']);

    await expect(user!.start()).rejects.toThrow(/login refused/);
    expect(statuses[0]).toEqual({
      type: 'disconnected',
      reason: expect.stringMatching(/^login refused: access failed/),
    });
    clock.advance(499);
    await tap.flush(); // any connection begun by now has reached the tap
    expect(tap.connections).toBe(1);
    clock.advance(1); // attempt 1 after 1 000 / 2 ms
    await waitFor(() => refusals() === 2, 'the second refusal');
    clock.advance(999); // attempt 2 after 2 000 / 2 ms
    await tap.flush();
    expect(tap.connections).toBe(2);
    clock.advance(1);
    await waitFor(() => refusals() === 3, 'the third refusal');
    expect(tap.connections).toBe(3);
    expect(user!.health()).toEqual([
      { topic: 'futures/order', lastMessageAt: undefined, reconnects: 2, subscribed: false },
    ]);
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { ManualClock } from '../../../platform/clock/index.ts';
import { silentLogger } from '../../../platform/logging/logger.ts';
import { createEngine } from '../../engine/index.ts';
import type { SimEngine } from '../../engine/types.ts';
import { createMarket } from '../../market/index.ts';
import type { Market } from '../../market/types.ts';
import { createWsGateway, type WsGatewayStats } from './index.ts';

/**
 * Test support (not a test): a real market and engine on a manual clock, the gateway behind a
 * loopback HTTP server, and a WebSocket client whose messages can be awaited one by one.
 */
export interface Harness {
  readonly clock: ManualClock;
  readonly market: Market;
  readonly engine: SimEngine;
  readonly gateway: ReturnType<typeof createWsGateway>;
  connect(path?: string): Promise<TestClient>;
  stats(): WsGatewayStats;
  close(): Promise<void>;
}

export async function startHarness(options: { lifelessCloseMs?: number; positionPushIntervalMs?: number } = {}) {
  const clock = new ManualClock(Date.UTC(2026, 0, 5, 10, 0, 0));
  const market = createMarket({ seed: 42, clock });
  const engine = createEngine({ market, clock, seed: 42, orderVisibilityMs: 0 });
  engine.start();
  const gateway = createWsGateway({
    market,
    engine,
    clock,
    logger: silentLogger(),
    lifelessCloseMs: options.lifelessCloseMs ?? 0,
    ...(options.positionPushIntervalMs === undefined ? {} : { positionPushIntervalMs: options.positionPushIntervalMs }),
  });
  const server = createServer((_request, response) => {
    response.statusCode = 404;
    response.end();
  });
  server.on('upgrade', (request, socket, head) => gateway.handleUpgrade(request, socket, head));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const clients: TestClient[] = [];
  const harness: Harness = {
    clock,
    market,
    engine,
    gateway,
    async connect(path = '/api') {
      const client = await TestClient.open(`ws://127.0.0.1:${port}${path}?protocol=1.1`);
      clients.push(client);
      return client;
    },
    stats: () => gateway.stats(),
    async close() {
      for (const client of clients) client.terminate();
      await gateway.close();
      engine.stop();
      await closeServer(server);
    },
  };
  return harness;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

export interface Received {
  readonly text: string;
  /** The parsed JSON, or undefined for a non-JSON frame such as the text `pong`. */
  readonly json: Record<string, unknown> | undefined;
}

type Waiter = { readonly match: (message: Received) => boolean; readonly resolve: (message: Received) => void };

export class TestClient {
  readonly socket: WebSocket;
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly #inbox: Received[] = [];
  #waiter: Waiter | undefined;

  private constructor(socket: WebSocket) {
    this.socket = socket;
    this.closed = new Promise((resolve) => {
      socket.on('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') }));
    });
    socket.on('message', (data, isBinary) => {
      if (isBinary) throw new Error('the server must send text frames');
      const text = String(data);
      this.#deliver({ text, json: parseJson(text) });
    });
  }

  static open(url: string): Promise<TestClient> {
    const socket = new WebSocket(url);
    const client = new TestClient(socket);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(client));
      socket.once('error', reject);
    });
  }

  send(message: string | object): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** The next message (discarding earlier ones that do not match `match`). */
  next(match: (message: Received) => boolean = () => true): Promise<Received> {
    for (;;) {
      const queued = this.#inbox.shift();
      if (!queued) break;
      if (match(queued)) return Promise.resolve(queued);
    }
    return new Promise((resolve) => {
      this.#waiter = { match, resolve };
    });
  }

  /** The next reply (ack or error) to this action. */
  nextReply(action: string): Promise<Record<string, unknown>> {
    return this.next((message) => message.json?.action === action).then((message) => message.json ?? {});
  }

  /** The next push (a message with `data`) of this group. */
  nextPush(group: string): Promise<Record<string, unknown>> {
    const isPush = (message: Received) => message.json?.group === group && 'data' in message.json;
    return this.next(isPush).then((message) => message.json ?? {});
  }

  /** Everything received up to the reply to a JSON ping: what the server sent before it, in order. */
  async drainUntilPong(): Promise<Received[]> {
    this.send({ action: 'ping' });
    const before: Received[] = [];
    for (;;) {
      const message = await this.next();
      if (message.json?.group === 'System') return before;
      before.push(message);
    }
  }

  terminate(): void {
    this.socket.terminate();
  }

  #deliver(message: Received): void {
    const waiter = this.#waiter;
    if (!waiter) {
      this.#inbox.push(message);
      return;
    }
    if (!waiter.match(message)) return; // skipped, as next() documents
    this.#waiter = undefined;
    waiter.resolve(message);
  }
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { PlaceOrderRequestSchema } from '../../src/contracts/api/placeOrder.ts';
import { OrderCallbackSchema } from '../../src/contracts/signals/orderCallback.ts';
import type { FuturesExchange } from '../../src/exchange/port/FuturesExchange.ts';
import type { MarketEvent, MarketStream, StreamEvent, Unsubscribe } from '../../src/exchange/port/streams.ts';
import type {
  OrderAck,
  OrderRef,
  OrderRequest,
  PositionTpSlRequest,
  Timeframe,
} from '../../src/exchange/port/types.ts';
import { ManualClock } from '../../src/platform/clock/index.ts';
import { Dec } from '../../src/platform/decimal/index.ts';
import { RejectedError, UnknownOutcomeError } from '../../src/platform/errors/exchangeErrors.ts';
import { type Logger, silentLogger } from '../../src/platform/logging/logger.ts';
import { createSimulatedVenue, type SimulatedVenue } from '../../src/simulator/adapter/index.ts';
import { createEngine } from '../../src/simulator/engine/index.ts';
import type { SimEngine } from '../../src/simulator/engine/types.ts';
import { createMarket, type SimulatedMarket } from '../../src/simulator/market/index.ts';
import { buildControlApi } from '../../src/ws-worker/control-api/controlApp.ts';
import type { WorkerStatus } from '../../src/ws-worker/control-api/statusView.ts';
import type { WorkerControl } from '../../src/ws-worker/control-api/WorkerControl.ts';
import {
  createExecution,
  DEFAULT_ORDERS_CONFIG,
  type Execution,
  type OrdersConfig,
} from '../../src/ws-worker/execution/index.ts';
import type { OutboxStatus, OutgoingSignal, SignalOutbox } from '../../src/ws-worker/signals/SignalOutbox.ts';

export const SYMBOL = 'BTCUSDT';
export const CALLBACK_URL = 'http://trading-app.test/api/orders/callback';

/** Keeps what is enqueued, in order: the callbacks the app would receive. */
export class RecordingOutbox implements SignalOutbox {
  readonly signals: OutgoingSignal[] = [];
  async enqueue(signal: OutgoingSignal): Promise<void> {
    OrderCallbackSchema.parse(signal.payload);
    this.signals.push(signal);
  }
  status(): OutboxStatus {
    return { depth: this.signals.length, delivered: 0, failed: 0 };
  }
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  statuses(): string[] {
    return this.signals.map((signal) => String(signal.payload['status']));
  }
  last(status: string): Record<string, unknown> | undefined {
    return [...this.signals].reverse().find((signal) => signal.payload['status'] === status)?.payload;
  }
}

/**
 * The simulator's venue behind the port with a hook on submits, so a test can hold one back
 * (latency) and see every request the worker sent, and on the dead-man calls.
 */
export class ObservedExchange {
  readonly submitted: OrderRequest[] = [];
  readonly deadMan: Array<{ symbol: string; timeoutSeconds: number }> = [];
  hold: ((release: () => void) => void) | undefined;
  /** The next submit reaches the venue but its answer is lost (a timeout after sending). */
  loseNextAnswer = false;
  /** While set, every reduce-only submit is refused with it before reaching the venue. */
  refuseCloses: Error | undefined;
  /** While true, every cancel is refused (an order that cannot be canceled). */
  refuseCancels = false;
  /** Every TP/SL order the worker sent (exchange-side stops and targets). */
  readonly tpSl: PositionTpSlRequest[] = [];
  /** The next TP/SL submit reaches the venue but its answer is lost. */
  loseNextTpSlAnswer = false;
  /** Runs after each plan-order cancel the worker sends (to check what still protects the position). */
  afterPlanCancel: ((ref: OrderRef) => Promise<void>) | undefined;
  /** While set, every TP/SL submit of this kind is refused before reaching the venue. */
  refuseTpSl: PositionTpSlRequest['kind'] | undefined;
  readonly port: FuturesExchange;

  constructor(inner: FuturesExchange) {
    const submitOrder = (request: OrderRequest): Promise<OrderAck> => {
      this.submitted.push(request);
      const refusal = request.side.startsWith('close') ? this.refuseCloses : undefined;
      if (refusal) return Promise.reject(refusal);
      if (this.loseNextAnswer) {
        this.loseNextAnswer = false;
        return inner.submitOrder(request).then(() => {
          throw new UnknownOutcomeError('timed out after sending', request.clientOrderId);
        });
      }
      const hold = this.hold;
      if (!hold) return inner.submitOrder(request);
      this.hold = undefined;
      return new Promise((resolve, reject) => hold(() => inner.submitOrder(request).then(resolve, reject)));
    };
    const cancelAllAfter = (symbol: string, timeoutSeconds: number) => {
      this.deadMan.push({ symbol, timeoutSeconds });
      return inner.cancelAllAfter(symbol, timeoutSeconds);
    };
    const cancelOrder = (ref: OrderRef) =>
      this.refuseCancels
        ? Promise.reject(new RejectedError('cancel refused', { code: 40036, message: 'Order status invalid' }))
        : inner.cancelOrder(ref);
    const cancelPlanOrder = async (ref: OrderRef) => {
      try {
        return await inner.cancelPlanOrder(ref);
      } finally {
        await this.afterPlanCancel?.(ref);
      }
    };
    const submitPositionTpSl = (request: PositionTpSlRequest): Promise<OrderAck> => {
      this.tpSl.push(request);
      if (this.refuseTpSl === request.kind) {
        return Promise.reject(new RejectedError('refused', { code: 40027, message: 'Trigger price invalid' }));
      }
      if (!this.loseNextTpSlAnswer) return inner.submitPositionTpSl(request);
      this.loseNextTpSlAnswer = false;
      return inner.submitPositionTpSl(request).then(() => {
        throw new UnknownOutcomeError('timed out after sending', request.clientOrderId);
      });
    };
    this.port = new Proxy(inner, {
      get(target, property, receiver) {
        if (property === 'submitOrder') return submitOrder;
        if (property === 'submitPositionTpSl') return submitPositionTpSl;
        if (property === 'cancelOrder') return cancelOrder;
        if (property === 'cancelPlanOrder') return cancelPlanOrder;
        if (property === 'cancelAllAfter') return cancelAllAfter;
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }
}

/**
 * The control API's order routes over this execution, for `inject()`: what `POST /api/place-order`
 * and `GET /api/orders/status` answer, through the same schema and refusals as the worker's.
 */
export function controlApiOver(h: Harness): FastifyInstance {
  const refused = () => ({ ok: false as const, status: 409 as const, error: 'not part of this harness' });
  const control: WorkerControl = {
    status: () => ({ is_running: true }) as WorkerStatus,
    subscribeKlines: async () => refused(),
    unsubscribeKlines: async () => refused(),
    subscribeUser: () => refused(),
    unsubscribeUser: () => refused(),
    placeOrder: (request) => h.execution.placeOrder(request),
    monitorPosition: (request) => h.execution.monitorPosition(request),
    replaceProtections: (id, request) => h.execution.replaceProtections(id, request),
    closeSymbol: (symbol, requestId) => h.execution.closeSymbol(symbol, requestId),
    cancelOrder: (symbol, orderId) => h.execution.cancelOrder(symbol, orderId),
    ordersStatus: () => h.execution.status(),
    requestStop: () => undefined,
  };
  return buildControlApi(control, { token: undefined, logger: silentLogger(), baseUrl: () => 'http://127.0.0.1' });
}

/**
 * The venue's market stream with a link the test can cut: while down, no push reaches the worker
 * (the venue's price still moves), as on a dropped WebSocket; `restore()` reports the reconnection
 * (`connected`, then `resynced`) and pushes flow again, without replaying what was missed.
 */
export class MarketLink implements MarketStream {
  readonly #inner: MarketStream;
  readonly #statuses = new Set<(event: StreamEvent) => void>();
  #up = true;

  constructor(inner: MarketStream) {
    this.#inner = inner;
  }

  drop(): void {
    this.#up = false;
    for (const listener of this.#statuses) listener({ type: 'disconnected', reason: 'link cut by the test' });
  }

  restore(): void {
    this.#up = true;
    for (const listener of this.#statuses) listener({ type: 'connected' });
    for (const listener of this.#statuses) listener({ type: 'resynced' });
  }

  onEvent(listener: (event: MarketEvent) => void): Unsubscribe {
    return this.#inner.onEvent((event) => this.#up && listener(event));
  }
  onStatus(listener: (event: StreamEvent) => void): Unsubscribe {
    this.#statuses.add(listener);
    return () => this.#statuses.delete(listener);
  }
  health = () => this.#inner.health();
  start = () => this.#inner.start();
  stop = () => this.#inner.stop();
  subscribeKlines = (symbol: string, timeframes: readonly Timeframe[]) =>
    this.#inner.subscribeKlines(symbol, timeframes);
  unsubscribeKlines = (symbol: string, timeframes: readonly Timeframe[]) =>
    this.#inner.unsubscribeKlines(symbol, timeframes);
  subscribeTicker = (symbol: string) => this.#inner.subscribeTicker(symbol);
  unsubscribeTicker = (symbol: string) => this.#inner.unsubscribeTicker(symbol);
  subscribeTrades = (symbol: string) => this.#inner.subscribeTrades(symbol);
  unsubscribeTrades = (symbol: string) => this.#inner.unsubscribeTrades(symbol);
}

/** `POST <path>` with a JSON body through `controlApiOver(h)`: the status and the parsed answer. */
export async function postToControlApi(h: Harness, path: string, body: unknown) {
  const answer = await controlApiOver(h).inject({
    method: 'POST',
    url: path,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });
  return { status: answer.statusCode, body: answer.json() as Record<string, unknown> };
}

export interface Harness {
  readonly clock: ManualClock;
  readonly market: SimulatedMarket;
  readonly engine: SimEngine;
  readonly venue: SimulatedVenue;
  readonly exchange: ObservedExchange;
  /** The worker's market stream; `link.drop()` cuts it. */
  readonly link: MarketLink;
  readonly outbox: RecordingOutbox;
  readonly storeDirectory: string;
  execution: Execution;
  setPrice(price: string | number): void;
  /**
   * A new execution on the same store, venue and outbox (a restart). With `storeText`, the store
   * file holds that text when it starts: a crash that lost the writes made since it was read.
   */
  restart(storeText?: string): Promise<Execution>;
  /** The store file's text now. */
  storeText(): string;
  teardown(): Promise<void>;
}

/** A logger that keeps every line it is given (level `debug` and up), parsed. */
export function recordingLogger(): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

export async function harness(
  options: { config?: OrdersConfig; storeDirectory?: string; logger?: Logger; balanceUsdt?: number } = {},
): Promise<Harness> {
  const clock = new ManualClock(Date.UTC(2026, 0, 5, 10, 0, 7));
  const market = createMarket({ seed: 11, clock });
  const engine = createEngine({ market, clock, seed: 11, orderVisibilityMs: 300 });
  engine.start();
  const { accountId } = engine.createAccount({
    apiKey: 'execution-key',
    apiSecret: 'execution-secret',
    apiMemo: 'execution-memo',
    balanceUsdt: new Dec(options.balanceUsdt ?? 100_000),
  });
  const venue = createSimulatedVenue({ engine, market, clock, accountId });
  await venue.marketStream.start();
  await venue.userStream.start();
  market.setPrice(SYMBOL, new Dec(95_000));
  const exchange = new ObservedExchange(venue.exchange);
  const link = new MarketLink(venue.marketStream);
  const outbox = new RecordingOutbox();
  const storeDirectory = options.storeDirectory ?? mkdtempSync(join(tmpdir(), 'execution-'));
  const build = () =>
    createExecution({
      exchange: exchange.port,
      marketStream: link,
      userStream: venue.userStream,
      outbox,
      clock,
      logger: options.logger ?? silentLogger(),
      config: options.config ?? DEFAULT_ORDERS_CONFIG,
      storeDirectory,
      defaultCallbackUrl: CALLBACK_URL,
      contract: async (symbol) => (await venue.exchange.contracts()).find((contract) => contract.symbol === symbol),
    });
  const h: Harness = {
    clock,
    market,
    engine,
    venue,
    exchange,
    link,
    outbox,
    storeDirectory,
    execution: build(),
    setPrice: (price) => market.setPrice(SYMBOL, new Dec(price)),
    async restart(storeText) {
      await h.execution.stop();
      if (storeText !== undefined) writeFileSync(join(storeDirectory, 'execution.json'), storeText);
      h.execution = build();
      await h.execution.start();
      return h.execution;
    },
    storeText: () => readFileSync(join(storeDirectory, 'execution.json'), 'utf8'),
    async teardown() {
      await h.execution.stop();
      await venue.marketStream.stop();
      await venue.userStream.stop();
      engine.stop();
      market.stop();
    },
  };
  await h.execution.start();
  return h;
}

/** Lets promise chains and the store's file writes run (real I/O, no clock involved). */
export async function settle(rounds = 20): Promise<void> {
  for (let round = 0; round < rounds; round++) await new Promise((resolve) => setImmediate(resolve));
}

export function longRequest(id: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    symbol: SYMBOL,
    side: 'long' as const,
    entry_zone_min: '94000',
    entry_zone_max: '94500',
    quantity: '10',
    leverage: 10,
    stop_loss: '93000',
    take_profit: '97000',
    ...extra,
  };
}

/** A long of 10 contracts entered at 94399.9 (`longRequest`: SL 93000, TP 97000, preset on the exchange too). */
export async function openLong(h: Harness, id: string): Promise<void> {
  await h.execution.placeOrder(PlaceOrderRequestSchema.parse(longRequest(id)));
  h.setPrice(94_400);
  await settle();
  h.setPrice(94_300);
  await settle();
  if (!h.execution.status().positions[id]) throw new Error(`no position came of ${id}`);
}

/** The reduce-only closes of longs the worker sent, as [client order id, size]. */
export function longCloses(h: Harness): string[][] {
  return h.exchange.submitted
    .filter((sent) => sent.side === 'close_long')
    .map((sent) => [sent.clientOrderId, sent.size.toFixed()]);
}

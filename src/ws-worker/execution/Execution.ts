import type { PlaceOrderRequest } from '../../contracts/api/placeOrder.ts';
import { OrderFollowUp } from '../../exchange/followUp/index.ts';
import type { FuturesExchange } from '../../exchange/port/FuturesExchange.ts';
import type { MarketEvent, MarketStream, Unsubscribe, UserEvent, UserStream } from '../../exchange/port/streams.ts';
import type { Contract } from '../../exchange/port/types.ts';
import type { Clock, TimerHandle } from '../../platform/clock/index.ts';
import { Dec } from '../../platform/decimal/index.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import type { SignalOutbox } from '../signals/SignalOutbox.ts';
import { CALLBACK_PATH, Callbacks } from './Callbacks.ts';
import { clientOrderIdBase } from './clientOrderIds.ts';
import { ENTRY_MARGIN_MODE, type ExecutionContext, thresholdsOf } from './context.ts';
import { DeadManSwitch } from './DeadManSwitch.ts';
import { EntryMonitor } from './EntryMonitor.ts';
import { ExecutionStore } from './ExecutionStore.ts';
import { statusOf } from './executionStatus.ts';
import type { OrdersConfig } from './ordersConfig.ts';
import { PositionMonitor } from './PositionMonitor.ts';
import { validateRequest } from './validateRequest.ts';

export interface ExecutionOptions {
  readonly exchange: FuturesExchange;
  readonly marketStream: MarketStream;
  /** Without it, fills and closes are seen by the periodic check only. */
  readonly userStream: UserStream | undefined;
  readonly outbox: SignalOutbox;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly config: OrdersConfig;
  readonly storeDirectory: string;
  /** Callback target of requests without `callback_url`; default `orders.callback.base_url` + /api/orders/callback. */
  readonly defaultCallbackUrl: string | undefined;
  readonly contract: (symbol: string) => Promise<Contract | undefined>;
  /** Period of the venue check that catches missed stream events; default 15 s. */
  readonly reconcileIntervalMs?: number;
  /** Dead-man switch timing; defaults 60 s and 20 s (see DeadManSwitch). */
  readonly deadManTimeoutSeconds?: number;
  readonly deadManRefreshMs?: number;
}

export type PlaceOrderOutcome = { accepted: true; id: string } | { accepted: false; status: 400 | 409; error: string };

export interface ExecutionStatus {
  pending_orders: number;
  monitored_positions: number;
  orders: Record<string, unknown>;
  positions: Record<string, unknown>;
}

export interface Execution {
  placeOrder(request: PlaceOrderRequest): Promise<PlaceOrderOutcome>;
  /** The body of `GET /api/orders/status` (reference §1.11), with each record's live state. */
  status(): ExecutionStatus;
  /**
   * Loads the store and resumes every pending entry and monitored position (their price events are
   * handled from here on); the check with the venue runs in the background.
   */
  start(): Promise<void>;
  /** Stops listening and timers; the store keeps everything for the next start. */
  stop(): Promise<void>;
}

export function createExecution(options: ExecutionOptions): Execution {
  return new ExecutionService(options);
}

class ExecutionService implements Execution {
  readonly #options: ExecutionOptions;
  readonly #context: ExecutionContext;
  readonly #entries: EntryMonitor;
  readonly #positions: PositionMonitor;
  readonly #reserved = new Set<string>();
  readonly #subscriptions: Unsubscribe[] = [];
  #reconcileTimer: TimerHandle | undefined;
  #startUpCheck: Promise<void> = Promise.resolve();
  #started = false;

  constructor(options: ExecutionOptions) {
    this.#options = options;
    const { exchange, clock, logger, config, outbox } = options;
    const store = new ExecutionStore(options.storeDirectory);
    const defaultUrl =
      options.defaultCallbackUrl ?? `${config.orders.callback.base_url.replace(/\/$/, '')}${CALLBACK_PATH}`;
    const userStream = options.userStream;
    this.#context = {
      exchange,
      clock,
      logger,
      config,
      thresholds: thresholdsOf(config),
      store,
      callbacks: new Callbacks({ outbox, clock, logger, defaultUrl }),
      followUp: new OrderFollowUp({ exchange, clock, ...(userStream && { userStream }) }),
      deadMan: new DeadManSwitch({
        exchange,
        clock,
        logger,
        ...(options.deadManTimeoutSeconds !== undefined && { timeoutSeconds: options.deadManTimeoutSeconds }),
        ...(options.deadManRefreshMs !== undefined && { refreshMs: options.deadManRefreshMs }),
      }),
      quotes: new Map(),
      contracts: new Map(),
      readContract: (symbol) => options.contract(symbol),
      persist: () => {
        store.save().catch((error: unknown) => logger.error({ err: error }, 'could not write the execution store'));
      },
      // Ordering, not time: an immediate queued after undici's own (see ExecutionContext.afterSend).
      afterSend: (task) => {
        setImmediate(task);
      },
    };
    this.#positions = new PositionMonitor(this.#context);
    this.#entries = new EntryMonitor(this.#context, this.#positions);
  }

  async placeOrder(request: PlaceOrderRequest): Promise<PlaceOrderOutcome> {
    if (!this.#started) throw new Error('execution is not started');
    const { store, clock, config, exchange, logger } = this.#context;
    const duplicate = { accepted: false, status: 409, error: `order ${request.id} already exists` } as const;
    const base = clientOrderIdBase(request.id);
    if (store.knows(request.id, base) || this.#reserved.has(base)) return duplicate;
    this.#reserved.add(base);
    try {
      const contract = await this.#options.contract(request.symbol);
      const timing = { now: clock.now(), defaultTimeoutSeconds: config.orders.entry_zone.timeout_seconds };
      const validation = validateRequest(request, contract, timing);
      if (!validation.ok) return { accepted: false, status: 400, error: validation.error };
      if (store.knows(request.id, base)) return duplicate;
      const { entry } = validation;
      if (contract) this.#context.contracts.set(entry.symbol, contract);
      store.entries.set(entry.id, entry);
      try {
        await store.save(); // durable before the answer: an accepted request survives a SIGKILL
      } catch (error) {
        store.entries.delete(entry.id);
        throw error;
      }
      this.#entries.track(entry);
      this.#watch(entry.symbol);
      if (entry.leverage !== undefined) {
        // Off the hot path: the entry order carries the leverage too, this only readies the account.
        exchange
          .setLeverage(entry.symbol, new Dec(entry.leverage), ENTRY_MARGIN_MODE)
          .catch((error: unknown) =>
            logger.warn({ err: error, id: entry.id }, 'could not set leverage ahead of the entry'),
          );
      }
      this.#checkNow(entry.symbol);
      logger.info({ id: entry.id, symbol: entry.symbol, side: entry.side }, 'entry accepted');
      return { accepted: true, id: entry.id };
    } finally {
      this.#reserved.delete(base);
    }
  }

  status(): ExecutionStatus {
    return statusOf(this.#context.store, (id) => this.#entries.inFlight(id));
  }

  async start(): Promise<void> {
    if (this.#started) return;
    const { store, followUp, clock } = this.#context;
    await store.load();
    const { marketStream, userStream } = this.#options;
    this.#subscriptions.push(marketStream.onEvent((event) => this.#onMarket(event)));
    if (userStream) {
      userStream.subscribe(['orders', 'positions']);
      this.#subscriptions.push(userStream.onEvent((event) => this.#onUser(event)));
      this.#subscriptions.push(
        userStream.onStatus((event) => event.type === 'resynced' && void this.#reconcileAll(false)),
      );
    }
    followUp.start();
    for (const symbol of new Set([...store.entries.values(), ...store.positions.values()].map((r) => r.symbol))) {
      const contract = await this.#options.contract(symbol);
      if (contract) this.#context.contracts.set(symbol, contract);
      this.#watch(symbol);
    }
    for (const entry of store.entries.values()) this.#entries.track(entry);
    for (const position of store.positions.values()) this.#positions.track(position);
    this.#started = true;
    // In the background: an order the venue does not know is looked for through its visibility
    // window, and start-up (the control API comes next) must not wait for that. The monitors are
    // live already, and an entry whose order is being looked for sends nothing meanwhile.
    this.#startUpCheck = this.#reconcileAll(true);
    const period = this.#options.reconcileIntervalMs ?? 15_000;
    this.#reconcileTimer = clock.setInterval(() => void this.#reconcileAll(false), period);
  }

  async stop(): Promise<void> {
    if (!this.#started) return;
    this.#started = false;
    for (const unsubscribe of this.#subscriptions.splice(0)) unsubscribe();
    this.#context.clock.clearTimer(this.#reconcileTimer);
    this.#entries.stop();
    this.#context.deadMan.stop();
    this.#context.followUp.stop();
    await this.#startUpCheck;
    await this.#context.store.save();
  }

  /** Hot path: a price event goes to the positions first (a stop is the urgent case), then the entries. */
  #onMarket(event: MarketEvent): void {
    let symbol: string;
    if (event.type === 'ticker') {
      const { ticker } = event;
      symbol = ticker.symbol;
      this.#context.quotes.set(symbol, { last: ticker.lastPrice, bid: ticker.bestBid, ask: ticker.bestAsk });
    } else if (event.type === 'trade') {
      symbol = event.trade.symbol;
      const quote = this.#context.quotes.get(symbol);
      if (quote) quote.last = event.trade.price;
      else this.#context.quotes.set(symbol, { last: event.trade.price, bid: undefined, ask: undefined });
    } else return;
    this.#onPrice(symbol);
  }

  #onPrice(symbol: string): void {
    const quote = this.#context.quotes.get(symbol);
    if (!quote) return;
    this.#positions.onPrice(symbol, quote.last);
    this.#entries.onPrice(symbol, quote);
  }

  #onUser(event: UserEvent): void {
    if (event.type === 'order') {
      if (!this.#entries.onOrder(event.order)) this.#positions.onOrder(event.order);
    } else if (event.type === 'positions') {
      this.#positions.onPositions(event.positions);
    }
  }

  /** Ticker and trades of a symbol in use; kept subscribed (the stream may be shared with other users). */
  #watch(symbol: string): void {
    this.#options.marketStream.subscribeTicker(symbol);
    this.#options.marketStream.subscribeTrades(symbol);
  }

  /** A new request is checked against the latest price at once (REST ticker when no event came yet). */
  #checkNow(symbol: string): void {
    if (this.#context.quotes.has(symbol)) {
      this.#onPrice(symbol);
      return;
    }
    this.#context.exchange.ticker(symbol).then(
      (ticker) => {
        if (!this.#started || this.#context.quotes.has(symbol)) return;
        this.#context.quotes.set(symbol, { last: ticker.lastPrice, bid: ticker.bestBid, ask: ticker.bestAsk });
        this.#onPrice(symbol);
      },
      (error: unknown) =>
        this.#context.logger.warn({ err: error, symbol }, 'could not read the ticker, waiting for events'),
    );
  }

  /** At start-up every record is checked; later only those with an order out (missed stream events). */
  async #reconcileAll(startUp: boolean): Promise<void> {
    const { store, logger } = this.#context;
    const work = [
      ...[...store.entries.values()].map((entry) => this.#entries.reconcile(entry, startUp)),
      ...[...store.positions.values()].map((position) => this.#positions.reconcile(position)),
    ];
    for (const result of await Promise.allSettled(work)) {
      if (result.status === 'rejected') logger.warn({ err: result.reason }, 'reconcile with the venue failed');
    }
  }
}

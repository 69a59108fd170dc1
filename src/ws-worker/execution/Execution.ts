import type { MonitorPositionRequest } from '../../contracts/api/monitorPosition.ts';
import type { PlaceOrderRequest } from '../../contracts/api/placeOrder.ts';
import type { ReplaceProtectionsRequest } from '../../contracts/api/replaceProtections.ts';
import type { FuturesExchange } from '../../exchange/port/FuturesExchange.ts';
import type { MarketStream, Unsubscribe, UserEvent, UserStream } from '../../exchange/port/streams.ts';
import type { Contract, Order } from '../../exchange/port/types.ts';
import type { Clock, TimerHandle } from '../../platform/clock/index.ts';
import { Dec } from '../../platform/decimal/index.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import type { SignalOutbox } from '../signals/SignalOutbox.ts';
import type { SnapshotStorage } from '../state/SnapshotStorage.ts';
import { ENTRY_MARGIN_MODE, type ExecutionContext } from './context.ts';
import { EntryMonitor } from './EntryMonitor.ts';
import { createExecutionContext } from './executionContext.ts';
import { statusOf } from './executionStatus.ts';
import { type CanceledOrder, type ClosedSymbol, ManualControl, type ManualOutcome } from './ManualControl.ts';
import { MarketWatch } from './MarketWatch.ts';
import { adoptPosition, ensureExchangeStop } from './monitoredPosition.ts';
import type { OrderRole } from './orderRoles.ts';
import type { OrdersConfig } from './ordersConfig.ts';
import { PositionMonitor } from './PositionMonitor.ts';
import { type ProtectionsOutcome, protectionsOutcome, replacementLevels } from './protectionReplacement.ts';
import { RequestAdmission } from './RequestAdmission.ts';
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
  /** Where the snapshot lives instead of a file in `storeDirectory` (PostgreSQL: decision 0037). */
  readonly storeStorage?: SnapshotStorage;
  /** Callback target of requests without `callback_url`; default `orders.callback.base_url` + /api/orders/callback. */
  readonly defaultCallbackUrl: string | undefined;
  readonly contract: (symbol: string) => Promise<Contract | undefined>;
  /** Period of the venue check that catches missed stream events; default 15 s. */
  readonly reconcileIntervalMs?: number;
  /** Dead-man switch timing; defaults 60 s and 20 s (see DeadManSwitch). */
  readonly deadManTimeoutSeconds?: number;
  readonly deadManRefreshMs?: number;
}

/** What `POST /api/place-order` and `POST /api/monitor-position` get back: accepted, or refused with a status. */
export type RequestOutcome = { accepted: true; id: string } | { accepted: false; status: 400 | 409; error: string };

export interface ExecutionStatus {
  pending_orders: number;
  monitored_positions: number;
  orders: Record<string, unknown>;
  positions: Record<string, unknown>;
}

/** The price events the execution has evaluated since it started (ours in `/status`, decision 0037). */
export interface PriceEvaluations {
  readonly count: number;
  /** Clock time of the first: after a take-over, when the new worker resumed acting on prices. */
  readonly firstAt: number | undefined;
  readonly lastAt: number | undefined;
}

export interface Execution {
  placeOrder(request: PlaceOrderRequest): Promise<RequestOutcome>;
  /**
   * Starts SL/TP monitoring of a position already open on the exchange
   * (docs/reference/seed-contracts.md#monitor-position).
   */
  monitorPosition(request: MonitorPositionRequest): Promise<RequestOutcome>;
  /**
   * New stop and targets for a position this worker manages (`POST /api/positions/:id/protections`):
   * 404 for an id that is no open position here, 409 for a position being closed or a level
   * already passed, 502 when the venue refused a new order (the old one stays).
   */
  replaceProtections(id: string, request: ReplaceProtectionsRequest): Promise<ProtectionsOutcome>;
  /**
   * Closes every position of `symbol` at market (`POST /api/positions/:symbol/close`): a managed
   * one through its SL/TP monitor, the rest with reduce-only orders named after `requestId`.
   */
  closeSymbol(symbol: string, requestId: string): Promise<ManualOutcome<ClosedSymbol>>;
  /** Cancels an open order or waiting trigger of `symbol` (`POST /api/orders/:orderId/cancel`). */
  cancelOrder(symbol: string, orderId: string): Promise<ManualOutcome<CanceledOrder>>;
  /** The body of `GET /api/orders/status` (seed-contracts.md#orders-status), with each record's live state. */
  status(): ExecutionStatus;
  /**
   * What an order of the account is to the execution, for its order signal: an entry attempt of a
   * request (`<base>`, `<base>r<n>`), one of its closes (STOP_LOSS or TAKE_PROFIT with its target
   * by what triggered it, CLOSE for the time stop, parent = the entry order's client order id), one
   * of its exchange-side stops (`<base>s<n>`, STOP_LOSS) or TP1 orders (`<base>t1…`, TAKE_PROFIT
   * target 1), or an order the exchange made itself that closes a monitored position (a preset or
   * trigger firing, matched by its stop or target level, or a LIQUIDATION). Undefined for any other order. Still answers after the request is
   * finished and across restarts (a bounded, persisted memory, see `orderRoles.ts`).
   */
  orderRole(order: Order): OrderRole | undefined;
  priceEvaluations(): PriceEvaluations;
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
  readonly #market: MarketWatch;
  readonly #admission: RequestAdmission;
  readonly #manual: ManualControl;
  readonly #subscriptions: Unsubscribe[] = [];
  #reconcileTimer: TimerHandle | undefined;
  #startUpCheck: Promise<void> = Promise.resolve();
  #started = false;
  #evaluations = 0;
  #firstEvaluationAt: number | undefined;
  #lastEvaluationAt: number | undefined;

  constructor(options: ExecutionOptions) {
    this.#options = options;
    this.#context = createExecutionContext(options);
    this.#positions = new PositionMonitor(this.#context, { stopEntry: (id) => this.#entries.stopEntry(id) });
    this.#entries = new EntryMonitor(this.#context, this.#positions);
    this.#market = new MarketWatch(this.#context, options.marketStream, (symbol) => this.#onPrice(symbol));
    this.#manual = new ManualControl(this.#context, {
      closeManually: (position) => this.#positions.closeManually(position),
      stopEntry: (id) => this.#entries.stopEntry(id),
    });
    this.#admission = new RequestAdmission(this.#context, (symbol) => {
      this.#market.watch(symbol);
      this.#market.checkNow(symbol);
    });
  }

  placeOrder(request: PlaceOrderRequest): Promise<RequestOutcome> {
    const { clock, config, store, exchange, logger } = this.#context;
    if (!this.#started) throw new Error('execution is not started');
    return this.#admission.admit(request.id, request.symbol, async () => {
      const contract = await this.#options.contract(request.symbol);
      const timing = { now: clock.now(), defaultTimeoutSeconds: config.orders.entry_zone.timeout_seconds };
      const validation = validateRequest(request, contract, timing);
      if (!validation.ok) return { ok: false, status: 400, error: validation.error };
      const { entry } = validation;
      return {
        ok: true,
        contract: validation.contract,
        add: () => store.entries.set(entry.id, entry),
        remove: () => store.entries.delete(entry.id),
        begin: () => {
          this.#entries.track(entry);
          if (entry.leverage === undefined) return;
          // Off the hot path: the entry order carries the leverage too, this only readies the account.
          exchange
            .setLeverage(entry.symbol, new Dec(entry.leverage), ENTRY_MARGIN_MODE)
            .catch((error: unknown) =>
              logger.warn({ err: error, id: entry.id }, 'could not set leverage ahead of the entry'),
            );
        },
      };
    });
  }

  monitorPosition(request: MonitorPositionRequest): Promise<RequestOutcome> {
    const { clock, store, exchange } = this.#context;
    if (!this.#started) throw new Error('execution is not started');
    return this.#admission.admit(request.id, request.symbol, async () => {
      const contract = await this.#options.contract(request.symbol);
      const now = clock.now();
      const adoption = await adoptPosition(request, { exchange, contract, monitored: store.positions.values(), now });
      if (!adoption.ok) return adoption;
      const { position } = adoption;
      return {
        ok: true,
        contract: adoption.contract,
        add: () => store.positions.set(position.id, position),
        remove: () => store.positions.delete(position.id),
        begin: () => {
          this.#positions.track(position);
          void ensureExchangeStop(this.#context, position);
        },
      };
    });
  }

  async replaceProtections(id: string, request: ReplaceProtectionsRequest): Promise<ProtectionsOutcome> {
    const { store, contracts, quotes, exchange } = this.#context;
    if (!this.#started) throw new Error('execution is not started');
    const position = store.positions.get(id);
    if (!position) {
      const why = store.entries.has(id) ? `request ${id} has not filled yet` : `no open position ${id}`;
      return { ok: false, status: 404, error: `${why}: there is nothing to protect on this worker` };
    }
    const contract = contracts.get(position.symbol) ?? (await this.#options.contract(position.symbol));
    if (!contract) return { ok: false, status: 409, error: `the venue lists no contract ${position.symbol} now` };
    const last = quotes.get(position.symbol)?.last ?? (await exchange.ticker(position.symbol)).lastPrice;
    const checked = replacementLevels(position, request, { tick: contract.tickSize, last });
    if (!checked.ok) return checked;
    const replacement = await this.#positions.replaceProtections(position, checked.levels);
    return protectionsOutcome(position, replacement);
  }

  closeSymbol(symbol: string, requestId: string): Promise<ManualOutcome<ClosedSymbol>> {
    if (!this.#started) throw new Error('execution is not started');
    return this.#manual.closeSymbol(symbol, requestId);
  }

  cancelOrder(symbol: string, orderId: string): Promise<ManualOutcome<CanceledOrder>> {
    if (!this.#started) throw new Error('execution is not started');
    return this.#manual.cancelOrder(symbol, orderId);
  }

  status(): ExecutionStatus {
    return statusOf(this.#context.store, {
      inFlight: (id) => this.#entries.inFlight(id),
      fallback: (entry) => this.#entries.fallbackState(entry),
    });
  }

  orderRole(order: Order): OrderRole | undefined {
    const { store } = this.#context;
    return store.roles.of(order, store.positions.values());
  }

  priceEvaluations(): PriceEvaluations {
    return { count: this.#evaluations, firstAt: this.#firstEvaluationAt, lastAt: this.#lastEvaluationAt };
  }

  async start(): Promise<void> {
    if (this.#started) return;
    const { store, followUp, clock } = this.#context;
    await store.load();
    this.#market.start();
    const userStream = this.#options.userStream;
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
      this.#market.watch(symbol);
    }
    for (const entry of store.entries.values()) this.#entries.track(entry);
    for (const position of store.positions.values()) this.#positions.track(position);
    this.#started = true;
    this.#market.refreshAll('start-up');
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
    this.#market.stop();
    for (const unsubscribe of this.#subscriptions.splice(0)) unsubscribe();
    this.#context.clock.clearTimer(this.#reconcileTimer);
    this.#entries.stop();
    this.#context.deadMan.stop();
    this.#context.followUp.stop();
    await this.#startUpCheck;
    await this.#context.store.save();
  }

  /** Hot path: a price event goes to the positions first (a stop is the urgent case), then the entries. */
  #onPrice(symbol: string): void {
    const quote = this.#context.quotes.get(symbol);
    if (!quote) return;
    this.#positions.onPrice(symbol, quote.last);
    this.#entries.onPrice(symbol, quote);
    // After the evaluation, off its critical path: what /status shows of it.
    const now = this.#context.clock.now();
    this.#evaluations += 1;
    this.#firstEvaluationAt ??= now;
    this.#lastEvaluationAt = now;
  }

  #onUser(event: UserEvent): void {
    if (event.type === 'order') {
      if (!this.#entries.onOrder(event.order)) this.#positions.onOrder(event.order);
    } else if (event.type === 'positions') {
      this.#positions.onPositions(event.positions);
    }
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

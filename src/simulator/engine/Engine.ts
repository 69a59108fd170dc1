import { BitmartCodes } from '../../exchange/bitmart/protocol/codes.ts';
import type { Clock } from '../../platform/clock/index.ts';
import type { Dec } from '../../platform/decimal/index.ts';
import type { Market, MarketTick, Unsubscribe } from '../market/types.ts';
import { Account } from './Account.ts';
import { setLeverage, setPositionMode } from './AccountSettings.ts';
import { CancelAllAfter } from './CancelAllAfter.ts';
import { type EngineContext, OpenOrderIndex } from './context.ts';
import { EventBus } from './EventBus.ts';
import { Funding } from './Funding.ts';
import { IdSequence } from './ids.ts';
import { Liquidator } from './Liquidator.ts';
import { OrderService } from './OrderService.ts';
import { PlanOrders } from './PlanOrders.ts';
import { positionSnapshot, symbolPositions, usdtAsset, zeroAsset } from './positionMath.ts';
import * as queries from './queries.ts';
import { orderSnapshot, planSnapshot } from './records.ts';
import { fillRestingOrders } from './restingFills.ts';
import type {
  AccountCredentials,
  AccountState,
  EngineEvent,
  EngineResult,
  FlowType,
  NewAccount,
  OpenType,
  OrderRef,
  PositionMode,
  SimAsset,
  SimEngine,
  SimOrder,
  SimPosition,
  SimTransaction,
  SubmitOrderCommand,
  SubmitPlanOrderCommand,
  SubmitTpSlCommand,
  TimeRange,
} from './types.ts';
import { fail, ok } from './validation.ts';

export interface EngineOptions {
  readonly market: Market;
  readonly clock: Clock;
  /** Seeds the order id offset; default 0. */
  readonly seed?: number;
  /**
   * How long a new order answers 40035 to `order()` (docs/reference/bitmart-wire.md#visibility-window);
   * default 300 ms.
   */
  readonly orderVisibilityMs?: number;
  /**
   * Basis points by which every market fill (stop and take-profit triggers place market orders)
   * moves against the taker, on top of the book; default 0. A backtest's `--slippage`.
   */
  readonly marketSlippageBps?: number;
  /** Where an exception thrown by an event listener goes; default: dropped. */
  readonly onListenerError?: (error: unknown) => void;
}

const DEFAULT_ORDER_VISIBILITY_MS = 300;

/** The facade: looks accounts up, delegates to the services, and flushes events after each command. */
export class Engine implements SimEngine {
  readonly #context: EngineContext;
  readonly #accounts = new Map<string, Account>();
  readonly #byApiKey = new Map<string, Account>();
  readonly #orders: OrderService;
  readonly #plans: PlanOrders;
  readonly #liquidator: Liquidator;
  readonly #funding: Funding;
  readonly #cancelAfter: CancelAllAfter;
  readonly #visibilityMs: number;
  #unsubscribe: Unsubscribe | undefined;

  constructor(options: EngineOptions) {
    const { market } = options;
    const events = new EventBus({
      positionsOf: (account, symbol) => {
        const spec = market.contract(symbol);
        return spec ? symbolPositions(account, spec, market) : [];
      },
      assetOf: (account) => usdtAsset(account, market),
      onListenerError: options.onListenerError ?? (() => {}),
    });
    this.#context = {
      market,
      clock: options.clock,
      ids: new IdSequence(options.seed ?? 0),
      events,
      openOrders: new OpenOrderIndex(),
      hooks: { afterOpeningFill: () => {}, afterPositionClosed: () => {} },
    };
    this.#visibilityMs = options.orderVisibilityMs ?? DEFAULT_ORDER_VISIBILITY_MS;
    this.#orders = new OrderService(this.#context, options.marketSlippageBps ?? 0);
    this.#plans = new PlanOrders(this.#context, (account, command, origin) =>
      this.#orders.submit(account, command, origin),
    );
    this.#context.hooks = {
      afterOpeningFill: (account, order, positionType) => this.#plans.attachPresets(account, order, positionType),
      afterPositionClosed: (account, symbol, positionType) =>
        this.#plans.cancelForPosition(account, symbol, positionType),
    };
    this.#liquidator = new Liquidator(this.#context);
    this.#funding = new Funding(
      this.#context,
      () => this.#accounts.values(),
      (symbol) => {
        this.#liquidator.check(this.#accounts.values(), symbol);
        this.#context.events.flush();
      },
    );
    this.#cancelAfter = new CancelAllAfter(this.#context, (account, symbol) => {
      this.#orders.cancelAll(account, symbol);
      this.#context.events.flush();
    });
  }

  createAccount(request: NewAccount): AccountCredentials {
    const existing = this.#byApiKey.get(request.apiKey);
    if (existing) return credentialsOf(existing);
    const account = new Account(
      `sim-${this.#accounts.size + 1}`,
      request,
      request.balanceUsdt,
      request.positionMode ?? 'hedge_mode',
    );
    this.#accounts.set(account.id, account);
    this.#byApiKey.set(account.apiKey, account);
    return credentialsOf(account);
  }

  credentials(apiKey: string): AccountCredentials | undefined {
    const account = this.#byApiKey.get(apiKey);
    return account ? credentialsOf(account) : undefined;
  }

  assets(accountId: string): readonly SimAsset[] {
    const account = this.#accounts.get(accountId);
    return account ? [usdtAsset(account, this.#context.market), zeroAsset('BTC'), zeroAsset('ETH')] : [];
  }

  positions(accountId: string, symbol?: string): readonly SimPosition[] {
    const account = this.#accounts.get(accountId);
    if (!account) return [];
    const { market } = this.#context;
    if (symbol === undefined) return account.openPositions().map((p) => positionSnapshot(account, p, market));
    const spec = market.contract(symbol);
    return spec ? symbolPositions(account, spec, market) : [];
  }

  positionMode(accountId: string): PositionMode {
    return this.#accounts.get(accountId)?.positionMode ?? 'hedge_mode';
  }

  setPositionMode(accountId: string, mode: PositionMode): EngineResult<PositionMode> {
    return this.#with(accountId, (account) => setPositionMode(account, this.#context.openOrders, mode));
  }

  setLeverage(accountId: string, symbol: string, openType: OpenType, leverage?: Dec) {
    return this.#with(accountId, (account) =>
      setLeverage(account, this.#context.market, this.#context.openOrders, { symbol, openType, leverage }),
    );
  }

  feeRates(symbol: string): EngineResult<{ maker: Dec; taker: Dec }> {
    const spec = this.#context.market.contract(symbol);
    return spec ? ok({ maker: spec.makerFeeRate, taker: spec.takerFeeRate }) : fail(BitmartCodes.contractNotFound);
  }

  submitOrder(accountId: string, command: SubmitOrderCommand) {
    return this.#with(accountId, (account) => this.#orders.submit(account, command));
  }

  cancelOrder(accountId: string, ref: OrderRef): EngineResult<void> {
    return this.#with(accountId, (account) => this.#orders.cancel(account, ref));
  }

  cancelAllOrders(accountId: string, symbol: string): EngineResult<void> {
    return this.#with(accountId, (account) => this.#orders.cancelAll(account, symbol));
  }

  cancelAllAfter(accountId: string, symbol: string, timeoutSeconds: number) {
    return this.#with(accountId, (account) => this.#cancelAfter.set(account, symbol, timeoutSeconds));
  }

  modifyLimitOrder(accountId: string, ref: OrderRef, change: { price?: Dec; size?: number }) {
    return this.#with(accountId, (account) => this.#orders.modify(account, ref, change));
  }

  order(accountId: string, symbol: string, orderId: string): EngineResult<SimOrder> {
    return this.#with(accountId, (account): EngineResult<SimOrder> => {
      const order = account.orders.get(orderId);
      const young = order !== undefined && this.#context.clock.now() - order.createTime < this.#visibilityMs;
      if (!order || order.symbol !== symbol || young) return fail(BitmartCodes.orderNotExist);
      return ok(orderSnapshot(order));
    });
  }

  openOrders(accountId: string, filter: { symbol?: string; type?: 'limit' | 'market'; limit?: number }) {
    const account = this.#accounts.get(accountId);
    return account ? queries.openOrders(account, filter) : [];
  }

  orderHistory(accountId: string, filter: Partial<OrderRef> & TimeRange) {
    const account = this.#accounts.get(accountId);
    return account ? queries.orderHistory(account, filter) : [];
  }

  trades(accountId: string, filter: Partial<OrderRef> & TimeRange) {
    const account = this.#accounts.get(accountId);
    return account ? queries.trades(account, filter) : [];
  }

  transactions(accountId: string, filter: { symbol?: string; flowType?: FlowType; pageSize?: number } & TimeRange) {
    const account = this.#accounts.get(accountId);
    return account ? queries.transactions(account, filter) : [];
  }

  ledger(accountId: string): readonly SimTransaction[] {
    return this.#accounts.get(accountId)?.ledger ?? [];
  }

  submitPlanOrder(accountId: string, command: SubmitPlanOrderCommand) {
    return this.#with(accountId, (account) => this.#plans.submitPlan(account, command));
  }

  submitTpSl(accountId: string, command: SubmitTpSlCommand) {
    return this.#with(accountId, (account) => this.#plans.submitTpSl(account, command));
  }

  currentPlanOrders(accountId: string, filter: { symbol?: string; planType?: 'plan' | 'profit_loss'; limit?: number }) {
    const account = this.#accounts.get(accountId);
    return account ? this.#plans.current(account, filter).map(planSnapshot) : [];
  }

  cancelPlanOrder(accountId: string, ref: OrderRef): EngineResult<void> {
    return this.#with(accountId, (account) => this.#plans.cancel(account, ref));
  }

  onEvent(listener: (event: EngineEvent) => void): () => void {
    return this.#context.events.subscribe(listener);
  }

  state(): readonly AccountState[] {
    return [...this.#accounts.values()].map((account) => ({
      accountId: account.id,
      apiKey: account.apiKey,
      positionMode: account.positionMode,
      assets: this.assets(account.id),
      positions: this.positions(account.id),
      openOrders: this.#context.openOrders.ofAccount(account).map(orderSnapshot),
      orders: [...account.orders.values()].map(orderSnapshot),
      planOrders: [...account.plans.values()].filter((plan) => plan.state === 2).map(planSnapshot),
      initialBalance: account.initialBalance,
    }));
  }

  /** Settles `symbol`'s funding now, off schedule; `contractNotFound` for an unknown symbol. */
  settleFunding(symbol: string): EngineResult<{ rate: Dec }> {
    if (!this.#context.market.contract(symbol)) return fail(BitmartCodes.contractNotFound);
    return ok({ rate: this.#funding.settleNow(symbol) });
  }

  /** Subscribes before anyone else (the server calls this first), so pushes follow the engine's state. */
  start(): void {
    if (this.#unsubscribe) return;
    this.#unsubscribe = this.#context.market.onTick((tick) => this.#onTick(tick));
    this.#funding.start();
  }

  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#funding.stop();
    this.#cancelAfter.stop();
  }

  #onTick(tick: MarketTick): void {
    fillRestingOrders(this.#context, tick);
    this.#plans.onTick(tick);
    this.#liquidator.check(this.#accounts.values(), tick.symbol);
    this.#context.events.flush();
  }

  /** Runs a command for a known account, then publishes the position and asset changes it made. */
  #with<T>(accountId: string, command: (account: Account) => EngineResult<T>): EngineResult<T> {
    const account = this.#accounts.get(accountId);
    if (!account) return fail(BitmartCodes.cloudAccountNotFound);
    const result = command(account);
    this.#context.events.flush();
    return result;
  }
}

function credentialsOf(account: Account): AccountCredentials {
  return { accountId: account.id, apiKey: account.apiKey, apiSecret: account.apiSecret, apiMemo: account.apiMemo };
}

import type { Dec } from '../../platform/decimal/index.ts';
import type { FuturesExchange, KlineQuery } from '../port/FuturesExchange.ts';
import type {
  Balance,
  Contract,
  Fill,
  Kline,
  LedgerEntry,
  LedgerQuery,
  MarginMode,
  Order,
  OrderAck,
  OrderRef,
  OrderRequest,
  OrderTrigger,
  PlanOrder,
  PlanOrderRequest,
  Position,
  PositionMode,
  PositionTpSlRequest,
  RateLimitUsage,
  Ticker,
  TimeWindow,
} from '../port/types.ts';
import { OkxAccount } from './OkxAccount.ts';
import { OkxAlgoOrders } from './OkxAlgoOrders.ts';
import { OkxMarketData } from './OkxMarketData.ts';
import { OkxOrders } from './OkxOrders.ts';
import type { OkxRestClient } from './rest/OkxRestClient.ts';

export interface OkxFuturesExchangeOptions {
  /**
   * Our own order tag (`^[A-Za-z0-9]{1,16}$`): every order and algo order carries it, and the
   * dead-man switch is armed for it alone, so it cancels our orders and nobody else's.
   */
  readonly orderTag: string;
}

/**
 * The OKX USDT-margined swap adapter of the exchange port over REST (docs/style.md#ports-and-adapters,
 * #layered-exchange-client; docs/decisions/0028-okx-client.md): port requests are checked and mapped
 * to OKX's bodies, sent through the signed client, and the answers mapped back. Sizes are OKX
 * contracts, the port's "venue's contracts". One signed client serves four parts by what they
 * touch: public data (OkxMarketData), the account and its settings that orders depend on
 * (OkxAccount), orders (OkxOrders) and algo orders (OkxAlgoOrders); this class is their lifecycle
 * and the port.
 */
export class OkxFuturesExchange implements FuturesExchange {
  readonly venue = 'okx';
  readonly #client: OkxRestClient;
  readonly #market: OkxMarketData;
  readonly #account: OkxAccount;
  readonly #orders: OkxOrders;
  readonly #algos: OkxAlgoOrders;

  constructor(client: OkxRestClient, options: OkxFuturesExchangeOptions) {
    this.#client = client;
    this.#market = new OkxMarketData(client);
    this.#account = new OkxAccount(client);
    this.#algos = new OkxAlgoOrders(client, this.#account, options.orderTag);
    this.#orders = new OkxOrders(client, this.#account, {
      tag: options.orderTag,
      triggerOfAlgo: (algoId) => this.#algos.triggerOfAlgo(algoId),
    });
  }

  /**
   * The trigger of an order an algo order submitted (its `algoId`), when this process placed or
   * listed that algo and it has one leg; undefined otherwise (an `oco`, another tool's algo).
   */
  triggerOfAlgo(algoId: string): OrderTrigger | undefined {
    return this.#algos.triggerOfAlgo(algoId);
  }

  /** The venue's clock as measured for signing; the WebSocket login signs at it too. */
  get serverClock() {
    return this.#client.serverClock;
  }

  async start(): Promise<void> {
    await this.#client.serverClock.sync();
  }

  async stop(): Promise<void> {
    await this.#client.close();
  }

  rateLimitUsage(): readonly RateLimitUsage[] {
    return this.#client.rateLimitUsage();
  }

  serverTime(): Promise<number> {
    return this.#market.serverTime();
  }

  contracts(symbol?: string): Promise<readonly Contract[]> {
    return this.#market.contracts(symbol);
  }

  klines(query: KlineQuery): Promise<readonly Kline[]> {
    return this.#market.klines(query);
  }

  ticker(symbol: string): Promise<Ticker> {
    return this.#market.ticker(symbol);
  }

  balances(): Promise<readonly Balance[]> {
    return this.#account.balances();
  }

  positions(symbol?: string): Promise<readonly Position[]> {
    return this.#account.positions(symbol);
  }

  positionMode(): Promise<PositionMode> {
    return this.#account.positionMode();
  }

  setPositionMode(mode: PositionMode): Promise<void> {
    return this.#account.setPositionMode(mode);
  }

  setLeverage(symbol: string, leverage: Dec, marginMode: MarginMode) {
    return this.#account.setLeverage(symbol, leverage, marginMode);
  }

  ledger(query?: LedgerQuery): Promise<readonly LedgerEntry[]> {
    return this.#account.ledger(query);
  }

  submitOrder(request: OrderRequest): Promise<OrderAck> {
    return this.#orders.submitOrder(request);
  }

  cancelOrder(ref: OrderRef): Promise<void> {
    return this.#orders.cancelOrder(ref);
  }

  cancelAllOrders(symbol: string): Promise<void> {
    return this.#orders.cancelAllOrders(symbol);
  }

  modifyOrder(ref: OrderRef, change: { price?: Dec; size?: Dec }): Promise<void> {
    return this.#orders.modifyOrder(ref, change);
  }

  order(ref: OrderRef): Promise<Order | undefined> {
    return this.#orders.order(ref);
  }

  openOrders(symbol?: string): Promise<readonly Order[]> {
    return this.#orders.openOrders(symbol);
  }

  orderHistory(symbol: string, window?: TimeWindow): Promise<readonly Order[]> {
    return this.#orders.orderHistory(symbol, window);
  }

  fills(symbol: string, window?: TimeWindow): Promise<readonly Fill[]> {
    return this.#orders.fills(symbol, window);
  }

  cancelAllAfter(symbol: string, timeoutSeconds: number): Promise<{ cancelAt: number | undefined }> {
    return this.#orders.cancelAllAfter(symbol, timeoutSeconds);
  }

  submitPositionTpSl(request: PositionTpSlRequest): Promise<OrderAck> {
    return this.#algos.submitPositionTpSl(request);
  }

  submitPlanOrder(request: PlanOrderRequest): Promise<OrderAck> {
    return this.#algos.submitPlanOrder(request);
  }

  planOrders(symbol?: string): Promise<readonly PlanOrder[]> {
    return this.#algos.planOrders(symbol);
  }

  cancelPlanOrder(ref: OrderRef): Promise<void> {
    return this.#algos.cancelPlanOrder(ref);
  }
}

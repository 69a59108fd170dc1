import type { FuturesExchange } from '../port/FuturesExchange.ts';
import type { OrderTrigger } from '../port/types.ts';
import { SignedRestAdapter } from '../rest/SignedRestAdapter.ts';
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
 * the lifecycle (SignedRestAdapter) and the port.
 */
export class OkxFuturesExchange extends SignedRestAdapter implements FuturesExchange {
  readonly venue = 'okx';
  readonly #market: OkxMarketData;
  readonly #account: OkxAccount;
  readonly #orders: OkxOrders;
  readonly #algos: OkxAlgoOrders;

  constructor(client: OkxRestClient, options: OkxFuturesExchangeOptions) {
    super(client);
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

  // The port's methods, each answered by the part that owns it.
  readonly serverTime: FuturesExchange['serverTime'] = () => this.#market.serverTime();
  readonly contracts: FuturesExchange['contracts'] = (symbol) => this.#market.contracts(symbol);
  readonly klines: FuturesExchange['klines'] = (query) => this.#market.klines(query);
  readonly ticker: FuturesExchange['ticker'] = (symbol) => this.#market.ticker(symbol);

  readonly balances: FuturesExchange['balances'] = () => this.#account.balances();
  readonly positions: FuturesExchange['positions'] = (symbol) => this.#account.positions(symbol);
  readonly positionMode: FuturesExchange['positionMode'] = () => this.#account.positionMode();
  readonly setPositionMode: FuturesExchange['setPositionMode'] = (mode) => this.#account.setPositionMode(mode);
  readonly setLeverage: FuturesExchange['setLeverage'] = (symbol, leverage, marginMode) =>
    this.#account.setLeverage(symbol, leverage, marginMode);
  readonly ledger: FuturesExchange['ledger'] = (query) => this.#account.ledger(query);

  readonly submitOrder: FuturesExchange['submitOrder'] = (request) => this.#orders.submitOrder(request);
  readonly cancelOrder: FuturesExchange['cancelOrder'] = (ref) => this.#orders.cancelOrder(ref);
  readonly cancelAllOrders: FuturesExchange['cancelAllOrders'] = (symbol) => this.#orders.cancelAllOrders(symbol);
  readonly modifyOrder: FuturesExchange['modifyOrder'] = (ref, change) => this.#orders.modifyOrder(ref, change);
  readonly order: FuturesExchange['order'] = (ref) => this.#orders.order(ref);
  readonly openOrders: FuturesExchange['openOrders'] = (symbol) => this.#orders.openOrders(symbol);
  readonly orderHistory: FuturesExchange['orderHistory'] = (symbol, window) =>
    this.#orders.orderHistory(symbol, window);
  readonly fills: FuturesExchange['fills'] = (symbol, window) => this.#orders.fills(symbol, window);
  readonly cancelAllAfter: FuturesExchange['cancelAllAfter'] = (symbol, timeoutSeconds) =>
    this.#orders.cancelAllAfter(symbol, timeoutSeconds);

  readonly submitPositionTpSl: FuturesExchange['submitPositionTpSl'] = (request) =>
    this.#algos.submitPositionTpSl(request);
  readonly submitPlanOrder: FuturesExchange['submitPlanOrder'] = (request) => this.#algos.submitPlanOrder(request);
  readonly planOrders: FuturesExchange['planOrders'] = (symbol) => this.#algos.planOrders(symbol);
  readonly cancelPlanOrder: FuturesExchange['cancelPlanOrder'] = (ref) => this.#algos.cancelPlanOrder(ref);
}

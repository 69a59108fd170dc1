import type { TradingRest } from '../port/FuturesExchange.ts';
import type {
  OrderAck,
  OrderRef,
  OrderTrigger,
  PlanOrder,
  PlanOrderRequest,
  PositionTpSlRequest,
} from '../port/types.ts';
import { planOrdersFromWire } from './mapping/restOrders.ts';
import { checkClientOrderId, planOrderToWire, positionTpSlToWire } from './mapping/restRequests.ts';
import { instIdOf } from './mapping/symbols.ts';
import type { OkxAccount } from './OkxAccount.ts';
import * as algos from './rest/endpoints/algoEndpoints.ts';
import type { OkxRestClient } from './rest/OkxRestClient.ts';

type AlgoOrdersRest = Pick<TradingRest, 'submitPositionTpSl' | 'submitPlanOrder' | 'planOrders' | 'cancelPlanOrder'>;

/**
 * The port's TP/SL and plan orders as OKX algo orders, tagged with our order tag. Remembers what
 * each algo order this process placed or listed is: the order OKX submits when a TP/SL fires says
 * only `source` 7 and the algo's id, not which leg fired.
 */
export class OkxAlgoOrders implements AlgoOrdersRest {
  readonly #client: OkxRestClient;
  readonly #account: OkxAccount;
  readonly #tag: string;
  readonly #algoKinds = new Map<string, OrderTrigger>();

  constructor(client: OkxRestClient, account: OkxAccount, tag: string) {
    this.#client = client;
    this.#account = account;
    this.#tag = tag;
  }

  /**
   * The trigger of an order an algo order submitted (its `algoId`), when this process placed or
   * listed that algo and it has one leg; undefined otherwise (an `oco`, another tool's algo).
   */
  triggerOfAlgo(algoId: string): OrderTrigger | undefined {
    return this.#algoKinds.get(algoId);
  }

  async submitPositionTpSl(request: PositionTpSlRequest): Promise<OrderAck> {
    const mode = await this.#account.currentPositionMode(false);
    const marginMode = this.#account.marginModeOf(request.symbol);
    const ack = await algos.placeAlgoOrder(
      this.#client,
      positionTpSlToWire(request, { mode, marginMode, tag: this.#tag }),
      'protective',
    );
    this.#algoKinds.set(ack.algoId, request.kind);
    return { orderId: ack.algoId, clientOrderId: ack.algoClOrdId || (request.clientOrderId ?? '') };
  }

  async submitPlanOrder(request: PlanOrderRequest): Promise<OrderAck> {
    const mode = await this.#account.currentPositionMode(false);
    await this.#account.ensureLeverage(request.symbol, request.leverage, request.marginMode);
    const closing = request.side === 'close_long' || request.side === 'close_short';
    const ack = await algos.placeAlgoOrder(
      this.#client,
      planOrderToWire(request, { mode, tag: this.#tag }),
      closing ? 'protective' : 'normal',
    );
    this.#algoKinds.set(ack.algoId, 'plan');
    return { orderId: ack.algoId, clientOrderId: ack.algoClOrdId || (request.clientOrderId ?? '') };
  }

  async planOrders(symbol?: string): Promise<readonly PlanOrder[]> {
    const instId = symbol === undefined ? undefined : instIdOf(symbol);
    const [stops, triggers] = await Promise.all([
      algos.getAlgoOrdersPending(this.#client, 'conditional,oco', instId),
      algos.getAlgoOrdersPending(this.#client, 'trigger', instId),
    ]);
    const plans = [...stops, ...triggers].flatMap(planOrdersFromWire);
    const legs = new Map<string, number>();
    for (const plan of plans) legs.set(plan.orderId, (legs.get(plan.orderId) ?? 0) + 1);
    for (const plan of plans) if (legs.get(plan.orderId) === 1) this.#algoKinds.set(plan.orderId, plan.kind);
    return plans;
  }

  async cancelPlanOrder(ref: OrderRef): Promise<void> {
    const instId = instIdOf(ref.symbol);
    await algos.cancelAlgos(this.#client, [
      ref.orderId !== undefined
        ? { instId, algoId: ref.orderId }
        : { instId, algoClOrdId: checkClientOrderId(ref.clientOrderId) },
    ]);
  }
}

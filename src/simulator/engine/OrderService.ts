import { BitmartCodes } from '../../exchange/bitmart/protocol/codes.ts';
import { type Dec, isMultipleOf, ZERO } from '../../platform/decimal/index.ts';
import type { Account } from './Account.ts';
import type { EngineContext } from './context.ts';
import { applyFill, finishOrder } from './execution.ts';
import { isBuySide, planTaker, slipMarketFills, type TakerPlan } from './matching.ts';
import { frozenPerContract, upfrontCost } from './orderCost.ts';
import type { OrderRecord } from './records.ts';
import type { EngineResult, OrderRef, PlanOrigin, SubmitOrderCommand } from './types.ts';
import { fail, type OrderIntent, ok, validateOrder } from './validation.ts';

/** Submits, cancels and modifies orders; every rejection is decided before anything changes. */
export class OrderService {
  readonly #context: EngineContext;
  readonly #marketSlippageBps: number;

  constructor(context: EngineContext, marketSlippageBps = 0) {
    this.#context = context;
    this.#marketSlippageBps = marketSlippageBps;
  }

  submit(
    account: Account,
    command: SubmitOrderCommand,
    origin?: PlanOrigin,
  ): EngineResult<{ orderId: string; price: Dec | 'market price' }> {
    const { market } = this.#context;
    const validated = validateOrder(account, market, command);
    if (!validated.ok) return validated;
    const intent = validated.value;
    const booked = planTaker(intent, market.book(command.symbol), market.lastPrice(command.symbol));
    const plan =
      intent.type === 'market'
        ? slipMarketFills(booked, this.#marketSlippageBps, isBuySide(intent.side), intent.spec.tickSize)
        : booked;
    if (upfrontCost(account, intent, plan).gt(account.available)) return fail(BitmartCodes.balanceNotEnough);
    const order = this.#createOrder(account, intent, plan, origin, command.receivedAtMicros);
    this.#execute(account, order, intent, plan);
    return ok({ orderId: order.orderId, price: intent.type === 'market' ? 'market price' : order.price });
  }

  #createOrder(
    account: Account,
    intent: OrderIntent,
    plan: TakerPlan,
    origin: PlanOrigin | undefined,
    receivedAtMicros: number | undefined,
  ): OrderRecord {
    const now = this.#context.clock.now();
    // A market order shows the worst price it was bounded by, as BitMart shows a protection price.
    const price = intent.price ?? plan.fills.at(-1)?.price ?? this.#context.market.lastPrice(intent.spec.symbol);
    const order: OrderRecord = {
      orderId: this.#context.ids.order(),
      clientOrderId: intent.clientOrderId,
      accountId: account.id,
      symbol: intent.spec.symbol,
      side: intent.side,
      type: intent.type,
      mode: intent.mode,
      price,
      size: intent.size,
      dealSize: 0,
      dealValue: ZERO,
      leverage: intent.leverage,
      openType: intent.openType,
      state: intent.type === 'market' ? 1 : 2,
      canceled: false,
      positionMode: account.positionMode,
      presetTakeProfit: intent.presetTakeProfit,
      presetStopLoss: intent.presetStopLoss,
      planOrderId: origin?.orderId ?? '',
      planType: origin?.type,
      lastTrade: undefined,
      createTime: now,
      updateTime: now,
      arrivalMicros: receivedAtMicros ?? this.#context.clock.monotonicMicros(),
      frozenPerContract: ZERO,
      frozen: ZERO,
      closingReserved: 0,
      closes: intent.closes,
      presetsAttached: false,
    };
    account.addOrder(order);
    if (intent.closes !== undefined) {
      account.position(intent.spec, intent.closes).frozenAmount += intent.size;
      order.closingReserved = intent.size;
    }
    // An opening order's leverage and margin mode become the account's setting, as on BitMart.
    else account.setLeverage(intent.spec.symbol, intent.openType, intent.leverage);
    return order;
  }

  #execute(account: Account, order: OrderRecord, intent: OrderIntent, plan: TakerPlan): void {
    const context = this.#context;
    context.events.order(account, 2, order);
    context.events.touch(account, order.symbol);
    if (order.type === 'market') order.state = 2;
    for (const fill of plan.fills) {
      if (order.state === 4) break;
      applyFill(context, account, order, fill.price, fill.size, 'taker');
    }
    if (order.state === 4) return;
    if (plan.restSize > 0 && intent.price) {
      order.frozenPerContract = frozenPerContract(intent, intent.price);
      order.frozen = order.frozenPerContract.mul(order.size - order.dealSize);
      account.available = account.available.minus(order.frozen);
      account.frozen = account.frozen.plus(order.frozen);
      context.openOrders.add(account, order);
      return;
    }
    finishOrder(context, account, order, 3);
  }

  /** Neither id: every open order of the symbol. */
  cancel(account: Account, ref: OrderRef): EngineResult<void> {
    if (!this.#context.market.contract(ref.symbol)) return fail(BitmartCodes.contractNotFound);
    if (!ref.orderId && !ref.clientOrderId) return this.cancelAll(account, ref.symbol);
    const order = findOrder(account, ref);
    if (!order) return fail(BitmartCodes.orderIdNotExist);
    if (order.state === 4) return fail(BitmartCodes.orderStatusInvalid);
    finishOrder(this.#context, account, order, 3);
    return ok(undefined);
  }

  cancelAll(account: Account, symbol: string): EngineResult<void> {
    if (!this.#context.market.contract(symbol)) return fail(BitmartCodes.contractNotFound);
    for (const order of this.#context.openOrders.ofAccount(account, symbol)) {
      finishOrder(this.#context, account, order, 3);
    }
    return ok(undefined);
  }

  /**
   * Changes a resting limit order in place (same id, same queue place, BitMart has no priority
   * rule documented). The new price is not matched at once: the next tick fills it as a maker.
   */
  modify(
    account: Account,
    ref: OrderRef,
    change: { price?: Dec; size?: number },
  ): EngineResult<{ orderId: string; clientOrderId: string }> {
    const spec = this.#context.market.contract(ref.symbol);
    if (!spec) return fail(BitmartCodes.contractNotFound);
    const order = findOrder(account, ref);
    if (!order) return fail(BitmartCodes.orderIdNotExist);
    if (order.state === 4 || order.type !== 'limit') return fail(BitmartCodes.orderStatusInvalid);
    if (change.price === undefined && change.size === undefined) return fail(BitmartCodes.parseParameter);
    const price = change.price ?? order.price;
    const size = change.size ?? order.size;
    if (!price.isFinite() || price.lte(0)) return fail(BitmartCodes.rangeInvalid);
    if (!isMultipleOf(price, spec.tickSize)) return fail(BitmartCodes.precisionInvalid);
    if (!Number.isInteger(size) || size <= order.dealSize || size < spec.minVolume || size > spec.maxVolume) {
      return fail(BitmartCodes.rangeInvalid);
    }
    const remaining = size - order.dealSize;
    if (order.closes !== undefined) {
      const position = account.position(spec, order.closes);
      const free = position.amount - position.frozenAmount + order.closingReserved;
      if (remaining > free) return fail(BitmartCodes.positionVolumeNotEnough);
      position.frozenAmount += remaining - order.closingReserved;
      order.closingReserved = remaining;
    } else {
      const perContract = frozenPerContract({ spec, leverage: order.leverage, closes: undefined }, price);
      const frozen = perContract.mul(remaining);
      if (frozen.gt(account.available.plus(order.frozen))) return fail(BitmartCodes.balanceNotEnough);
      account.available = account.available.plus(order.frozen).minus(frozen);
      account.frozen = account.frozen.minus(order.frozen).plus(frozen);
      order.frozen = frozen;
      order.frozenPerContract = perContract;
    }
    order.price = price;
    order.size = size;
    order.updateTime = this.#context.clock.now();
    this.#context.events.order(account, 2, order);
    this.#context.events.touch(account, order.symbol);
    return ok({ orderId: order.orderId, clientOrderId: order.clientOrderId });
  }
}

export function findOrder(account: Account, ref: OrderRef): OrderRecord | undefined {
  if (ref.orderId) {
    const order = account.orders.get(ref.orderId);
    return order && order.symbol === ref.symbol ? order : undefined;
  }
  for (const order of account.orders.values()) {
    if (order.symbol === ref.symbol && order.clientOrderId === ref.clientOrderId) return order;
  }
  return undefined;
}

/** Liquidation clears the account's book (action 4) before closing positions. */
export function cancelOpenOrders(context: EngineContext, account: Account, symbol: string | undefined, action: 3 | 4) {
  for (const order of context.openOrders.ofAccount(account, symbol)) finishOrder(context, account, order, action);
}

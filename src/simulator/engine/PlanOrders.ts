import { BitmartCodes } from '../../exchange/bitmart/protocol/codes.ts';
import { type Dec, ZERO } from '../../platform/decimal/index.ts';
import type { MarketTick } from '../market/types.ts';
import type { Account } from './Account.ts';
import type { EngineContext } from './context.ts';
import { planOrderError, priceError } from './planValidation.ts';
import type { OrderRecord, PlanRecord } from './records.ts';
import type {
  EngineResult,
  OrderRef,
  PlanOrigin,
  PositionType,
  PresetTrigger,
  SubmitOrderCommand,
  SubmitPlanOrderCommand,
  SubmitTpSlCommand,
} from './types.ts';
import { fail, ok, validateClientOrderId } from './validation.ts';

type SubmitChild = (account: Account, command: SubmitOrderCommand, origin: PlanOrigin) => EngineResult<unknown>;
type PlanEntry = { readonly account: Account; readonly plan: PlanRecord };
type PlanFields = Omit<PlanRecord, 'orderId' | 'accountId' | 'state' | 'createTime' | 'updateTime'>;

/** The side that closes a position type: 3 sells a long, 2 buys back a short. */
function closingSide(positionType: PositionType): 2 | 3 {
  return positionType === 1 ? 3 : 2;
}

/** A take-profit triggers as price moves in the position's favour, a stop-loss against it. */
function tpSlWay(type: 'take_profit' | 'stop_loss', side: 2 | 3): 1 | 2 {
  const closesLong = side === 3;
  return (type === 'take_profit') === closesLong ? 1 : 2;
}

/**
 * Plan (trigger) orders and TP/SL orders. They hold no margin; when the trigger price type
 * (1 last, 2 mark) crosses the trigger they submit a child order carrying the plan's id and type.
 */
export class PlanOrders {
  readonly #context: EngineContext;
  readonly #submitChild: SubmitChild;
  readonly #bySymbol = new Map<string, Map<string, PlanEntry>>();

  constructor(context: EngineContext, submitChild: SubmitChild) {
    this.#context = context;
    this.#submitChild = submitChild;
  }

  submitPlan(account: Account, command: SubmitPlanOrderCommand): EngineResult<{ orderId: string }> {
    const spec = this.#context.market.contract(command.symbol);
    if (!spec) return fail(BitmartCodes.contractNotFound);
    const error = planOrderError(account, spec, command);
    if (error) return fail(error);
    const plan = this.#add(account, {
      ...command,
      clientOrderId: command.clientOrderId ?? '',
      type: 'plan',
      executivePrice: command.executionType === 'limit' ? (command.executivePrice ?? ZERO) : ZERO,
      planCategory: command.planCategory ?? 1,
      positionMode: account.positionMode,
      presetTakeProfit: command.presetTakeProfit,
      presetStopLoss: command.presetStopLoss,
    });
    return ok({ orderId: plan.orderId });
  }

  submitTpSl(account: Account, command: SubmitTpSlCommand): EngineResult<{ orderId: string; clientOrderId: string }> {
    const spec = this.#context.market.contract(command.symbol);
    if (!spec) return fail(BitmartCodes.contractNotFound);
    if (command.type !== 'take_profit' && command.type !== 'stop_loss') return fail(BitmartCodes.typeInvalid);
    if (command.side !== 2 && command.side !== 3) return fail(BitmartCodes.sideInvalid);
    const position = account.existingPosition(spec.symbol, command.side === 3 ? 1 : 2);
    if (!position || position.amount === 0) return fail(BitmartCodes.positionNotExist);
    if (command.size !== undefined && (!Number.isInteger(command.size) || command.size < 1)) {
      return fail(BitmartCodes.rangeInvalid);
    }
    if (command.size !== undefined && command.size > position.amount) return fail(BitmartCodes.positionVolumeNotEnough);
    if (![1, 2].includes(command.priceType)) return fail(BitmartCodes.parseParameter);
    const error =
      priceError(spec, command.triggerPrice, false) ??
      priceError(spec, command.executivePrice, true) ??
      validateClientOrderId(account, command.clientOrderId ?? '');
    if (error) return fail(error);
    const category = command.planCategory ?? 2;
    const trigger = { price: command.triggerPrice, priceType: command.priceType };
    const plan = this.#addTpSl(account, spec.symbol, position.positionType, command.type, trigger, {
      size: category === 2 ? 0 : (command.size ?? 0),
      executivePrice: command.executivePrice,
      planCategory: category,
      clientOrderId: command.clientOrderId ?? '',
    });
    return ok({ orderId: plan.orderId, clientOrderId: plan.clientOrderId });
  }

  /** Preset TP/SL of an opening order become position TP/SL plans once the order first fills. */
  attachPresets(account: Account, order: OrderRecord, positionType: PositionType): void {
    if (order.presetsAttached) return;
    order.presetsAttached = true;
    const extra = { size: 0, executivePrice: ZERO, planCategory: 2 as const, clientOrderId: '' };
    if (order.presetTakeProfit)
      this.#addTpSl(account, order.symbol, positionType, 'take_profit', order.presetTakeProfit, extra);
    if (order.presetStopLoss)
      this.#addTpSl(account, order.symbol, positionType, 'stop_loss', order.presetStopLoss, extra);
  }

  /** A closed position takes its TP/SL plans with it. */
  cancelForPosition(account: Account, symbol: string, positionType: PositionType): void {
    const side = closingSide(positionType);
    for (const { account: owner, plan } of this.#entries(symbol)) {
      if (owner === account && plan.type !== 'plan' && plan.side === side) this.#finish(plan);
    }
  }

  #addTpSl(
    account: Account,
    symbol: string,
    positionType: PositionType,
    type: 'take_profit' | 'stop_loss',
    trigger: PresetTrigger,
    extra: { size: number; executivePrice: Dec; planCategory: 1 | 2; clientOrderId: string },
  ): PlanRecord {
    const side = closingSide(positionType);
    const position = account.existingPosition(symbol, positionType);
    // Position TP/SL (category 2) are one per position and type: a new one replaces the old.
    if (extra.planCategory === 2) {
      for (const { account: owner, plan } of this.#entries(symbol)) {
        if (owner === account && plan.type === type && plan.side === side && plan.planCategory === 2)
          this.#finish(plan);
      }
    }
    return this.#add(account, {
      symbol,
      side,
      type,
      executionType: extra.executivePrice.isZero() ? 'market' : 'limit',
      mode: 1,
      size: extra.size,
      triggerPrice: trigger.price,
      executivePrice: extra.executivePrice,
      priceType: trigger.priceType,
      priceWay: tpSlWay(type, side),
      planCategory: extra.planCategory,
      leverage: position?.leverage ?? ZERO,
      openType: position?.openType ?? 'cross',
      positionMode: account.positionMode,
      clientOrderId: extra.clientOrderId,
      presetTakeProfit: undefined,
      presetStopLoss: undefined,
    });
  }

  #add(account: Account, fields: PlanFields): PlanRecord {
    const now = this.#context.clock.now();
    const plan: PlanRecord = {
      ...fields,
      orderId: this.#context.ids.order(),
      accountId: account.id,
      state: 2,
      createTime: now,
      updateTime: now,
    };
    account.plans.set(plan.orderId, plan);
    let plans = this.#bySymbol.get(plan.symbol);
    if (!plans) {
      plans = new Map();
      this.#bySymbol.set(plan.symbol, plans);
    }
    plans.set(plan.orderId, { account, plan });
    return plan;
  }

  #finish(plan: PlanRecord): void {
    plan.state = 4;
    plan.updateTime = this.#context.clock.now();
    this.#bySymbol.get(plan.symbol)?.delete(plan.orderId);
  }

  #entries(symbol: string): PlanEntry[] {
    return [...(this.#bySymbol.get(symbol)?.values() ?? [])];
  }

  /** Neither id: every waiting plan of the symbol. */
  cancel(account: Account, ref: OrderRef): EngineResult<void> {
    if (!this.#context.market.contract(ref.symbol)) return fail(BitmartCodes.contractNotFound);
    const mine = this.#entries(ref.symbol).filter((entry) => entry.account === account);
    if (!ref.orderId && !ref.clientOrderId) {
      for (const { plan } of mine) this.#finish(plan);
      return ok(undefined);
    }
    const plan = ref.orderId
      ? account.plans.get(ref.orderId)
      : [...account.plans.values()].find((p) => p.clientOrderId === ref.clientOrderId);
    if (!plan || plan.symbol !== ref.symbol) return fail(BitmartCodes.orderIdNotExist);
    if (plan.state === 4) return fail(BitmartCodes.orderStatusInvalid);
    this.#finish(plan);
    return ok(undefined);
  }

  /** Waiting plans, newest first. */
  current(account: Account, filter: { symbol?: string; planType?: 'plan' | 'profit_loss'; limit?: number }) {
    const limit = Math.min(Math.max(filter.limit ?? 100, 1), 100);
    return [...account.plans.values()]
      .filter((plan) => plan.state === 2)
      .filter((plan) => filter.symbol === undefined || plan.symbol === filter.symbol)
      .filter((plan) => filter.planType === undefined || (filter.planType === 'plan') === (plan.type === 'plan'))
      .reverse()
      .slice(0, limit);
  }

  /** Fires the symbol's plans whose trigger the tick crossed: rise (way 1) price ≥ trigger, fall (way 2) ≤. */
  onTick(tick: MarketTick): void {
    for (const { account, plan } of this.#entries(tick.symbol)) {
      if (plan.state !== 2) continue;
      const price = plan.priceType === 1 ? tick.lastPrice : tick.markPrice;
      const fired = plan.priceWay === 1 ? price.gte(plan.triggerPrice) : price.lte(plan.triggerPrice);
      if (!fired) continue;
      this.#finish(plan);
      const child = this.#childOrder(account, plan);
      // A child the engine refuses (position gone, balance) simply ends the plan, as on BitMart.
      if (child) this.#submitChild(account, child, { orderId: plan.orderId, type: plan.type });
    }
  }

  #childOrder(account: Account, plan: PlanRecord): SubmitOrderCommand | undefined {
    const price = plan.executionType === 'limit' ? plan.executivePrice : undefined;
    const base = { symbol: plan.symbol, side: plan.side, type: plan.executionType, mode: plan.mode, price };
    if (plan.type === 'plan') {
      const { leverage, openType, presetTakeProfit, presetStopLoss } = plan;
      return { ...base, size: plan.size, leverage, openType, presetTakeProfit, presetStopLoss };
    }
    const position = account.existingPosition(plan.symbol, plan.side === 3 ? 1 : 2);
    const free = position ? position.amount - position.frozenAmount : 0;
    const size = plan.size > 0 ? Math.min(plan.size, free) : free;
    return size > 0 ? { ...base, size } : undefined;
  }
}

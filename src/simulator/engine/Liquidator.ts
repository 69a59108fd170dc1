import { Dec, ZERO } from '../../platform/decimal/index.ts';
import type { Account } from './Account.ts';
import { type EngineContext, specOf } from './context.ts';
import { closePart } from './execution.ts';
import { cancelOpenOrders } from './OrderService.ts';
import { crossBuffer, maintenance, unrealized } from './positionMath.ts';
import type { OrderRecord, PositionRecord } from './records.ts';

/**
 * Liquidation on the mark price. Isolated: margin + unrealized ≤ maintenance. Cross: available +
 * Σ cross (margin + unrealized) ≤ Σ cross maintenance, checked after the account's open orders
 * are canceled (action 4) and gave their frozen balance back. The position closes with a
 * `liquidate` order at the mark price (pushed with action 4, no fee). An isolated position loses
 * its whole margin; a cross liquidation loses its realised loss capped at the account's balance.
 * Any loss beyond that is absorbed by the insurance fund, so no balance turns negative.
 */
export class Liquidator {
  readonly #context: EngineContext;

  constructor(context: EngineContext) {
    this.#context = context;
  }

  check(accounts: Iterable<Account>, symbol: string): void {
    for (const account of accounts) {
      const held = account.openPositions(symbol);
      if (held.length === 0) continue;
      for (const position of held) {
        if (position.openType === 'isolated' && this.#isolatedBreached(position)) {
          cancelOpenOrders(this.#context, account, symbol, 4);
          this.#liquidate(account, position, position.margin.neg());
        }
      }
      if (held.some((position) => position.openType === 'cross')) this.#checkCross(account);
    }
  }

  #isolatedBreached(position: PositionRecord): boolean {
    const spec = specOf(this.#context, position.symbol);
    const mark = this.#context.market.markPrice(position.symbol);
    return position.margin.plus(unrealized(position, mark, spec)).lte(maintenance(position, mark, spec));
  }

  #checkCross(account: Account): void {
    const { market } = this.#context;
    if (crossBuffer(account, market).gt(0)) return;
    cancelOpenOrders(this.#context, account, undefined, 4);
    if (crossBuffer(account, market).gt(0)) return;
    const cross = account.openPositions().filter((position) => position.openType === 'cross');
    // Winners first, so that their gains are in `available` before the losers' losses are capped.
    const byPnl = cross
      .map((position) => ({
        position,
        pnl: unrealized(position, market.markPrice(position.symbol), specOf(this.#context, position.symbol)),
      }))
      .sort((a, b) => b.pnl.comparedTo(a.pnl));
    for (const { position } of byPnl) this.#liquidate(account, position, undefined);
  }

  /** `floor` caps the booked loss (isolated: −margin); undefined = everything available (cross). */
  #liquidate(account: Account, position: PositionRecord, floor: Dec | undefined): void {
    const context = this.#context;
    const spec = specOf(context, position.symbol);
    const mark = context.market.markPrice(position.symbol);
    const now = context.clock.now();
    const size = position.amount;
    const order = this.#liquidationOrder(account, position, mark, size, now);
    const realized = closePart(account, position, size, mark, spec, now);
    const booked = floor ?? Dec.max(realized, account.available.neg());
    const tradeId = context.ids.trade();
    const fill = {
      tradeId,
      orderId: order.orderId,
      clientOrderId: '',
      side: order.side,
      price: mark,
      size,
      role: 'taker' as const,
    };
    account.book(5, position.symbol, booked, now, () => context.ids.transaction(), {
      ...fill,
      openType: position.openType,
      positionMode: order.positionMode,
    });
    order.dealSize = size;
    order.dealValue = mark.mul(size);
    order.lastTrade = { tradeId, size, price: mark, fee: ZERO };
    order.state = 4;
    account.addFill({
      tradeId,
      orderId: order.orderId,
      clientOrderId: '',
      symbol: position.symbol,
      side: order.side,
      price: mark,
      size,
      role: 'taker',
      fee: ZERO,
      realizedPnl: booked,
      time: now,
    });
    context.events.order(account, 4, order);
    context.events.touch(account, position.symbol);
    context.hooks.afterPositionClosed(account, position.symbol, position.positionType);
  }

  #liquidationOrder(account: Account, position: PositionRecord, mark: Dec, size: number, now: number): OrderRecord {
    const order: OrderRecord = {
      orderId: this.#context.ids.order(),
      clientOrderId: '',
      accountId: account.id,
      symbol: position.symbol,
      side: position.positionType === 1 ? 3 : 2,
      type: 'liquidate',
      mode: 3,
      price: mark,
      size,
      dealSize: 0,
      dealValue: ZERO,
      leverage: position.leverage,
      openType: position.openType,
      state: 2,
      canceled: false,
      positionMode: account.positionMode,
      presetTakeProfit: undefined,
      presetStopLoss: undefined,
      planOrderId: '',
      planType: undefined,
      lastTrade: undefined,
      createTime: now,
      updateTime: now,
      arrivalMicros: this.#context.clock.monotonicMicros(),
      frozenPerContract: ZERO,
      frozen: ZERO,
      closingReserved: 0,
      closes: position.positionType,
      presetsAttached: true,
    };
    account.addOrder(order);
    return order;
  }
}

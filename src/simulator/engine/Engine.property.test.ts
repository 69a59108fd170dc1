import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec, roundToStep } from '../../platform/decimal/index.ts';
import { engineFixture } from './engineTestKit.ts';
import type { OpenType, OrderMode, OrderSide, PositionMode } from './types.ts';

const SYMBOLS = ['BTCUSDT', 'ETHUSDT'] as const;
const HOUR = 3_600_000;

type Command =
  | { kind: 'submit'; symbol: number; side: OrderSide; limit: boolean; mode: OrderMode; size: number; offset: number }
  | { kind: 'submitWith'; symbol: number; side: OrderSide; size: number; leverage: number; openType: OpenType }
  | { kind: 'cancel'; pick: number }
  | { kind: 'cancelAll'; symbol: number }
  | { kind: 'modify'; pick: number; offset: number; size: number }
  | { kind: 'move'; symbol: number; percent: number }
  | { kind: 'advance'; ms: number }
  | { kind: 'leverage'; symbol: number; leverage: number; openType: OpenType }
  | { kind: 'stopLoss'; symbol: number; side: 2 | 3; percent: number };

const symbolIndex = fc.integer({ min: 0, max: 1 });
const side = fc.constantFrom<OrderSide>(1, 2, 3, 4);
const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('submit' as const),
      symbol: symbolIndex,
      side,
      limit: fc.boolean(),
      mode: fc.constantFrom<OrderMode>(1, 1, 2, 3, 4),
      size: fc.integer({ min: 1, max: 60 }),
      offset: fc.integer({ min: -40, max: 40 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('submitWith' as const),
      symbol: symbolIndex,
      side: fc.constantFrom<OrderSide>(1, 4),
      size: fc.integer({ min: 1, max: 400 }),
      leverage: fc.constantFrom(1, 3, 7, 10, 50, 100),
      openType: fc.constantFrom<OpenType>('cross', 'isolated'),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancelAll' as const), symbol: symbolIndex }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('modify' as const),
      pick: fc.nat(),
      offset: fc.integer({ min: -40, max: 40 }),
      size: fc.integer({ min: 1, max: 80 }),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('move' as const),
      symbol: symbolIndex,
      percent: fc.integer({ min: -1500, max: 1500 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 5 * HOUR }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('leverage' as const),
      symbol: symbolIndex,
      leverage: fc.integer({ min: 1, max: 110 }),
      openType: fc.constantFrom<OpenType>('cross', 'isolated'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('stopLoss' as const),
      symbol: symbolIndex,
      side: fc.constantFrom<2 | 3>(2, 3),
      percent: fc.integer({ min: -500, max: 500 }),
    }),
  },
);

function run(fixture: ReturnType<typeof engineFixture>, step: Command): void {
  const { engine, accountId, market, clock } = fixture;
  const symbolOf = (index: number) => SYMBOLS[index] as string;
  const priceNear = (symbol: string, offsetTicks: number) => {
    const tick = market.contract(symbol)?.tickSize as Dec;
    return market.lastPrice(symbol).plus(tick.mul(offsetTicks));
  };
  const open = engine.openOrders(accountId, {});
  switch (step.kind) {
    case 'submit': {
      const symbol = symbolOf(step.symbol);
      const type = step.limit ? 'limit' : 'market';
      const mode = !step.limit && step.mode === 4 ? 1 : step.mode;
      engine.submitOrder(accountId, {
        symbol,
        side: step.side,
        type,
        mode,
        size: step.size,
        price: step.limit ? priceNear(symbol, step.offset) : undefined,
      });
      return;
    }
    case 'submitWith':
      engine.submitOrder(accountId, {
        symbol: symbolOf(step.symbol),
        side: step.side,
        type: 'market',
        mode: 1,
        size: step.size,
        leverage: new Dec(step.leverage),
        openType: step.openType,
      });
      return;
    case 'cancel': {
      const order = open[step.pick % Math.max(open.length, 1)];
      if (order) engine.cancelOrder(accountId, { symbol: order.symbol, orderId: order.orderId });
      return;
    }
    case 'cancelAll':
      engine.cancelAllOrders(accountId, symbolOf(step.symbol));
      return;
    case 'modify': {
      const order = open[step.pick % Math.max(open.length, 1)];
      if (order)
        engine.modifyLimitOrder(
          accountId,
          { symbol: order.symbol, orderId: order.orderId },
          { price: priceNear(order.symbol, step.offset), size: step.size },
        );
      return;
    }
    case 'move': {
      const symbol = symbolOf(step.symbol);
      const tick = market.contract(symbol)?.tickSize as Dec;
      const next = roundToStep(market.lastPrice(symbol).mul(new Dec(step.percent).div(10_000).plus(1)), tick);
      market.setPrice(symbol, next);
      return;
    }
    case 'advance':
      clock.advance(step.ms);
      return;
    case 'leverage':
      engine.setLeverage(accountId, symbolOf(step.symbol), step.openType, new Dec(step.leverage));
      return;
    case 'stopLoss': {
      const symbol = symbolOf(step.symbol);
      const tick = market.contract(symbol)?.tickSize as Dec;
      const trigger = roundToStep(market.lastPrice(symbol).mul(new Dec(step.percent).div(10_000).plus(1)), tick);
      engine.submitTpSl(accountId, {
        symbol,
        type: 'stop_loss',
        side: step.side,
        triggerPrice: trigger,
        executivePrice: new Dec(0),
        priceType: 1,
      });
    }
  }
}

function assertInvariants(fixture: ReturnType<typeof engineFixture>, initial: Dec): void {
  const { engine, accountId, usdt } = fixture;
  const asset = usdt();
  const wallet = asset.available.plus(asset.frozen).plus(asset.positionDeposit);
  expect(asset.equity.eq(wallet.plus(asset.unrealized))).toBe(true);
  expect(asset.available.gte(0)).toBe(true);
  expect(asset.frozen.gte(0)).toBe(true);
  const ledger = engine.transactions(accountId, { startMs: 0, endMs: Number.MAX_SAFE_INTEGER, pageSize: 1000 });
  expect(ledger.length).toBeLessThan(1000);
  const booked = ledger.reduce((sum, row) => sum.plus(row.amount), initial);
  expect(booked.toFixed()).toBe(wallet.toFixed());
  const positions = engine.positions(accountId);
  let margins = new Dec(0);
  for (const position of positions) {
    expect(position.amount).toBeGreaterThan(0);
    expect(position.frozenAmount).toBeGreaterThanOrEqual(0);
    expect(position.frozenAmount).toBeLessThanOrEqual(position.amount);
    expect(position.margin.gte(0)).toBe(true);
    margins = margins.plus(position.margin);
  }
  expect(margins.eq(asset.positionDeposit)).toBe(true);
  if (engine.openOrders(accountId, {}).length === 0) expect(asset.frozen.isZero()).toBe(true);
  if (engine.positionMode(accountId) === 'one_way_mode') {
    for (const symbol of SYMBOLS)
      expect(engine.positions(accountId, symbol).filter((p) => p.amount > 0).length).toBeLessThanOrEqual(1);
  }
}

describe('engine invariants under random commands', () => {
  // 150 random command sequences: seconds alone, more on a loaded machine.
  it('keeps the balance identities exact and no balance negative at every step', { timeout: 90_000 }, () => {
    const seen = new Map<string, number>();
    fc.assert(
      fc.property(
        fc.constantFrom<PositionMode>('hedge_mode', 'one_way_mode'),
        fc.constantFrom('300', '2000', '50000'),
        fc.array(command, { minLength: 20, maxLength: 80 }),
        (positionMode, balance, commands) => {
          const fixture = engineFixture({ positionMode, balance });
          fixture.market.setPrice('ETHUSDT', new Dec(3300));
          const initial = new Dec(balance);
          assertInvariants(fixture, initial);
          for (const step of commands) {
            run(fixture, step);
            assertInvariants(fixture, initial);
          }
          for (const event of fixture.events) {
            const key = event.kind === 'order' ? `${event.order.type}:${event.action}` : event.kind;
            seen.set(key, (seen.get(key) ?? 0) + 1);
          }
          for (const row of fixture.engine.transactions(fixture.accountId, {
            startMs: 0,
            endMs: Number.MAX_SAFE_INTEGER,
            pageSize: 1000,
          })) {
            seen.set(`flow${row.flowType}`, (seen.get(`flow${row.flowType}`) ?? 0) + 1);
          }
        },
      ),
      { numRuns: 150 },
    );
    // The sequences must reach what the invariants are about: fills, cancels, funding, liquidations.
    for (const key of ['limit:1', 'market:1', 'limit:3', 'liquidate:4', 'flow2', 'flow3', 'flow4', 'flow5']) {
      expect(seen.get(key) ?? 0, key).toBeGreaterThan(0);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { accepted, BTC, codeOf, dec, engineFixture } from './engineTestKit.ts';

const ALL_TIME = { startMs: 0, endMs: Number.MAX_SAFE_INTEGER };

describe('engine positions', () => {
  it('realises PnL and charges fees exactly on a hand-computed round trip', () => {
    const { engine, accountId, market, submit, usdt } = engineFixture();
    accepted(submit({ side: 1, size: 5 })); // 5 @ ask 60000.1, notional 300.0005
    expect(usdt().positionDeposit.toFixed()).toBe('30.00005');
    expect(usdt().available.toFixed()).toBe('9969.8199497'); // − 30.00005 margin − 0.1800003 fee
    market.setPrice(BTC, dec('61000'));
    expect(usdt().unrealized.toFixed()).toBe('4.9995'); // (61000 − 60000.1) × 5 × 0.001
    expect(usdt().equity.toFixed()).toBe('10004.8194997');
    accepted(submit({ side: 3, size: 5 })); // 5 @ bid 60999.9
    const ledger = engine.transactions(accountId, { ...ALL_TIME, pageSize: 1000 });
    expect(ledger.map((row) => [row.flowType, row.amount.toFixed()]).reverse()).toEqual([
      [4, '-0.1800003'],
      [2, '4.999'], // (60999.9 − 60000.1) × 5 × 0.001
      [4, '-0.1829997'], // 304.9995 × 0.0006
    ]);
    expect(usdt().available.toFixed()).toBe('10004.636');
    expect(usdt().positionDeposit.toFixed()).toBe('0');
    const [long] = engine.positions(accountId, BTC);
    expect(long).toMatchObject({ amount: 0, closedVolume: 5 });
    expect(long?.realizedPnl.toFixed()).toBe('4.999');
  });

  it('keeps a long and a short side by side in hedge mode', () => {
    const { engine, accountId, submit } = engineFixture();
    accepted(submit({ side: 1, size: 2 }));
    accepted(submit({ side: 4, size: 3 }));
    const rows = engine.positions(accountId, BTC);
    expect(rows.map((row) => [row.positionSide, row.amount])).toEqual([
      ['long', 2],
      ['short', 3],
    ]);
  });

  it('nets in one-way mode and flips a long into a short with the rest of a larger sell', () => {
    const { engine, accountId, submit } = engineFixture({ positionMode: 'one_way_mode' });
    accepted(submit({ side: 1, size: 2 }));
    accepted(submit({ side: 4, size: 3 }));
    const rows = engine.positions(accountId, BTC);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ positionSide: 'both', positionType: 2, amount: 1 });
    expect(engine.positions(accountId)).toHaveLength(1);
    expect(codeOf(submit({ side: 3, size: 1 }))).toBe(40021);
    accepted(submit({ side: 2, size: 1 }));
    expect(engine.positions(accountId)).toHaveLength(0);
  });

  it('refuses to switch the position mode while a position is open', () => {
    const { engine, accountId, submit } = engineFixture();
    accepted(submit({ side: 1, size: 1 }));
    expect(codeOf(engine.setPositionMode(accountId, 'one_way_mode'))).toBe(40059);
    accepted(submit({ side: 3, size: 1 }));
    expect(accepted(engine.setPositionMode(accountId, 'one_way_mode'))).toBe('one_way_mode');
  });

  it('validates leverage and refuses another margin mode while a position is open', () => {
    const { engine, accountId, submit } = engineFixture();
    expect(codeOf(engine.setLeverage(accountId, BTC, 'cross', dec(0)))).toBe(40040);
    expect(codeOf(engine.setLeverage(accountId, BTC, 'cross', dec(126)))).toBe(40040);
    expect(accepted(engine.setLeverage(accountId, BTC, 'cross', dec(20))).leverage.toFixed()).toBe('20');
    accepted(submit({ side: 1, size: 1 }));
    expect(engine.positions(accountId, BTC)[0]?.leverage.toFixed()).toBe('20');
    expect(codeOf(engine.setLeverage(accountId, BTC, 'isolated', dec(5)))).toBe(40012);
  });

  it('closes the position when a preset stop-loss triggers', () => {
    const { engine, accountId, market, submit } = engineFixture();
    const stop = { price: dec('59000'), priceType: 1 as const };
    const { orderId } = accepted(submit({ side: 1, size: 2, presetStopLoss: stop }));
    const [plan] = engine.currentPlanOrders(accountId, { symbol: BTC });
    expect(plan).toMatchObject({ type: 'stop_loss', planCategory: 2, side: 3, priceWay: 2, size: 0 });
    market.setPrice(BTC, dec('59500'));
    expect(engine.positions(accountId, BTC)[0]?.amount).toBe(2);
    market.setPrice(BTC, dec('58990'));
    expect(engine.positions(accountId, BTC)[0]?.amount).toBe(0);
    const child = engine.orderHistory(accountId, ALL_TIME).find((order) => order.planOrderId === plan?.orderId);
    expect(child).toMatchObject({ side: 3, type: 'market', dealSize: 2, state: 4 });
    expect(child?.orderId).not.toBe(orderId);
    expect(engine.currentPlanOrders(accountId, {})).toHaveLength(0);
  });

  it('fires a plan order on a rise and opens through a child order', () => {
    const { engine, accountId, market } = engineFixture();
    accepted(
      engine.submitPlanOrder(accountId, {
        symbol: BTC,
        side: 1,
        executionType: 'market',
        leverage: dec(10),
        openType: 'cross',
        mode: 1,
        size: 3,
        triggerPrice: dec('60500'),
        priceWay: 1,
        priceType: 1,
      }),
    );
    market.setPrice(BTC, dec('60400'));
    expect(engine.positions(accountId, BTC)[0]?.amount).toBe(0);
    market.setPrice(BTC, dec('60500'));
    expect(engine.positions(accountId, BTC)[0]?.amount).toBe(3);
  });

  it('takes a position TP/SL off when the position closes', () => {
    const { engine, accountId, submit } = engineFixture();
    accepted(submit({ side: 1, size: 1 }));
    const tp = {
      symbol: BTC,
      type: 'take_profit' as const,
      side: 3 as const,
      executivePrice: dec(0),
      priceType: 2 as const,
    };
    accepted(engine.submitTpSl(accountId, { ...tp, triggerPrice: dec('65000') }));
    expect(engine.currentPlanOrders(accountId, { planType: 'profit_loss' })).toHaveLength(1);
    accepted(submit({ side: 3, size: 1 }));
    expect(engine.currentPlanOrders(accountId, {})).toHaveLength(0);
  });

  it('charges funding to longs at the 8-hour settlement', () => {
    const { engine, accountId, clock, submit, usdt } = engineFixture();
    accepted(submit({ side: 1, size: 10 }));
    accepted(submit({ side: 4, size: 4 }));
    const before = usdt().available;
    clock.advance(7 * 3_600_000 - 1);
    expect(engine.transactions(accountId, { ...ALL_TIME, flowType: 3 })).toHaveLength(0);
    clock.advance(1);
    const funding = engine.transactions(accountId, { ...ALL_TIME, flowType: 3 });
    // 0.0001 × 60000 × contracts × 0.001: long 10 pays 0.06, short 4 receives 0.024
    expect(funding.map((row) => row.amount.toFixed()).sort()).toEqual(['-0.06', '0.024']);
    expect(usdt().available.minus(before).toFixed()).toBe('-0.036');
    clock.advance(8 * 3_600_000);
    expect(engine.transactions(accountId, { ...ALL_TIME, flowType: 3 })).toHaveLength(4);
  });

  it('liquidates an isolated long on a price jump through its liquidation price', () => {
    const { engine, accountId, market, submit, usdt, events } = engineFixture();
    accepted(submit({ side: 1, size: 10, openType: 'isolated', leverage: dec(10) }));
    const [long] = engine.positions(accountId, BTC);
    // (600.001 − 60.0001) / (0.01 × 0.996) = 54216.95…, rounded up to the tick
    expect(long?.liquidationPrice.toFixed()).toBe('54217');
    market.setPrice(BTC, dec('54300'));
    expect(engine.positions(accountId, BTC)[0]?.amount).toBe(10);
    market.setPrice(BTC, dec('54000'));
    expect(engine.positions(accountId, BTC)[0]?.amount).toBe(0);
    const clearance = engine.transactions(accountId, { ...ALL_TIME, flowType: 5 });
    expect(clearance.map((row) => row.amount.toFixed())).toEqual(['-60.0001']);
    expect(usdt().available.toFixed()).toBe('9939.6398994'); // 10000 − 0.3600006 fee − 60.0001 margin
    const liquidation = events.find((event) => event.kind === 'order' && event.order.type === 'liquidate');
    expect(liquidation).toMatchObject({ action: 4, order: { state: 4, dealSize: 10 } });
  });

  it('absorbs a cross liquidation shortfall so that no balance turns negative', () => {
    const { engine, accountId, market, submit, usdt } = engineFixture({ balance: '100' });
    accepted(submit({ side: 1, size: 15 }));
    market.setPrice(BTC, dec('40000'));
    expect(engine.positions(accountId)).toHaveLength(0);
    const asset = usdt();
    expect(asset.available.toFixed()).toBe('0');
    expect(asset.equity.toFixed()).toBe('0');
    const ledger = engine.transactions(accountId, { ...ALL_TIME, pageSize: 1000 });
    const total = ledger.reduce((sum, row) => sum.plus(row.amount), dec(100));
    expect(total.toFixed()).toBe('0');
  });
});

import { describe, expect, it } from 'vitest';
import { Dec } from '../../platform/decimal/index.ts';
import { orderRole, planRole } from './tradeOrders.ts';

const none = new Map();

describe('what an order did for a trade', () => {
  it('names the worker’s orders by their client id suffix, the venue’s by trigger, the rest manual', () => {
    const long = (order: Partial<Parameters<typeof orderRole>[0]>) =>
      orderRole({ clientOrderId: '', side: 'close_long', type: 'market', ...order }, 'long', none);
    expect(long({ side: 'open_long', clientOrderId: 'abc0123456789c1' })).toBe('entry');
    expect(long({ clientOrderId: 'mtfLTCUSDTledgerfb44d6f987c1t1' })).toBe('tp1');
    expect(long({ clientOrderId: 'mtfLTCUSDTledgerfb44d6f987c2t1p3' })).toBe('tp1');
    expect(long({ clientOrderId: 'mtfLTCUSDTledgerfb44d6f987c2' })).toBe('close');
    expect(long({ clientOrderId: 'mtfLTCUSDTledgerfb44d6f987c2p2' })).toBe('close');
    expect(long({ type: 'liquidation' })).toBe('liquidation');
    expect(long({ trigger: 'stop_loss' })).toBe('stop_loss');
    expect(long({ trigger: 'take_profit' })).toBe('take_profit');
    expect(long({})).toBe('manual');
    expect(long({ clientOrderId: 'byhand' })).toBe('manual');
  });

  it('names a TP/SL close whose leg the venue does not say by its price against the entry', () => {
    const close = (side: 'long' | 'short', price: string, entry?: string) =>
      orderRole(
        {
          clientOrderId: '',
          side: side === 'long' ? 'close_long' : 'close_short',
          type: 'market',
          trigger: 'take_profit_or_stop_loss',
          averageFillPrice: new Dec(price),
        },
        side,
        none,
        entry === undefined ? undefined : new Dec(entry),
      );
    expect(close('long', '99.5', '100')).toBe('stop_loss');
    expect(close('long', '101', '100')).toBe('take_profit');
    expect(close('short', '101', '100')).toBe('stop_loss');
    expect(close('short', '99', '100')).toBe('take_profit');
    expect(close('long', '99', undefined)).toBe('manual');
  });

  it('names an order a plan submitted (BitMart’s PLAN_<id>) after the plan seen waiting', () => {
    const plans = new Map([['3000097492004577', 'trailing' as const]]);
    expect(
      orderRole({ clientOrderId: 'PLAN_3000097492004577', side: 'close_short', type: 'market' }, 'short', plans),
    ).toBe('trailing');
    expect(orderRole({ clientOrderId: 'PLAN_1', side: 'close_short', type: 'market' }, 'short', plans)).toBe('manual');
  });

  it('names trigger orders: TP1’s, the moved stop, the preset stop, the last target', () => {
    expect(planRole({ clientOrderId: 'basexyzt1', kind: 'take_profit' }, 2)).toBe('tp1');
    expect(planRole({ clientOrderId: 'basexyzt1v3', kind: 'take_profit' }, 2)).toBe('tp1');
    expect(planRole({ clientOrderId: 'basexyzs2', kind: 'stop_loss' }, 2)).toBe('trailing');
    expect(planRole({ clientOrderId: '', kind: 'stop_loss' }, 2)).toBe('stop_loss');
    expect(planRole({ clientOrderId: '', kind: 'take_profit' }, 2)).toBe('tp2');
    expect(planRole({ clientOrderId: '', kind: 'take_profit' }, 1)).toBe('tp1');
    expect(planRole({ clientOrderId: '', kind: 'plan' }, 1)).toBe('manual');
  });
});

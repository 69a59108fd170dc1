import { describe, expect, it } from 'vitest';
import { mergeOrderState, type OrderState, positionSideOfOrderSide, statusRank } from './orderState.ts';

const submitted: OrderState = {
  clientOrderId: 'CLI1',
  orderId: null,
  parentClientOrderId: null,
  symbol: 'BTCUSDT',
  kind: 'ENTRY',
  status: 'SUBMITTED',
  type: 'limit',
  side: '1',
  price: '100.5',
  size: '2',
  dealSize: '0',
  dealAvgPrice: '0',
  leverage: '10',
  submittedAt: new Date('2025-11-05T10:00:00Z'),
};

describe('mergeOrderState', () => {
  it('advances SUBMITTED → PARTIALLY_FILLED → FILLED and keeps the exchange order id once known', () => {
    const partial = { ...submitted, status: 'PARTIALLY_FILLED', orderId: '42', dealSize: '1', dealAvgPrice: '100.4' };
    const filled = { ...submitted, status: 'FILLED', dealSize: '2', dealAvgPrice: '100.45' };
    const state = mergeOrderState(mergeOrderState(submitted, partial), filled);
    expect(state).toMatchObject({ status: 'FILLED', orderId: '42', dealSize: '2', dealAvgPrice: '100.45' });
  });

  it('does not regress a FILLED order on a late SUBMITTED, but learns its missing order id', () => {
    const filled = { ...submitted, status: 'FILLED', dealSize: '2', dealAvgPrice: '100.45' };
    const lateSubmitted = { ...submitted, orderId: '42', submittedAt: new Date('2025-11-05T09:59:59Z') };
    const state = mergeOrderState(filled, lateSubmitted);
    expect(state).toMatchObject({ status: 'FILLED', orderId: '42', dealSize: '2', dealAvgPrice: '100.45' });
    expect(state.submittedAt.toISOString()).toBe('2025-11-05T09:59:59.000Z');
  });

  it('keeps the first end state: CANCELLED after FILLED changes nothing', () => {
    const filled = { ...submitted, status: 'FILLED', dealSize: '2' };
    expect(mergeOrderState(filled, { ...submitted, status: 'CANCELLED' }).status).toBe('FILLED');
  });

  it('grows fills within one status and ignores a stale smaller fill', () => {
    const partialOne = { ...submitted, status: 'PARTIALLY_FILLED', dealSize: '0.5', dealAvgPrice: '100' };
    const partialTwo = { ...submitted, status: 'PARTIALLY_FILLED', dealSize: '1.5', dealAvgPrice: '100.2' };
    expect(mergeOrderState(partialOne, partialTwo)).toMatchObject({ dealSize: '1.5', dealAvgPrice: '100.2' });
    expect(mergeOrderState(partialTwo, partialOne)).toMatchObject({ dealSize: '1.5', dealAvgPrice: '100.2' });
  });

  it('ranks unknown statuses below every known one', () => {
    expect(statusRank('SOMETHING')).toBe(0);
    expect(mergeOrderState(submitted, { ...submitted, status: 'SOMETHING' }).status).toBe('SUBMITTED');
  });
});

describe('positionSideOfOrderSide', () => {
  it('maps BitMart hedge-mode sides to position sides', () => {
    expect(['1', '2', '3', '4', 'x'].map(positionSideOfOrderSide)).toEqual([
      'long',
      'short',
      'long',
      'short',
      undefined,
    ]);
  });
});

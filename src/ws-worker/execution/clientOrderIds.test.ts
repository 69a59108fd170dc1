import { describe, expect, it } from 'vitest';
import {
  clientOrderIdBase,
  closeClientOrderId,
  entryClientOrderId,
  stopClientOrderId,
  targetClientOrderId,
} from './clientOrderIds.ts';

const BITMART_CLIENT_ORDER_ID = /^[A-Za-z0-9]{1,32}$/;

describe('client order ids', () => {
  it('keeps a request id that already is a BitMart client order id', () => {
    expect(clientOrderIdBase('test123')).toBe('test123');
    expect(clientOrderIdBase('A'.repeat(32))).toBe('A'.repeat(32));
  });

  it('maps any other id to its letters and digits and a hash: stable, distinct, valid with every suffix', () => {
    const ids = ['test-order-123', 'test.order.123', 'test_order_123', 'order-65f1a2b3c4d5e', `x-${'y'.repeat(62)}`];
    const bases = ids.map(clientOrderIdBase);
    expect(new Set(bases).size).toBe(ids.length);
    expect(bases.map(clientOrderIdBase)).toEqual(bases); // a base maps to itself
    expect(clientOrderIdBase('test-order-123')).toBe(bases[0]);
    for (const base of bases) {
      expect(base).not.toBe('testorder123');
      const ids = [entryClientOrderId(base, 20), closeClientOrderId(base, 9, 12), targetClientOrderId(base, 2, 99)];
      for (const id of [...ids, stopClientOrderId(base, 999)]) expect(id).toMatch(BITMART_CLIENT_ORDER_ID);
    }
  });

  it('names the parts of a split close apart, the first as an unsplit close', () => {
    expect(closeClientOrderId('abc', 2)).toBe('abcc2');
    expect(closeClientOrderId('abc', 2, 1)).toBe('abcc2');
    expect(closeClientOrderId('abc', 2, 3)).toBe('abcc2p3');
    const long = 'B'.repeat(31);
    expect(closeClientOrderId(long, 2, 3)).toMatch(/^[0-9a-f]{28}c2p3$/);
  });

  it('names the exchange-side stops and targets of a request, each version apart', () => {
    expect(stopClientOrderId('abc', 1)).toBe('abcs1');
    expect(stopClientOrderId('abc', 4)).toBe('abcs4');
    expect(targetClientOrderId('abc', 1, 1)).toBe('abct1');
    expect(targetClientOrderId('abc', 1, 3)).toBe('abct1v3');
    expect(targetClientOrderId('abc', 2, 1)).toBe('abct2');
  });
});

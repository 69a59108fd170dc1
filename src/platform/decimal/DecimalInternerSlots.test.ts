import { describe, expect, it } from 'vitest';
import { DecimalInternerSlots } from './DecimalInternerSlots.ts';

describe('DecimalInternerSlots', () => {
  it('parses each string to its decimal, slot by slot', () => {
    const slots = new DecimalInternerSlots(2);
    expect(slots.parse(0, '95000.1').toFixed()).toBe('95000.1');
    expect(slots.parse(1, '-0.5').toFixed()).toBe('-0.5');
    expect(slots.parse(0, '95000.2').toFixed()).toBe('95000.2');
    expect(slots.parse(1, '7').toNumber()).toBe(7);
  });

  it('shares one instance while a slot alternates between its last two strings', () => {
    const slots = new DecimalInternerSlots(1);
    const bid = slots.parse(0, '100.1');
    const ask = slots.parse(0, '100.2');
    expect(slots.parse(0, '100.1')).toBe(bid);
    expect(slots.parse(0, '100.2')).toBe(ask);
    expect(slots.parse(0, '100.2')).toBe(ask);
    slots.parse(0, '100.3');
    slots.parse(0, '100.4');
    const again = slots.parse(0, '100.1');
    expect(again).not.toBe(bid);
    expect(again.eq(bid)).toBe(true);
  });
});

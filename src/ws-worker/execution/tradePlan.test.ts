import { describe, expect, it } from 'vitest';
import { Dec } from '../../platform/decimal/index.ts';
import {
  betterStop,
  breakEvenStop,
  chandelierStop,
  type FallbackRule,
  fallbackTakerPrice,
  partialFirstTarget,
  targetSizes,
} from './tradePlan.ts';

const d = (value: string | number) => new Dec(value);
const strings = (values: readonly Dec[]) => values.map((value) => value.toFixed());
const CONTRACT = { sizeStep: d(1), minSize: d(1) };
const TWO = [
  { price: d(96_000), fraction: d('0.6') },
  { price: d(97_000), fraction: d(1) },
];

describe('targetSizes', () => {
  it('gives TP1 its fraction rounded down to the step and TP2 the rest', () => {
    expect(strings(targetSizes(d(10), TWO, CONTRACT))).toEqual(['6', '4']);
    expect(strings(targetSizes(d(7), TWO, CONTRACT))).toEqual(['4', '3']); // 4.2 → 4
    expect(partialFirstTarget(targetSizes(d(7), TWO, CONTRACT))?.toFixed()).toBe('4');
  });

  it('puts everything on TP1 when a part would fall below the minimum', () => {
    expect(strings(targetSizes(d(1), TWO, CONTRACT))).toEqual(['1', '0']);
    const minimumFive = { sizeStep: d(1), minSize: d(5) };
    expect(strings(targetSizes(d(12), TWO, minimumFive))).toEqual(['7', '5']); // 7.2 → 7, both at least 5
    expect(strings(targetSizes(d(9), TWO, minimumFive))).toEqual(['9', '0']); // 5.4 → 5 leaves 4
    expect(partialFirstTarget(targetSizes(d(1), TWO, CONTRACT))).toBeUndefined();
  });

  it('gives a single target everything', () => {
    expect(strings(targetSizes(d(10), [TWO[1] as (typeof TWO)[number]], CONTRACT))).toEqual(['10']);
  });
});

describe('stops after TP1', () => {
  it('break-even rounds the entry to the tick toward the profit side', () => {
    expect(breakEvenStop('long', d('94399.93'), d('0.1')).toFixed()).toBe('94400');
    expect(breakEvenStop('short', d('95600.17'), d('0.1')).toFixed()).toBe('95600.1');
  });

  it('the chandelier stands atr_k × atr behind the best price, never tighter than the rule', () => {
    const rule = { atr: d('150.05'), atrK: d('1.5') };
    expect(chandelierStop('long', d(96_500), rule, d('0.1')).toFixed()).toBe('96274.9'); // 96274.925 down
    expect(chandelierStop('short', d(93_500), rule, d('0.1')).toFixed()).toBe('93725.1'); // 93725.075 up
  });

  it('a stop is better when it is higher for a long, lower for a short', () => {
    expect(betterStop('long', d(2), d(1))).toBe(true);
    expect(betterStop('long', d(1), d(1))).toBe(false);
    expect(betterStop('short', d(1), d(2))).toBe(true);
    expect(betterStop('short', d(1), undefined)).toBe(true);
  });
});

describe('fallbackTakerPrice', () => {
  const rule: FallbackRule = { secondsBeforeEnd: 25, maxSpreadBps: d(8), maxSlippageBps: d(10), onlyWithinZone: true };
  const zone = { min: d(100), max: d(110) };
  const quote = { last: d(105), bid: d('104.99'), ask: d('105.01') };

  it('bounds a long at the ask plus the slippage, a short at the bid less it, inside the bound', () => {
    expect(fallbackTakerPrice('long', quote, zone, rule, d('0.01'))).toMatchObject({ ok: true, price: d('105.11') });
    expect(fallbackTakerPrice('short', quote, zone, rule, d('0.01'))).toMatchObject({ ok: true, price: d('104.89') });
  });

  it('refuses outside the zone, without a book, and above the spread limit', () => {
    expect(fallbackTakerPrice('long', { ...quote, last: d(111) }, zone, rule, d('0.01'))).toEqual({
      ok: false,
      reason: 'price 111 is outside the zone',
    });
    expect(fallbackTakerPrice('long', { ...quote, bid: undefined }, zone, rule, d('0.01'))).toMatchObject({
      ok: false,
    });
    const wide = { last: d(105), bid: d(104.9), ask: d(105.1) }; // 19 bps
    expect(fallbackTakerPrice('long', wide, zone, rule, d('0.01'))).toEqual({
      ok: false,
      reason: 'spread 19.05 bps is above 8 bps',
    });
    const anywhere = { ...rule, onlyWithinZone: false };
    expect(fallbackTakerPrice('long', { ...quote, last: d(111) }, zone, anywhere, d('0.01'))).toMatchObject({
      ok: true,
    });
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalFromAscii, decimalFromAsciiIsDirect } from './decimalFromAscii.ts';
import { Dec } from './index.ts';

// Zeros are what the layout strips and pads: make them frequent (leading, trailing, whole runs).
const digit = fc.oneof(
  { weight: 3, arbitrary: fc.constant('0') },
  { weight: 2, arbitrary: fc.constantFrom(...'123456789') },
);
const digits = (maxLength: number) => fc.string({ unit: digit, minLength: 1, maxLength });
const plainDecimal = fc
  .tuple(fc.boolean(), digits(24), fc.option(digits(24), { nil: undefined }))
  .map(
    ([negative, integer, fraction]) =>
      `${negative ? '-' : ''}${integer}${fraction === undefined ? '' : `.${fraction}`}`,
  );

function fromAscii(text: string, padding = ''): Dec {
  // Inside a larger buffer, as in a frame: the value does not start at 0 or end at the buffer's end.
  const bytes = Buffer.from(`${padding}"${text}",`, 'latin1');
  return decimalFromAscii(bytes, padding.length + 1, padding.length + 1 + text.length);
}

/** What decimal.js stores, as plain data (a failing comparison of Dec instances prints poorly). */
function layoutOf(value: Dec): unknown {
  const { s, e, d } = value as unknown as { s: number; e: number; d: number[] };
  return { keys: Object.keys(value), prototype: Object.getPrototypeOf(value) === Dec.prototype, s, e, d: [...d] };
}

describe('decimalFromAscii', () => {
  it('builds values directly with the decimal.js installed (its layout passed the load-time check)', () => {
    expect(decimalFromAsciiIsDirect).toBe(true);
  });

  it('builds exactly what new Dec(text) builds, for any plain decimal', () => {
    fc.assert(
      fc.property(plainDecimal, fc.string({ maxLength: 5 }), (text, padding) => {
        const ours = fromAscii(text, padding.replace(/[^\x20-\x7e]/g, 'x'));
        expect(layoutOf(ours)).toEqual(layoutOf(new Dec(text)));
        expect(ours.toFixed()).toBe(new Dec(text).toFixed());
      }),
      { numRuns: 5_000 },
    );
  });

  it('gives values that compute like any other Dec', () => {
    const price = fromAscii('101661.8');
    expect(price.plus(fromAscii('0.1')).toFixed()).toBe('101661.9');
    expect(price.times(fromAscii('-0.014731')).toFixed()).toBe(new Dec('101661.8').times('-0.014731').toFixed());
    expect(fromAscii('-0').isNegative()).toBe(true);
    expect(fromAscii('0000.000').isZero()).toBe(true);
  });

  it('keeps every digit of a long value, as the Dec constructor does (it does not round to the precision)', () => {
    const text = '123456789012345678901234567890123456789012345678.5';
    expect(fromAscii(text).toFixed()).toBe(text);
  });
});

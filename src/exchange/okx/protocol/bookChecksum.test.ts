import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { okxBookChecksum } from './bookChecksum.ts';

describe('OKX book checksum', () => {
  it('interleaves bids and asks, skips a side that ran out, and is a signed 32-bit integer', () => {
    const bids = [
      ['3366.1', '7', '0', '3'],
      ['3366', '6', '3', '4'],
    ];
    const asks = [['3366.8', '9', '10', '3']];
    const expected = crc32('3366.1:7:3366.8:9:3366:6') | 0;
    expect(okxBookChecksum(bids, asks)).toBe(expected);
    expect(Number.isInteger(expected) && expected >= -(2 ** 31) && expected < 2 ** 31).toBe(true);
  });

  it('reads only the top 25 levels', () => {
    const side = Array.from({ length: 30 }, (_, level) => [String(100 - level), '1', '0', '1']);
    expect(okxBookChecksum(side, [])).toBe(okxBookChecksum(side.slice(0, 25), []));
    expect(okxBookChecksum(side, [])).not.toBe(okxBookChecksum(side.slice(0, 24), []));
  });
});

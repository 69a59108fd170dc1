import { describe, expect, it } from 'vitest';
import { TIMEFRAMES } from '../../port/types.ts';
import { okxBar, okxBarOfCandleChannel, okxBarOfTimeframe, okxBarOpenTime, timeframeOfOkxBar } from './bars.ts';

describe('OKX bars', () => {
  it('names every timeframe, UTC-aligned, and reads it back', () => {
    for (const timeframe of TIMEFRAMES) expect(timeframeOfOkxBar(okxBarOfTimeframe(timeframe))).toBe(timeframe);
    expect(okxBarOfTimeframe('1h')).toBe('1H');
    expect(okxBarOfTimeframe('1d')).toBe('1Dutc');
    expect(timeframeOfOkxBar('1D')).toBeUndefined();
    expect(okxBar('1h')).toBeUndefined();
  });

  it('opens UTC+8 bars at 16:00 UTC and utc bars at midnight', () => {
    const noon = Date.parse('2026-01-10T12:00:00Z');
    expect(new Date(okxBarOpenTime(okxBar('1D')!, noon)).toISOString()).toBe('2026-01-09T16:00:00.000Z');
    expect(new Date(okxBarOpenTime(okxBar('1Dutc')!, noon)).toISOString()).toBe('2026-01-10T00:00:00.000Z');
    expect(new Date(okxBarOpenTime(okxBar('1H')!, noon + 59_999)).toISOString()).toBe('2026-01-10T12:00:00.000Z');
  });

  it('reads candle channels', () => {
    expect(okxBarOfCandleChannel('candle1Dutc')?.bar).toBe('1Dutc');
    expect(okxBarOfCandleChannel('candle7m')).toBeUndefined();
    expect(okxBarOfCandleChannel('tickers')).toBeUndefined();
  });
});

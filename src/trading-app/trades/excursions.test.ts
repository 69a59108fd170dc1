import { describe, expect, it } from 'vitest';
import type { Kline } from '../../exchange/port/types.ts';
import { Dec } from '../../platform/decimal/index.ts';
import { excursions, excursionTimeframe } from './excursions.ts';

const candle = (low: string, high: string): Kline => ({
  symbol: 'BTCUSDT',
  timeframe: '1m',
  openTime: 0,
  open: new Dec(low),
  high: new Dec(high),
  low: new Dec(low),
  close: new Dec(high),
  volume: new Dec(1),
});

const base = {
  entryPrice: new Dec(100),
  largestSize: new Dec(10),
  contractSize: new Dec('0.1'),
  riskUsdt: new Dec(4),
  fillPrices: [new Dec(100)],
};

describe('MAE and MFE', () => {
  it('of a long: the lowest low against the entry, the highest high for it, on the largest size, in R', () => {
    const result = excursions({ ...base, side: 'long', candles: [candle('98', '101'), candle('99.5', '105')] });
    expect(result).toMatchObject({ maePrice: new Dec(98), mfePrice: new Dec(105) });
    expect(result?.maeUsdt.toFixed()).toBe('-2');
    expect(result?.mfeUsdt.toFixed()).toBe('5');
    expect(result?.maeR?.toFixed()).toBe('-0.5');
    expect(result?.mfeR?.toFixed()).toBe('1.25');
  });

  it('of a short: mirrored; a trade that never went against its entry has an MAE of 0', () => {
    const result = excursions({ ...base, side: 'short', candles: [candle('95', '100')] });
    expect(result?.maePrice.toFixed()).toBe('100');
    expect(result?.maeUsdt.isZero()).toBe(true);
    expect(result?.mfeUsdt.toFixed()).toBe('5');
  });

  it('from the fills alone when the venue has no candle, and nothing without either', () => {
    const result = excursions({ ...base, side: 'long', candles: [], fillPrices: [new Dec(100), new Dec(103)] });
    expect(result?.mfePrice.toFixed()).toBe('103');
    expect(excursions({ ...base, side: 'long', candles: [], fillPrices: [] })).toBeUndefined();
  });

  it('reads 1 m candles up to 8 h of holding, coarser beyond, within 500 candles', () => {
    const hour = 3_600_000;
    expect(excursionTimeframe(0, 8 * hour)).toBe('1m');
    expect(excursionTimeframe(0, 9 * hour)).toBe('5m');
    expect(excursionTimeframe(0, 3 * 24 * hour)).toBe('15m');
    expect(excursionTimeframe(0, 400 * 24 * hour)).toBe('1d');
  });
});

import { describe, expect, it } from 'vitest';
import { BacktestParameterError, feesText, parseFees, parseSlippageBps, parseUtcMinute } from './backtestParameters.ts';

describe('backtest parameters', () => {
  it('reads maker,taker decimals and gives them back as written', () => {
    const fees = parseFees('0.0002, 0.0006');
    expect(fees.maker.toFixed()).toBe('0.0002');
    expect(fees.taker.toFixed()).toBe('0.0006');
    expect(feesText(fees)).toBe('0.0002,0.0006');
    expect(feesText(parseFees('0,0'))).toBe('0,0');
  });

  it('refuses one rate, three, a negative one and a percentage written as a decimal', () => {
    for (const text of ['0.0006', '0.1,0.2,0.3', '-0.0001,0.0006', '0.02,0.06', 'a,b', '']) {
      expect(() => parseFees(text), text).toThrow(BacktestParameterError);
    }
    expect(() => parseFees('0.01,0.0006')).toThrow('a rate of 1 % or more is not a futures fee');
  });

  it('reads basis points from 0 to 1000, to two decimals', () => {
    expect(parseSlippageBps('0')).toBe(0);
    expect(parseSlippageBps('2.5')).toBe(2.5);
    expect(parseSlippageBps('1000')).toBe(1000);
    for (const text of ['-1', '1000.01', '1e3', '0.001', 'five', '']) {
      expect(() => parseSlippageBps(text), text).toThrow('expected basis points from 0 to 1000');
    }
  });

  it('reads UTC minutes and refuses a time off the minute', () => {
    expect(parseUtcMinute('2026-01-05')).toBe(Date.UTC(2026, 0, 5));
    expect(parseUtcMinute('2026-01-05T10:30')).toBe(Date.UTC(2026, 0, 5, 10, 30));
    expect(parseUtcMinute('2026-01-05T10:30:00Z')).toBe(Date.UTC(2026, 0, 5, 10, 30));
    expect(() => parseUtcMinute('2026-01-05T10:30:30')).toThrow('is not on a whole minute');
    expect(() => parseUtcMinute('yesterday')).toThrow('is not a UTC date such as 2026-01-01');
  });
});

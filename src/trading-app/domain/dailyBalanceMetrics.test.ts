import { describe, expect, it } from 'vitest';
import { computeDailyBalanceMetrics } from './dailyBalanceMetrics.ts';

describe('computeDailyBalanceMetrics', () => {
  it('opens the first day at its first snapshot when nothing precedes it, then chains closes', () => {
    const metrics = computeDailyBalanceMetrics(undefined, [
      { day: '2025-11-01', firstEquity: '1000.00', lastEquity: '1010.10' },
      { day: '2025-11-02', firstEquity: '1011', lastEquity: '999.999' },
    ]);
    expect(metrics).toEqual([
      { day: '2025-11-01', opening_equity: '1000', closing_equity: '1010.1', pnl: '10.1', roi: '0.0101' },
      { day: '2025-11-02', opening_equity: '1010.1', closing_equity: '999.999', pnl: '-10.101', roi: '-0.01' },
    ]);
  });

  it('opens at the last equity before the period when there is one', () => {
    const [day] = computeDailyBalanceMetrics('200', [{ day: '2025-11-03', firstEquity: '300', lastEquity: '250' }]);
    expect(day).toMatchObject({ opening_equity: '200', pnl: '50', roi: '0.25' });
  });

  it('rounds a non-terminating ROI to 12 decimals', () => {
    const [day] = computeDailyBalanceMetrics(undefined, [{ day: '2025-11-03', firstEquity: '3', lastEquity: '4' }]);
    expect(day?.roi).toBe('0.333333333333');
  });

  it('has no ROI when the day opens at zero equity', () => {
    const [day] = computeDailyBalanceMetrics('0', [{ day: '2025-11-03', firstEquity: '0', lastEquity: '5' }]);
    expect(day).toMatchObject({ pnl: '5', roi: null });
  });
});

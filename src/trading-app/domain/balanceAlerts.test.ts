import { describe, expect, it } from 'vitest';
import { checkBalanceAlerts, nextAlertState } from './balanceAlerts.ts';

const balance = (available: string, frozen: string, equity: string) => ({
  available_balance: available,
  frozen_balance: frozen,
  equity,
});

describe('checkBalanceAlerts', () => {
  it('breaches the minimum when available is strictly below it', () => {
    const [low] = checkBalanceAlerts(balance('49.99', '0', '49.99'), { minAvailable: '50', maxFrozenPercent: '80' });
    expect(low).toMatchObject({ kind: 'low_available_balance', breached: true });
    expect(low?.value.toFixed()).toBe('49.99');
    const [equal] = checkBalanceAlerts(balance('50', '0', '50'), { minAvailable: '50', maxFrozenPercent: '80' });
    expect(equal?.breached).toBe(false);
  });

  it('skips the minimum when the policy has none', () => {
    const checks = checkBalanceAlerts(balance('0', '0', '0'), { minAvailable: undefined, maxFrozenPercent: '80' });
    expect(checks.map((check) => check.kind)).toEqual(['high_frozen_share']);
  });

  it('breaches the frozen share only strictly above the maximum', () => {
    const policy = { minAvailable: undefined, maxFrozenPercent: '80' };
    expect(checkBalanceAlerts(balance('20', '80', '100'), policy)[0]?.breached).toBe(false);
    const [high] = checkBalanceAlerts(balance('19.99', '80.01', '100'), policy);
    expect(high?.breached).toBe(true);
    expect(high?.value.toFixed()).toBe('80.01');
  });

  it('does not breach the frozen share at zero equity', () => {
    const [high] = checkBalanceAlerts(balance('0', '0', '0'), { minAvailable: undefined, maxFrozenPercent: '80' });
    expect(high?.breached).toBe(false);
  });
});

describe('nextAlertState', () => {
  it('fires on the crossing, stays quiet while breached, re-arms when back', () => {
    expect(nextAlertState(false, true)).toEqual({ raised: true, fire: true });
    expect(nextAlertState(true, true)).toEqual({ raised: true, fire: false });
    expect(nextAlertState(true, false)).toEqual({ raised: false, fire: false });
    expect(nextAlertState(false, false)).toEqual({ raised: false, fire: false });
  });
});

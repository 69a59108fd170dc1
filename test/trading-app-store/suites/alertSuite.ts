import { describe, expect, it } from 'vitest';
import type { AlertPolicy } from '../../../src/trading-app/TradingAppServices.ts';
import { balanceSignal, RECEIVED_AT, type StoreFixture } from '../support/storeFixture.ts';

const POLICY: AlertPolicy = { minAvailable: '100', maxFrozenPercent: '80' };

export function alertSuite(fixture: StoreFixture): void {
  describe('balance alerts', () => {
    it('fires low_available_balance once per crossing and re-arms when the balance recovers', async () => {
      const store = fixture.store(POLICY);
      const available = async (amount: string, second: number) =>
        store.ingestBalance(
          balanceSignal({
            available_balance: amount,
            frozen_balance: '0',
            equity: amount,
            timestamp: `2025-11-05T12:00:${String(second).padStart(2, '0')}Z`,
          }),
          RECEIVED_AT,
        );
      await available('150', 1);
      await available('99.99', 2);
      await available('50', 3);
      await available('100', 4);
      await available('10', 5);
      const alerts = await store.alerts({ limit: 10 });
      expect(alerts.map((alert) => [alert.kind, alert.value, alert.threshold])).toEqual([
        ['low_available_balance', '10', '100'],
        ['low_available_balance', '99.99', '100'],
      ]);
      const warnings = fixture.logs.filter((line) => line.level === 40);
      expect(warnings).toHaveLength(2);
      expect(warnings[0]?.msg).toContain('available balance 99.99 USDT is below the minimum of 100 USDT');
    });

    it('fires high_frozen_share above the maximum share of equity, once', async () => {
      const store = fixture.store(POLICY);
      const frozen = (amount: string, second: number) =>
        balanceSignal({
          available_balance: '1000',
          frozen_balance: amount,
          equity: '1000',
          timestamp: `2025-11-05T12:00:0${second}Z`,
        });
      await store.ingestBalance(frozen('800', 1), RECEIVED_AT);
      await store.ingestBalance(frozen('800.5', 2), RECEIVED_AT);
      await store.ingestBalance(frozen('900', 3), RECEIVED_AT);
      const alerts = await store.alerts({ limit: 10 });
      expect(alerts).toEqual([
        expect.objectContaining({
          id: expect.any(String),
          kind: 'high_frozen_share',
          value: '80.05',
          threshold: '80',
          created_at: '2025-11-05T12:00:00.000Z',
        }),
      ]);
    });

    it('ignores a late, older snapshot: it neither re-arms nor fires again', async () => {
      const store = fixture.store(POLICY);
      const at = (amount: string, timestamp: string) =>
        balanceSignal({ available_balance: amount, frozen_balance: '0', equity: amount, timestamp });
      await store.ingestBalance(at('50', '2025-11-05T12:00:10Z'), RECEIVED_AT);
      await store.ingestBalance(at('500', '2025-11-05T12:00:05Z'), RECEIVED_AT);
      await store.ingestBalance(at('40', '2025-11-05T12:00:20Z'), RECEIVED_AT);
      expect(await store.alerts({ limit: 10 })).toHaveLength(1);
    });

    it('fires once when two breaching balances arrive at the same time', async () => {
      const store = fixture.store(POLICY);
      await Promise.all(
        [1, 2, 3].map((second) =>
          store.ingestBalance(
            balanceSignal({
              available_balance: '1',
              frozen_balance: '0',
              equity: '1',
              timestamp: `2025-11-05T12:00:0${second}Z`,
            }),
            RECEIVED_AT,
          ),
        ),
      );
      expect(await store.alerts({ limit: 10 })).toHaveLength(1);
    });

    it('raises nothing without a minimum and at zero equity', async () => {
      const store = fixture.store({ minAvailable: undefined, maxFrozenPercent: '80' });
      await store.ingestBalance(
        balanceSignal({ available_balance: '0', frozen_balance: '0', equity: '0' }),
        RECEIVED_AT,
      );
      expect(await store.alerts({ limit: 10 })).toEqual([]);
    });
  });

  describe('position alerts (close_failed callbacks)', () => {
    it('records position_close_failed for a failed close and position_unprotected when nothing protects it, once each', async () => {
      const store = fixture.store(POLICY);
      const failed = (n: number, unprotected?: boolean) => ({
        status: 'close_failed' as const,
        position_id: 'POS1',
        reason: 'stop_loss' as const,
        error: `40020 position frozen (${n})`,
        trace_id: `POS1-close_failed-${n}`,
        ...(unprotected === undefined ? {} : { unprotected }),
      });
      await store.ingestCallback(failed(1), RECEIVED_AT);
      await store.ingestCallback(failed(1), RECEIVED_AT);
      await store.ingestCallback(failed(2, true), RECEIVED_AT);
      const alerts = await store.alerts({ limit: 10 });
      expect(alerts.map((alert) => [alert.kind, alert.position_id, alert.value, alert.threshold])).toEqual([
        ['position_unprotected', 'POS1', null, null],
        ['position_close_failed', 'POS1', null, null],
      ]);
      expect(alerts[0]?.message).toContain('POS1');
      expect(alerts[0]?.message).toContain('40020 position frozen (2)');
      expect(alerts[1]?.message).toContain('stop_loss');
      const warnings = fixture.logs.filter((line) => line.level >= 40).map((line) => line.msg);
      expect(warnings).toEqual([
        expect.stringContaining('position_close_failed'),
        expect.stringContaining('position_unprotected'),
      ]);
      expect((await store.positions({})).find((row) => row.entry_order_id === 'POS1')).toMatchObject({
        status: 'open',
        last_close_error: '40020 position frozen (2)',
      });
    });
  });
}

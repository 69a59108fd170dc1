import { describe, expect, it } from 'vitest';
import type { TradingAppStore } from '../../../src/trading-app/TradingAppServices.ts';
import { balanceSignal, RECEIVED_AT, type StoreFixture } from '../support/storeFixture.ts';

async function ingestEquities(store: TradingAppStore, snapshots: readonly [string, string][]): Promise<void> {
  for (const [timestamp, equity] of snapshots) {
    await store.ingestBalance(balanceSignal({ timestamp, equity, available_balance: equity }), RECEIVED_AT);
  }
}

export function balanceSuite(fixture: StoreFixture): void {
  describe('balance queries', () => {
    it('has no current balance before the first signal, then the latest by observation time', async () => {
      const store = fixture.store();
      expect(await store.currentBalance()).toBeUndefined();
      await ingestEquities(store, [
        ['2025-11-05T12:00:02Z', '2'],
        ['2025-11-05T12:00:03Z', '3'],
        ['2025-11-05T12:00:01Z', '1'],
      ]);
      expect(await store.currentBalance()).toMatchObject({ equity: '3', timestamp: '2025-11-05T12:00:03.000Z' });
    });

    it('returns raw history oldest first within the range, with exact decimal strings', async () => {
      const store = fixture.store();
      await ingestEquities(store, [
        ['2025-11-05T12:00:00Z', '10000.123456789012'],
        ['2025-11-05T12:00:30Z', '10000.100000000000'],
        ['2025-11-05T12:01:10Z', '9999.999999999999'],
      ]);
      const history = await store.balanceHistory({ interval: 'raw', from: new Date('2025-11-05T12:00:00Z') });
      expect(history.map((row) => [row.timestamp, row.equity])).toEqual([
        ['2025-11-05T12:00:00.000Z', '10000.123456789012'],
        ['2025-11-05T12:00:30.000Z', '10000.100000000000'],
        ['2025-11-05T12:01:10.000Z', '9999.999999999999'],
      ]);
      const bounded = await store.balanceHistory({
        interval: 'raw',
        from: new Date('2025-11-05T12:00:01Z'),
        to: new Date('2025-11-05T12:01:10Z'),
      });
      expect(bounded.map((row) => row.equity)).toEqual(['10000.100000000000', '9999.999999999999']);
      expect(await store.balanceHistory({ interval: 'raw', limit: 1 })).toHaveLength(1);
    });

    it('buckets history by minute, hour and day, keeping the last value of each bucket', async () => {
      const store = fixture.store();
      await ingestEquities(store, [
        ['2025-11-05T23:58:10Z', '1.000000000001'],
        ['2025-11-05T23:58:50Z', '1.000000000002'],
        ['2025-11-05T23:59:59.999Z', '1.000000000003'],
        ['2025-11-06T00:00:00Z', '2.5'],
        ['2025-11-06T01:30:00Z', '2.75'],
      ]);
      const equities = async (interval: 'minute' | 'hour' | 'day') =>
        (await store.balanceHistory({ interval })).map((row) => [row.timestamp, row.equity]);
      expect(await equities('minute')).toEqual([
        ['2025-11-05T23:58:50.000Z', '1.000000000002'],
        ['2025-11-05T23:59:59.999Z', '1.000000000003'],
        ['2025-11-06T00:00:00.000Z', '2.5'],
        ['2025-11-06T01:30:00.000Z', '2.75'],
      ]);
      expect(await equities('hour')).toEqual([
        ['2025-11-05T23:59:59.999Z', '1.000000000003'],
        ['2025-11-06T00:00:00.000Z', '2.5'],
        ['2025-11-06T01:30:00.000Z', '2.75'],
      ]);
      expect(await equities('day')).toEqual([
        ['2025-11-05T23:59:59.999Z', '1.000000000003'],
        ['2025-11-06T01:30:00.000Z', '2.75'],
      ]);
    });

    it('computes daily PnL and ROI over three UTC days, exactly', async () => {
      const store = fixture.store();
      await ingestEquities(store, [
        // Before the window: the opening of its first day.
        ['2025-11-02T22:00:00Z', '999.99'],
        ['2025-11-03T00:00:00Z', '1000.00'],
        ['2025-11-03T12:00:00Z', '1050.123456789'],
        ['2025-11-03T23:59:59Z', '1010.01'],
        ['2025-11-04T08:00:00Z', '1020.02'],
        ['2025-11-05T00:00:01Z', '1000.00'],
        ['2025-11-05T11:59:59Z', '1100.0000000001'],
      ]);
      const metrics = await store.dailyBalanceMetrics(3, new Date('2025-11-05T12:00:00Z'));
      expect(metrics).toEqual([
        { day: '2025-11-03', opening_equity: '999.99', closing_equity: '1010.01', pnl: '10.02', roi: '0.010020100201' },
        {
          day: '2025-11-04',
          opening_equity: '1010.01',
          closing_equity: '1020.02',
          pnl: '10.01',
          roi: '0.009910792962',
        },
        {
          day: '2025-11-05',
          opening_equity: '1020.02',
          closing_equity: '1100.0000000001',
          pnl: '79.9800000001',
          roi: '0.078410227251',
        },
      ]);
      const [today] = await store.dailyBalanceMetrics(1, new Date('2025-11-05T12:00:00Z'));
      expect(today?.day).toBe('2025-11-05');
    });

    it('opens a day at its first snapshot when nothing precedes it', async () => {
      const store = fixture.store();
      await ingestEquities(store, [
        ['2025-11-05T01:00:00Z', '200'],
        ['2025-11-05T02:00:00Z', '250'],
      ]);
      expect(await store.dailyBalanceMetrics(7, new Date('2025-11-05T12:00:00Z'))).toEqual([
        { day: '2025-11-05', opening_equity: '200', closing_equity: '250', pnl: '50', roi: '0.25' },
      ]);
    });
  });
}

import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { BalanceSignal } from '../../../src/contracts/signals/balanceSignal.ts';
import type { OrderSignal } from '../../../src/contracts/signals/orderSignal.ts';
import { MIGRATION_COUNT } from '../support/databaseTargets.ts';
import { balanceSignal, orderSignal, RECEIVED_AT, type StoreFixture } from '../support/storeFixture.ts';

const count = async (fixture: StoreFixture, table: string) => {
  const [row] = await fixture.rows(sql.raw(`select count(*)::int as n from ${table}`));
  return Number(row?.['n']);
};

export function ingestSuite(fixture: StoreFixture): void {
  describe('migrations and ingest', () => {
    it('applies the migrations at open: every table exists, each migration recorded once', async () => {
      const tables = await fixture.rows(
        sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
      );
      expect(tables.map((row) => row['table_name'])).toEqual([
        'alert_states',
        'alerts',
        'audits',
        'backtests',
        'balance_snapshots',
        'callbacks_received',
        'contracts',
        'control_audit',
        'indicator_snapshots',
        'klines',
        'mtf_lock',
        'mtf_runs',
        'mtf_switch',
        'order_events',
        'orders',
        'positions',
        'signals_received',
        'trade_fills',
        'trade_funding',
        'trade_orders',
        'trades',
      ]);
      const [applied] = await fixture.rows(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
      expect(Number(applied?.['n'])).toBe(MIGRATION_COUNT);
    });

    it('stores a trace id once: the second delivery is a duplicate with the same id', async () => {
      const store = fixture.store();
      const signal = balanceSignal();
      const first = await store.ingestBalance(signal, RECEIVED_AT);
      const second = await store.ingestBalance({ ...signal, retry_count: 1 }, RECEIVED_AT);
      expect(first.status).toBe('stored');
      expect(second).toEqual({ status: 'duplicate', id: first.id });
      expect(await count(fixture, 'signals_received')).toBe(1);
      expect(await count(fixture, 'balance_snapshots')).toBe(1);
    });

    it('stores once when several deliveries of one trace id arrive at the same time', async () => {
      const store = fixture.store();
      const signal = orderSignal();
      const outcomes = await Promise.all(
        [0, 1, 2, 3, 4].map((retry) => store.ingestOrder({ ...signal, retry_count: retry }, RECEIVED_AT)),
      );
      expect(outcomes.filter((outcome) => outcome.status === 'stored')).toHaveLength(1);
      expect(new Set(outcomes.map((outcome) => outcome.id)).size).toBe(1);
      expect(await count(fixture, 'signals_received')).toBe(1);
      expect(await count(fixture, 'order_events')).toBe(1);
      expect(await count(fixture, 'orders')).toBe(1);
    });

    it('deduplicates callbacks without a trace id on status and order id, any case', async () => {
      const store = fixture.store();
      const failed = { status: 'failed', order_id: 'order-123', error: 'post only rejected' } as const;
      expect((await store.ingestCallback(failed, RECEIVED_AT)).status).toBe('stored');
      expect((await store.ingestCallback({ ...failed, order_id: 'ORDER-123' }, RECEIVED_AT)).status).toBe('duplicate');
      expect((await store.ingestCallback({ ...failed, status: 'timeout', reason: 'zone' }, RECEIVED_AT)).status).toBe(
        'stored',
      );
      expect(await count(fixture, 'callbacks_received')).toBe(2);
    });

    it('rolls the whole ingest back when a domain write fails: the trace id stays free', async () => {
      const store = fixture.store();
      await fixture.database.drizzle.execute(
        sql`alter table balance_snapshots add constraint test_reject check (equity <> 13.37)`,
      );
      try {
        const signal = balanceSignal({ equity: '13.37' });
        await expect(store.ingestBalance(signal, RECEIVED_AT)).rejects.toThrow();
        expect(await count(fixture, 'signals_received')).toBe(0);
        expect(await count(fixture, 'balance_snapshots')).toBe(0);
        await fixture.database.drizzle.execute(sql`alter table balance_snapshots drop constraint test_reject`);
        expect((await store.ingestBalance(signal, RECEIVED_AT)).status).toBe('stored');
      } finally {
        await fixture.database.drizzle.execute(
          sql`alter table balance_snapshots drop constraint if exists test_reject`,
        );
      }
    });

    it('rolls an order ingest back when its lifecycle event cannot be written', async () => {
      const store = fixture.store();
      await fixture.database.drizzle.execute(
        sql`alter table orders add constraint test_reject check (symbol <> 'FAILUSDT')`,
      );
      try {
        await expect(store.ingestOrder(orderSignal({ symbol: 'FAILUSDT' }), RECEIVED_AT)).rejects.toThrow();
        expect(await count(fixture, 'signals_received')).toBe(0);
        expect(await count(fixture, 'order_events')).toBe(0);
      } finally {
        await fixture.database.drizzle.execute(sql`alter table orders drop constraint if exists test_reject`);
      }
    });

    it('round-trips numeric columns exactly, beyond what a float can hold', async () => {
      const store = fixture.store();
      const amounts = {
        available_balance: '10000.123456789012',
        frozen_balance: '0.000000000000000001',
        equity: '123456789012345678901234.567890123456789',
        unrealized_pnl: '-0.10',
        position_deposit: '0.30000000000000004',
      };
      await store.ingestBalance(balanceSignal(amounts), RECEIVED_AT);
      expect(await store.currentBalance()).toMatchObject(amounts);
    });
  });

  describe('group commit', () => {
    it('stores concurrent deliveries of one trace id once, inside a batch and across batches', async () => {
      // Batches of 3: ten copies land three to a transaction, so some meet their twin in the same
      // transaction and others in a transaction before or beside theirs (two run at once on a server).
      const store = fixture.store(undefined, { maxBatch: 3 });
      const balance = balanceSignal();
      const order = orderSignal();
      const copies = Array.from({ length: 10 }, (_, retry) => retry);
      const outcomes = await Promise.all([
        ...copies.map((retry) => store.ingestBalance({ ...balance, retry_count: retry }, RECEIVED_AT)),
        ...copies.map((retry) => store.ingestOrder({ ...order, retry_count: retry }, RECEIVED_AT)),
      ]);
      const balanceOutcomes = outcomes.slice(0, 10);
      const orderOutcomes = outcomes.slice(10);
      for (const sameTrace of [balanceOutcomes, orderOutcomes]) {
        expect(sameTrace.filter((outcome) => outcome.status === 'stored')).toHaveLength(1);
        expect(new Set(sameTrace.map((outcome) => outcome.id)).size).toBe(1);
      }
      expect(await count(fixture, 'signals_received')).toBe(2);
      expect(await count(fixture, 'balance_snapshots')).toBe(1);
      expect(await count(fixture, 'order_events')).toBe(1);
      // A later batch still knows them.
      const again = await Promise.all([
        store.ingestBalance({ ...balance, retry_count: 11 }, RECEIVED_AT),
        store.ingestBalance(balanceSignal(), RECEIVED_AT),
      ]);
      expect(again[0]).toEqual({ status: 'duplicate', id: balanceOutcomes[0]?.id });
      expect(again[1]?.status).toBe('stored');
      expect(await count(fixture, 'balance_snapshots')).toBe(2);
    });

    it('refuses a signal the database cannot store alone: the others of its batch are stored', async () => {
      const store = fixture.store();
      // Valid for the schema, but PostgreSQL refuses a NUL character in jsonb text.
      const bad = balanceSignal({ context: { source: 'bitmart\u0000ws' } });
      const good = [balanceSignal(), balanceSignal(), orderSignal(), balanceSignal()];
      const results = await Promise.allSettled([
        store.ingestBalance(good[0] as BalanceSignal, RECEIVED_AT),
        store.ingestBalance(good[1] as BalanceSignal, RECEIVED_AT),
        store.ingestBalance(bad, RECEIVED_AT),
        store.ingestOrder(good[2] as OrderSignal, RECEIVED_AT),
        store.ingestBalance(good[3] as BalanceSignal, RECEIVED_AT),
      ]);
      expect(results.map((result) => result.status)).toEqual([
        'fulfilled',
        'fulfilled',
        'rejected',
        'fulfilled',
        'fulfilled',
      ]);
      const stored = await fixture.rows(sql`select trace_id from signals_received order by trace_id`);
      expect(stored.map((row) => row['trace_id'])).toEqual(good.map((signal) => signal.trace_id).sort());
      expect(await count(fixture, 'balance_snapshots')).toBe(3);
      // Once fixed, the refused one is stored on its retry.
      const fixed = await store.ingestBalance({ ...bad, context: { source: 'bitmart_ws' } }, RECEIVED_AT);
      expect(fixed.status).toBe('stored');
    });

    it('folds the balances of one batch in order: an alert fires once however many breach together', async () => {
      const store = fixture.store({ minAvailable: '1000', maxFrozenPercent: '80' });
      const low = (available: string, second: number) =>
        balanceSignal({ available_balance: available, timestamp: `2025-11-05T12:00:0${second}+00:00` });
      await Promise.all(
        [low('10', 1), low('20', 2), low('5000', 3), low('30', 4)].map((signal) =>
          store.ingestBalance(signal, RECEIVED_AT),
        ),
      );
      const fired = await fixture.rows(sql`select kind, value from alerts order by id`);
      // Crossed at 10, recovered at 5000, crossed again at 30.
      expect(fired).toEqual([
        { kind: 'low_available_balance', value: '10' },
        { kind: 'low_available_balance', value: '30' },
      ]);
    });
  });
}

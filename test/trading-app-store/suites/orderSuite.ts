import { describe, expect, it } from 'vitest';
import { orderSignal, RECEIVED_AT, type StoreFixture } from '../support/storeFixture.ts';

export function orderSuite(fixture: StoreFixture): void {
  describe('orders', () => {
    it('follows SUBMITTED → PARTIALLY_FILLED → FILLED and lists the lifecycle in order', async () => {
      const store = fixture.store();
      await store.ingestOrder(orderSignal({ order_id: undefined }), RECEIVED_AT);
      await store.ingestOrder(
        orderSignal({
          status: 'PARTIALLY_FILLED',
          deal_size: '1',
          deal_avg_price: '99950.1',
          submitted_at: '2025-11-05T10:00:05+00:00',
        }),
        RECEIVED_AT,
      );
      await store.ingestOrder(
        orderSignal({
          status: 'FILLED',
          deal_size: '2',
          deal_avg_price: '99950.05',
          submitted_at: '2025-11-05T10:00:09+00:00',
        }),
        RECEIVED_AT,
      );
      const order = await store.order('cli1q2w3e4r5');
      expect(order).toMatchObject({
        client_order_id: 'CLI1Q2W3E4R5',
        order_id: '2311234567',
        status: 'FILLED',
        price: '99950.0',
        size: '2',
        deal_size: '2',
        deal_avg_price: '99950.05',
        submitted_at: '2025-11-05T10:00:00.000Z',
        updated_at: '2025-11-05T12:00:00.000Z',
      });
      expect(order?.lifecycle.map((event) => [event.status, event.source, event.deal_size])).toEqual([
        ['SUBMITTED', 'order_signal', null],
        ['PARTIALLY_FILLED', 'order_signal', '1'],
        ['FILLED', 'order_signal', '2'],
      ]);
    });

    it('keeps a late SUBMITTED as an event without regressing a FILLED order', async () => {
      const store = fixture.store();
      const filled = orderSignal({ status: 'FILLED', deal_size: '2', submitted_at: '2025-11-05T10:00:09+00:00' });
      await store.ingestOrder(filled, RECEIVED_AT);
      await store.ingestOrder(orderSignal({ status: 'SUBMITTED', deal_size: '0' }), RECEIVED_AT);
      const order = await store.order('CLI1Q2W3E4R5');
      expect(order).toMatchObject({ status: 'FILLED', deal_size: '2', submitted_at: '2025-11-05T10:00:00.000Z' });
      expect(order?.lifecycle.map((event) => event.status)).toEqual(['SUBMITTED', 'FILLED']);
    });

    it('lists newest first with filters, and caps the page at 200', async () => {
      const store = fixture.store();
      await store.ingestOrder(
        orderSignal({ client_order_id: 'A1', submitted_at: '2025-11-05T10:00:00Z' }),
        RECEIVED_AT,
      );
      await store.ingestOrder(
        orderSignal({ client_order_id: 'B2', symbol: 'ETHUSDT', submitted_at: '2025-11-05T11:00:00Z' }),
        RECEIVED_AT,
      );
      await store.ingestOrder(
        orderSignal({ client_order_id: 'C3', kind: 'STOP_LOSS', submitted_at: '2025-11-05T09:00:00Z' }),
        RECEIVED_AT,
      );
      const ids = async (query: Parameters<typeof store.orders>[0]) =>
        (await store.orders(query)).map((order) => order.client_order_id);
      expect(await ids({ limit: 50 })).toEqual(['B2', 'A1', 'C3']);
      expect(await ids({ symbol: 'btcusdt', limit: 50 })).toEqual(['A1', 'C3']);
      expect(await ids({ kind: 'STOP_LOSS', limit: 50 })).toEqual(['C3']);
      expect(await ids({ status: 'FILLED', limit: 50 })).toEqual([]);
      expect(await ids({ limit: 1 })).toEqual(['B2']);
      expect(await ids({ limit: 10_000 })).toHaveLength(3);
    });

    it('answers undefined for an unknown order', async () => {
      expect(await fixture.store().order('NOPE')).toBeUndefined();
    });
  });

  describe('callbacks', () => {
    it('opens a position on placed, with the symbol and side of its entry order', async () => {
      const store = fixture.store();
      await store.ingestOrder(orderSignal({ client_order_id: 'order123', side: '4' }), RECEIVED_AT);
      await store.ingestCallback(
        {
          status: 'placed',
          order_id: 'order123',
          exchange_order_id: '2311234567',
          entry_price: '65250.5',
          quantity: '0.01',
          trace_id: 'callback-placed-1',
          timestamp: '2025-11-05T10:00:02Z',
        },
        RECEIVED_AT,
      );
      expect(await store.positions({ status: 'open' })).toEqual([
        expect.objectContaining({
          symbol: 'BTCUSDT',
          side: 'short',
          status: 'open',
          entry_order_id: 'order123',
          entry_price: '65250.5',
          quantity: '0.01',
          opened_at: '2025-11-05T10:00:02.000Z',
          closed_at: null,
        }),
      ]);
      const order = await store.order('ORDER123');
      expect(order?.status).toBe('SUBMITTED');
      expect(order?.lifecycle.at(-1)).toMatchObject({ status: 'PLACED', source: 'callback' });
    });

    it('closes the position on closed with its reason and price, and annotates a failed close', async () => {
      const store = fixture.store();
      await store.ingestCallback(
        { status: 'placed', order_id: 'req1', exchange_order_id: '9', entry_price: '100', quantity: '3' },
        RECEIVED_AT,
      );
      await store.ingestCallback(
        { status: 'close_failed', position_id: 'req1', reason: 'stop_loss', error: 'rate limited' },
        RECEIVED_AT,
      );
      expect((await store.positions({ status: 'open' }))[0]).toMatchObject({ last_close_error: 'rate limited' });
      await store.ingestCallback(
        { status: 'closed', position_id: 'req1', close_order_id: '10', reason: 'take_profit', close_price: '110.25' },
        RECEIVED_AT,
      );
      expect(await store.positions({ status: 'open' })).toEqual([]);
      expect(await store.positions({ status: 'closed' })).toEqual([
        expect.objectContaining({
          symbol: null,
          status: 'closed',
          entry_price: '100',
          quantity: '3',
          close_reason: 'take_profit',
          close_price: '110.25',
          closed_at: RECEIVED_AT.toISOString(),
        }),
      ]);
    });

    it('learns the symbol of a position whose placed callback overtook the order signal', async () => {
      const store = fixture.store();
      await store.ingestCallback(
        { status: 'placed', order_id: 'req7', exchange_order_id: '77', entry_price: '5', quantity: '1' },
        RECEIVED_AT,
      );
      expect((await store.positions({}))[0]).toMatchObject({ symbol: null, side: null });
      await store.ingestOrder(orderSignal({ client_order_id: 'REQ7', order_id: '77', symbol: 'ETHUSDT' }), RECEIVED_AT);
      expect((await store.positions({}))[0]).toMatchObject({ symbol: 'ETHUSDT', side: 'long' });
    });

    it('does not reopen a closed position on a late placed callback', async () => {
      const store = fixture.store();
      await store.ingestCallback(
        { status: 'closed', position_id: 'req9', close_order_id: '2', reason: 'stop_loss', close_price: '90' },
        RECEIVED_AT,
      );
      await store.ingestCallback(
        { status: 'placed', order_id: 'req9', exchange_order_id: '1', entry_price: '100', quantity: '1' },
        RECEIVED_AT,
      );
      expect(await store.positions({})).toEqual([
        expect.objectContaining({ status: 'closed', entry_price: '100', close_price: '90', close_reason: 'stop_loss' }),
      ]);
    });

    it('ends a submitted order on failed or timeout, never a filled one', async () => {
      const store = fixture.store();
      await store.ingestOrder(orderSignal({ client_order_id: 'E1' }), RECEIVED_AT);
      await store.ingestOrder(orderSignal({ client_order_id: 'E2', status: 'FILLED' }), RECEIVED_AT);
      await store.ingestCallback({ status: 'timeout', order_id: 'e1', reason: 'zone not reached' }, RECEIVED_AT);
      await store.ingestCallback({ status: 'failed', order_id: 'E2', error: 'late' }, RECEIVED_AT);
      expect((await store.order('E1'))?.status).toBe('TIMEOUT');
      expect((await store.order('E2'))?.status).toBe('FILLED');
      expect((await store.order('E2'))?.lifecycle.map((event) => event.status)).toEqual(['FILLED', 'FAILED']);
    });
  });
}

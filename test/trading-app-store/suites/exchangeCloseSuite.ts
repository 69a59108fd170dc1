import { describe, expect, it } from 'vitest';
import type { OrderCallback } from '../../../src/contracts/signals/orderCallback.ts';
import type { OrderSignal } from '../../../src/contracts/signals/orderSignal.ts';
import type { TradingAppStore } from '../../../src/trading-app/TradingAppServices.ts';
import { orderSignal, RECEIVED_AT, type StoreFixture, traceId } from '../support/storeFixture.ts';

/** A position of request `id` opened by its entry order (exchange id `entryOrderId`), 2 contracts long. */
async function openLong(store: TradingAppStore, id: string, entryOrderId: string): Promise<void> {
  await store.ingestOrder(
    orderSignal({ client_order_id: id, order_id: entryOrderId, status: 'FILLED', deal_size: '2' }),
    RECEIVED_AT,
  );
  await store.ingestCallback(
    {
      status: 'placed',
      order_id: id,
      exchange_order_id: entryOrderId,
      entry_price: '100',
      quantity: '2',
      trace_id: traceId('placed'),
    },
    RECEIVED_AT,
  );
}

/** The venue's own close of a long: no client order id, sold to close (side 3), filled. */
function exchangeClose(overrides: Partial<OrderSignal>): OrderSignal {
  return orderSignal({
    kind: 'STOP_LOSS',
    status: 'FILLED',
    client_order_id: '',
    order_id: '9000001',
    side: '3',
    type: 'market',
    price: '0',
    deal_size: '2',
    deal_avg_price: '95',
    context: { updated_at: '2025-11-05T11:00:00+00:00' },
    ...overrides,
  });
}

function closedByExchange(positionId: string, overrides: Partial<OrderCallback> = {}): OrderCallback {
  return {
    status: 'closed',
    position_id: positionId,
    close_order_id: '9000001',
    reason: 'exchange',
    close_price: '95',
    trace_id: traceId('closed'),
    timestamp: '2025-11-05T11:00:02+00:00',
    ...overrides,
  } as OrderCallback;
}

async function position(store: TradingAppStore, id: string) {
  return (await store.positions({})).find((row) => row.entry_order_id === id);
}

export function exchangeCloseSuite(fixture: StoreFixture): void {
  describe('orders the platform did not place, and closes the exchange made', () => {
    it('stores an order without client order id under its exchange id, found by it', async () => {
      const store = fixture.store();
      await store.ingestOrder(
        exchangeClose({ kind: 'LIQUIDATION', order_id: '7700', status: 'SUBMITTED', deal_size: '0' }),
        RECEIVED_AT,
      );
      await store.ingestOrder(exchangeClose({ kind: 'LIQUIDATION', order_id: '7700' }), RECEIVED_AT);
      await store.ingestOrder(exchangeClose({ kind: 'MANUAL', order_id: '7701' }), RECEIVED_AT);
      const found = await store.order('7700');
      expect(found).toMatchObject({ client_order_id: '', order_id: '7700', kind: 'LIQUIDATION', status: 'FILLED' });
      expect(found?.lifecycle.map((event) => event.status)).toEqual(['SUBMITTED', 'FILLED']);
      const listed = await store.orders({ limit: 50 });
      expect(listed.map((order) => [order.order_id, order.kind]).sort()).toEqual([
        ['7700', 'LIQUIDATION'],
        ['7701', 'MANUAL'],
      ]);
    });

    it('prefers the order whose client order id is the id asked for over one whose exchange id is', async () => {
      const store = fixture.store();
      await store.ingestOrder(exchangeClose({ order_id: '4242' }), RECEIVED_AT);
      await store.ingestOrder(orderSignal({ client_order_id: '4242', order_id: '1' }), RECEIVED_AT);
      expect((await store.order('4242'))?.client_order_id).toBe('4242');
    });

    it.each([
      ['STOP_LOSS', 'stop_loss'],
      ['TAKE_PROFIT', 'take_profit'],
      ['LIQUIDATION', 'liquidation'],
      ['MANUAL', 'manual'],
    ] as const)('closes the position a filled %s order names by position_id, reason %s', async (kind, reason) => {
      const store = fixture.store();
      await openLong(store, 'REQ1', '8000001');
      await store.ingestOrder(exchangeClose({ kind, position_id: 'req1' }), RECEIVED_AT);
      expect(await position(store, 'REQ1')).toMatchObject({
        status: 'closed',
        close_reason: reason,
        close_price: '95',
        close_order_id: '9000001',
        closed_at: '2025-11-05T11:00:00.000Z',
        entry_price: '100',
      });
    });

    it('finds the position through parent_client_order_id, the order that opened it', async () => {
      const store = fixture.store();
      await openLong(store, 'REQ2', '8000002');
      await store.ingestOrder(exchangeClose({ parent_client_order_id: 'REQ2' }), RECEIVED_AT);
      expect(await position(store, 'REQ2')).toMatchObject({ status: 'closed', close_reason: 'stop_loss' });
    });

    it('ends in the same row whether the closed callback (reason exchange) or the order signal comes first', async () => {
      const store = fixture.store();
      await openLong(store, 'REQ3', '8000003');
      await store.ingestCallback(closedByExchange('REQ3', { close_order_id: '', close_price: '96' }), RECEIVED_AT);
      await store.ingestOrder(exchangeClose({ kind: 'TAKE_PROFIT', position_id: 'REQ3' }), RECEIVED_AT);
      await openLong(store, 'REQ4', '8000004');
      await store.ingestOrder(exchangeClose({ kind: 'TAKE_PROFIT', position_id: 'REQ4' }), RECEIVED_AT);
      await store.ingestCallback(closedByExchange('REQ4', { close_order_id: '', close_price: '96' }), RECEIVED_AT);

      const expected = {
        status: 'closed',
        close_reason: 'take_profit',
        close_price: '95',
        close_order_id: '9000001',
        closed_at: '2025-11-05T11:00:00.000Z',
      };
      expect(await position(store, 'REQ3')).toMatchObject(expected);
      expect(await position(store, 'REQ4')).toMatchObject(expected);
    });

    it('keeps the first telling reason: a later closed callback of the worker does not overwrite it', async () => {
      const store = fixture.store();
      await openLong(store, 'REQ5', '8000005');
      await store.ingestOrder(exchangeClose({ kind: 'LIQUIDATION', position_id: 'REQ5' }), RECEIVED_AT);
      await store.ingestCallback(closedByExchange('REQ5', { reason: 'stop_loss', close_price: '97' }), RECEIVED_AT);
      expect(await position(store, 'REQ5')).toMatchObject({ close_reason: 'liquidation', close_price: '95' });
    });

    it('leaves the position open for a partial manual close, an unfilled close, a close without link, or an entry', async () => {
      const store = fixture.store();
      await openLong(store, 'REQ6', '8000006');
      await store.ingestOrder(
        exchangeClose({ kind: 'MANUAL', position_id: 'REQ6', deal_size: '1', order_id: '9000006' }),
        RECEIVED_AT,
      );
      await store.ingestOrder(
        exchangeClose({ position_id: 'REQ6', status: 'CANCELLED', deal_size: '0', order_id: '9000007' }),
        RECEIVED_AT,
      );
      await store.ingestOrder(exchangeClose({ order_id: '9000008' }), RECEIVED_AT);
      await store.ingestOrder(
        exchangeClose({ kind: 'CLOSE', client_order_id: 'REQ6c1', position_id: 'REQ6', order_id: '9000009' }),
        RECEIVED_AT,
      );
      expect(await position(store, 'REQ6')).toMatchObject({ status: 'open', close_reason: null });
    });

    it('records a close for a position it does not know yet, which a late placed does not reopen', async () => {
      const store = fixture.store();
      await store.ingestOrder(exchangeClose({ position_id: 'REQ7' }), RECEIVED_AT);
      await openLong(store, 'REQ7', '8000010');
      expect(await position(store, 'REQ7')).toMatchObject({
        status: 'closed',
        close_reason: 'stop_loss',
        entry_price: '100',
      });
    });

    it('learns the side and symbol of a position from an entry signal naming it by position_id', async () => {
      const store = fixture.store();
      await store.ingestCallback(
        {
          status: 'placed',
          order_id: 'REQ8',
          exchange_order_id: '8000020',
          entry_price: '3000',
          quantity: '1',
          trace_id: traceId('placed'),
        },
        RECEIVED_AT,
      );
      await store.ingestOrder(
        orderSignal({
          client_order_id: 'REQ8r2',
          position_id: 'REQ8',
          order_id: '8000021',
          symbol: 'ETHUSDT',
          side: '4',
        }),
        RECEIVED_AT,
      );
      expect(await position(store, 'REQ8')).toMatchObject({ symbol: 'ETHUSDT', side: 'short' });
    });
  });
}

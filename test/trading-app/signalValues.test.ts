import { describe, expect, it } from 'vitest';
import { useStoredApiHarness } from './support/apiHarness.ts';
import { balanceSignal, orderSignal } from './support/signing.ts';

/**
 * Values the app would store without sense are refused with a 400 naming the field, before
 * anything is written; every example payload of the seeds stays valid.
 */
const harness = useStoredApiHarness();

const BALANCE = '/api/ws-worker/balance';
const ORDERS = '/api/ws-worker/orders';
const CALLBACK = '/api/orders/callback';
const HUGE_AMOUNT = `1${'0'.repeat(200_000)}`;

async function refused(url: string, payload: Record<string, unknown>, field: string): Promise<void> {
  const response = await harness().post(url, payload);
  expect(response.statusCode, response.body.slice(0, 300)).toBe(400);
  expect(response.json()).toMatchObject({ code: 'invalid_payload', message: expect.stringMatching(`^${field}: `) });
}

describe('signal values the app refuses with 400 naming the field', () => {
  it.each(['available_balance', 'frozen_balance', 'equity', 'position_deposit'])('a negative %s', async (field) => {
    await refused(BALANCE, balanceSignal({ [field]: '-0.01' }), field);
  });

  it('a 200,000-digit amount, in a balance, an order and a callback', async () => {
    await refused(BALANCE, balanceSignal({ equity: HUGE_AMOUNT }), 'equity');
    await refused(ORDERS, orderSignal({ size: HUGE_AMOUNT }), 'size');
    await refused(
      CALLBACK,
      { status: 'closed', position_id: 'P1', close_order_id: '1', reason: 'manual', close_price: HUGE_AMOUNT },
      'close_price',
    );
  });

  it('more than 40 significant digits, even in a short string', async () => {
    await refused(ORDERS, orderSignal({ price: `1.${'1'.repeat(40)}` }), 'price');
  });

  it('a 100 KB client_order_id, an id with spaces or control characters, a 100 KB position_id', async () => {
    await refused(ORDERS, orderSignal({ client_order_id: 'A'.repeat(100_000) }), 'client_order_id');
    await refused(ORDERS, orderSignal({ client_order_id: 'CLI 1' }), 'client_order_id');
    await refused(ORDERS, orderSignal({ client_order_id: 'CLI\u00001' }), 'client_order_id');
    await refused(
      CALLBACK,
      { status: 'failed', order_id: 'X'.repeat(100_000), error: 'insufficient balance' },
      'order_id',
    );
    await refused(
      CALLBACK,
      { status: 'close_failed', position_id: 'B'.repeat(65), reason: 'stop_loss', error: 'e' },
      'position_id',
    );
  });

  it('an empty type, an empty client_order_id without order_id, an over-long side or error text', async () => {
    await refused(ORDERS, orderSignal({ type: '' }), 'type');
    await refused(ORDERS, orderSignal({ client_order_id: '', order_id: undefined }), 'client_order_id');
    await refused(ORDERS, orderSignal({ side: '1'.repeat(1_000) }), 'side');
    await refused(CALLBACK, { status: 'failed', order_id: 'X1', error: 'e'.repeat(5_000) }, 'error');
    await refused(
      CALLBACK,
      { status: 'placed', order_id: 'X1', exchange_order_id: '9', entry_price: -1, quantity: 1 },
      'entry_price',
    );
  });

  it('stores nothing for a refused signal', async () => {
    await refused(ORDERS, orderSignal({ client_order_id: 'NOTSTORED1', size: '-2' }), 'size');
    expect((await harness().get('/api/orders/NOTSTORED1')).statusCode).toBe(404);
  });
});

describe('values the app accepts', () => {
  it('the seeds’ own examples: balance and order signal; callbacks: orderCallback.test.ts', async () => {
    expect((await harness().post(BALANCE, balanceSignal())).statusCode).toBe(202);
    expect((await harness().post(ORDERS, orderSignal())).statusCode).toBe(202);
  });

  it('a negative unrealized PnL, and an order of the venue’s own without client order id', async () => {
    expect((await harness().post(BALANCE, balanceSignal({ unrealized_pnl: '-12.5' }))).statusCode).toBe(202);
    const liquidation = orderSignal({ kind: 'LIQUIDATION', client_order_id: '', order_id: '5550001', side: '3' });
    const response = await harness().post(ORDERS, liquidation);
    expect(response.statusCode, response.body).toBe(202);
    expect(response.json()).toMatchObject({ client_order_id: '', exchange_order_id: '5550001' });
    const shown = (await harness().get('/api/orders/5550001')).json() as {
      data: { kind: string; client_order_id: string };
    };
    expect(shown.data).toMatchObject({ kind: 'LIQUIDATION', client_order_id: '' });
  });
});

import { describe, expect, it } from 'vitest';
import { BalanceSignalSchema, OrderSignalSchema } from '../../src/contracts/signals/index.ts';
import type { Balance, Fill, Order } from '../../src/exchange/port/types.ts';
import { Dec } from '../../src/platform/decimal/index.ts';
import {
  BalanceChangeFilter,
  balanceSignalFrom,
  orderSignalFrom,
  orderSignalKind,
  parentClientOrderId,
} from '../../src/ws-worker/signals/index.ts';

const CREATED = Date.UTC(2025, 10, 5, 10, 0, 0, 123);

function order(overrides: Partial<Order> = {}): Order {
  return {
    orderId: '2311234567',
    clientOrderId: 'CLI1Q2W3E4R5T6Y7A1B2C3D4',
    symbol: 'btcusdt',
    side: 'open_long',
    type: 'limit',
    status: 'pending',
    price: new Dec('99950.0'),
    size: new Dec('2'),
    filledSize: new Dec('0'),
    averageFillPrice: undefined,
    leverage: new Dec('10'),
    marginMode: 'isolated',
    createdAt: CREATED,
    updatedAt: CREATED + 1_000,
    ...overrides,
  };
}

const FILL: Fill = {
  tradeId: 't-1',
  orderId: '2311234567',
  symbol: 'BTCUSDT',
  side: 'open_long',
  price: new Dec('99950'),
  size: new Dec('1'),
  fee: new Dec('0.0599700'),
  role: 'maker',
  realizedPnl: undefined,
  time: CREATED + 5_000,
};

describe('orderSignalFrom', () => {
  it('builds the §1.8 payload of a submission, valid against the order signal schema once retry_count is set', () => {
    const payload = orderSignalFrom(order(), undefined);
    expect(payload).toEqual({
      kind: 'ENTRY',
      status: 'SUBMITTED',
      client_order_id: 'CLI1Q2W3E4R5T6Y7A1B2C3D4',
      order_id: '2311234567',
      symbol: 'BTCUSDT',
      side: '1',
      type: 'limit',
      price: '99950',
      size: '2',
      deal_size: '0',
      deal_avg_price: '0',
      leverage: '10',
      submitted_at: '2025-11-05T10:00:00+00:00',
      context: {
        source: 'bitmart_ws_worker',
        action: 'SUBMIT_ORDER',
        state: 'APPROVAL',
        deal_size: '0',
        deal_avg_price: '0',
        updated_at: '2025-11-05T10:00:01+00:00',
      },
      trace_id: expect.stringMatching(/^[0-9a-f]{32}$/),
      payload_version: '1.0',
    });
    expect(OrderSignalSchema.safeParse({ ...payload, retry_count: 0 }).success).toBe(true);
  });

  it('maps every port status and side, each payload valid against the schema', () => {
    const statuses = {
      pending: 'SUBMITTED',
      open: 'SUBMITTED',
      partially_filled: 'PARTIALLY_FILLED',
      filled: 'FILLED',
      canceled: 'CANCELLED',
    } as const;
    for (const [status, expected] of Object.entries(statuses)) {
      const payload = orderSignalFrom(order({ status: status as Order['status'], filledSize: new Dec('1') }), FILL);
      expect(payload?.status).toBe(expected);
      expect(OrderSignalSchema.parse({ ...payload, retry_count: 3 }).status).toBe(expected);
    }
    const sides = { open_long: '1', close_short: '2', close_long: '3', open_short: '4' } as const;
    for (const [side, expected] of Object.entries(sides)) {
      expect(orderSignalFrom(order({ side: side as Order['side'] }), undefined)?.side).toBe(expected);
    }
  });

  it('carries fills as decimal strings, with the fill in the context and MATCH_DEAL as the action', () => {
    const payload = orderSignalFrom(
      order({ status: 'partially_filled', filledSize: new Dec('1.50'), averageFillPrice: new Dec('99950.10') }),
      FILL,
    );
    expect(payload).toMatchObject({ status: 'PARTIALLY_FILLED', deal_size: '1.5', deal_avg_price: '99950.1' });
    expect(payload?.context).toMatchObject({
      action: 'MATCH_DEAL',
      state: 'CHECK',
      fill: { fee: '0.05997', role: 'maker' },
    });
  });

  it('derives the same trace_id for a replayed event and a different one for each status or fill size', () => {
    const first = orderSignalFrom(order({ status: 'partially_filled', filledSize: new Dec('1') }), FILL);
    const replayed = orderSignalFrom(
      order({ status: 'partially_filled', filledSize: new Dec('1.0'), updatedAt: CREATED + 9_000 }),
      undefined,
    );
    const more = orderSignalFrom(order({ status: 'partially_filled', filledSize: new Dec('1.5') }), FILL);
    const filled = orderSignalFrom(order({ status: 'filled', filledSize: new Dec('2') }), FILL);
    expect(replayed?.trace_id).toBe(first?.trace_id);
    expect(new Set([first?.trace_id, more?.trace_id, filled?.trace_id]).size).toBe(3);
  });

  it('uses "0" for a market order without price and omits absent leverage; skips orders without a client id', () => {
    const payload = orderSignalFrom(order({ type: 'market', price: undefined, leverage: undefined }), undefined);
    expect(payload?.price).toBe('0');
    expect(payload).not.toHaveProperty('leverage');
    expect(orderSignalFrom(order({ clientOrderId: '' }), undefined)).toBeUndefined();
  });

  it('links MTF children to their opening order, as the PHP rule did', () => {
    expect(orderSignalFrom(order({ clientOrderId: 'mtf_abc1_sl_btc_7' }), undefined)?.parent_client_order_id).toBe(
      'MTF_ABC1_OPEN_BTC_7',
    );
    expect(parentClientOrderId('MTF_ABC1_OPEN_BTC_7')).toBeUndefined();
    expect(parentClientOrderId('CLI123')).toBeUndefined();
  });
});

describe('orderSignalKind', () => {
  it.each([
    ['TPSL-BTCUSDT-L-1730800000-SL', 'limit', 'STOP_LOSS'],
    ['TPSL-BTCUSDT-L-1730800000-TP1', 'limit', 'TAKE_PROFIT'],
    ['TPSL-ETHUSDT-S-1730800000-TP2', 'limit', 'TAKE_PROFIT'],
    ['MTF_X_SL_BTCUSDT', 'limit', 'STOP_LOSS'],
    ['mtf_x_tp_btcusdt', 'limit', 'TAKE_PROFIT'],
    ['MY_STOP_LOSS_1', 'limit', 'STOP_LOSS'],
    ['MY_TAKE_PROFIT_1', 'limit', 'TAKE_PROFIT'],
    ['CLISTOPAB12CD34', 'limit', 'ENTRY'],
    ['CLI_TPSL_WORKER', 'limit', 'ENTRY'],
    ['CLISLTP123', 'limit', 'ENTRY'],
    ['CLI123', 'stop_loss', 'STOP_LOSS'],
    ['CLI123', 'take_profit', 'TAKE_PROFIT'],
    ['CLI123', 'market', 'ENTRY'],
  ])('classes %s (type %s) as %s', (clientOrderId, type, expected) => {
    expect(orderSignalKind(clientOrderId, type)).toBe(expected);
  });
});

const BALANCE: Balance = {
  currency: 'USDT',
  available: new Dec('10000.50'),
  frozen: new Dec('500'),
  positionMargin: new Dec('400.00'),
  unrealizedPnl: new Dec('-12.5'),
  equity: new Dec('10888.00'),
};

describe('balanceSignalFrom', () => {
  it('builds the seed 002 payload, valid against the balance signal schema', () => {
    const raw = { currency: 'USDT', available_balance: '10000.50', update_time: 1_762_336_800 };
    const payload = balanceSignalFrom(BALANCE, raw, CREATED);
    expect(payload).toEqual({
      asset: 'USDT',
      available_balance: '10000.5',
      frozen_balance: '500',
      equity: '10888',
      unrealized_pnl: '-12.5',
      position_deposit: '400',
      bonus: '0',
      timestamp: '2025-11-05T10:00:00+00:00',
      trace_id: expect.stringMatching(/^[0-9a-f]{32}$/),
      payload_version: '1.0',
      context: { source: 'bitmart_ws_worker', raw_data: raw },
    });
    expect(BalanceSignalSchema.safeParse({ ...payload, retry_count: 0 }).success).toBe(true);
  });

  it('falls back to the observation time and gives the same balance at the same time the same trace_id', () => {
    const first = balanceSignalFrom(BALANCE, undefined, CREATED);
    expect(first.timestamp).toBe('2025-11-05T10:00:00+00:00');
    expect(balanceSignalFrom(BALANCE, undefined, CREATED).trace_id).toBe(first.trace_id);
    expect(balanceSignalFrom(BALANCE, undefined, CREATED + 1_000).trace_id).not.toBe(first.trace_id);
    expect(balanceSignalFrom(BALANCE, { timestamp: String(CREATED) }, 0).timestamp).toBe(first.timestamp);
  });
});

describe('BalanceChangeFilter', () => {
  it('passes the first balance, then only changes of available, frozen or equity compared as decimals', () => {
    const filter = new BalanceChangeFilter();
    expect(filter.differs(BALANCE)).toBe(true);
    filter.remember(BALANCE);
    expect(filter.differs({ ...BALANCE, available: new Dec('10000.5000') })).toBe(false);
    expect(filter.differs({ ...BALANCE, unrealizedPnl: new Dec('3') })).toBe(false);
    expect(filter.differs({ ...BALANCE, frozen: new Dec('500.01') })).toBe(true);
    expect(filter.differs({ ...BALANCE, equity: new Dec('1') })).toBe(true);
    filter.reset();
    expect(filter.differs(BALANCE)).toBe(true);
  });
});

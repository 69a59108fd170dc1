import { describe, expect, it } from 'vitest';
import { BalanceSignalSchema, OrderSignalSchema } from '../../src/contracts/signals/index.ts';
import { bitmartVenueNames } from '../../src/exchange/bitmart/bitmartVenueNames.ts';
import type { Balance, Fill, Order } from '../../src/exchange/port/types.ts';
import { Dec } from '../../src/platform/decimal/index.ts';
import {
  BalanceChangeFilter,
  balanceSignalFrom,
  fallbackOrderRole,
  kindFromClientOrderId,
  orderRoleOf,
  orderSignalFrom,
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
  it("builds the original's order signal payload of a submission, valid against the order signal schema once retry_count is set", () => {
    const payload = orderSignalFrom(order(), undefined, bitmartVenueNames);
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
      const payload = orderSignalFrom(
        order({ status: status as Order['status'], filledSize: new Dec('1') }),
        FILL,
        bitmartVenueNames,
      );
      expect(payload?.status).toBe(expected);
      expect(OrderSignalSchema.parse({ ...payload, retry_count: 3 }).status).toBe(expected);
    }
    const sides = { open_long: '1', close_short: '2', close_long: '3', open_short: '4' } as const;
    for (const [side, expected] of Object.entries(sides)) {
      expect(orderSignalFrom(order({ side: side as Order['side'] }), undefined, bitmartVenueNames)?.side).toBe(
        expected,
      );
    }
  });

  it('carries fills as decimal strings, with the fill in the context and MATCH_DEAL as the action', () => {
    const payload = orderSignalFrom(
      order({ status: 'partially_filled', filledSize: new Dec('1.50'), averageFillPrice: new Dec('99950.10') }),
      FILL,
      bitmartVenueNames,
    );
    expect(payload).toMatchObject({ status: 'PARTIALLY_FILLED', deal_size: '1.5', deal_avg_price: '99950.1' });
    expect(payload?.context).toMatchObject({
      action: 'MATCH_DEAL',
      state: 'CHECK',
      fill: { fee: '0.05997', role: 'maker' },
    });
  });

  it('derives the same trace_id for a replayed event and a different one for each status or fill size', () => {
    const first = orderSignalFrom(
      order({ status: 'partially_filled', filledSize: new Dec('1') }),
      FILL,
      bitmartVenueNames,
    );
    const replayed = orderSignalFrom(
      order({ status: 'partially_filled', filledSize: new Dec('1.0'), updatedAt: CREATED + 9_000 }),
      undefined,
      bitmartVenueNames,
    );
    const more = orderSignalFrom(
      order({ status: 'partially_filled', filledSize: new Dec('1.5') }),
      FILL,
      bitmartVenueNames,
    );
    const filled = orderSignalFrom(order({ status: 'filled', filledSize: new Dec('2') }), FILL, bitmartVenueNames);
    expect(replayed?.trace_id).toBe(first?.trace_id);
    expect(new Set([first?.trace_id, more?.trace_id, filled?.trace_id]).size).toBe(3);
  });

  it('uses "0" for a market order without price and omits absent leverage', () => {
    const payload = orderSignalFrom(
      order({ type: 'market', price: undefined, leverage: undefined }),
      undefined,
      bitmartVenueNames,
    );
    expect(payload?.price).toBe('0');
    expect(payload).not.toHaveProperty('leverage');
  });

  it('sends an order without client order id (the venue’s own, another tool’s) under its order id, valid', () => {
    const stop = order({
      clientOrderId: '',
      side: 'close_long',
      type: 'other',
      trigger: 'stop_loss',
      status: 'filled',
      filledSize: new Dec('2'),
      averageFillPrice: new Dec('95000'),
    });
    const payload = orderSignalFrom(stop, undefined, bitmartVenueNames);
    expect(payload).toMatchObject({
      kind: 'STOP_LOSS',
      status: 'FILLED',
      client_order_id: '',
      order_id: '2311234567',
      side: '3',
      deal_avg_price: '95000',
      context: { trigger: 'stop_loss' },
    });
    expect(OrderSignalSchema.safeParse({ ...payload, retry_count: 0 }).success).toBe(true);
    expect(orderSignalFrom(order({ clientOrderId: '', orderId: '' }), undefined, bitmartVenueNames)).toBeUndefined();
  });

  it('carries the role it is given: kind, position_id (the request id) and parent', () => {
    const close = order({ clientOrderId: 'REQ7c1', side: 'close_long', type: 'market' });
    const payload = orderSignalFrom(close, undefined, bitmartVenueNames, {
      role: { kind: 'STOP_LOSS', requestId: 'REQ7', parentClientOrderId: 'REQ7r2' },
    });
    expect(payload).toMatchObject({ kind: 'STOP_LOSS', position_id: 'REQ7', parent_client_order_id: 'REQ7r2' });
    expect(OrderSignalSchema.safeParse({ ...payload, retry_count: 0 }).success).toBe(true);
  });

  it('links MTF children to their opening order, as the PHP rule did', () => {
    expect(
      orderSignalFrom(order({ clientOrderId: 'mtf_abc1_sl_btc_7' }), undefined, bitmartVenueNames)
        ?.parent_client_order_id,
    ).toBe('MTF_ABC1_OPEN_BTC_7');
    expect(parentClientOrderId('MTF_ABC1_OPEN_BTC_7')).toBeUndefined();
    expect(parentClientOrderId('CLI123')).toBeUndefined();
  });
});

describe('kindFromClientOrderId', () => {
  it.each([
    ['TPSL-BTCUSDT-L-1730800000-SL', 'STOP_LOSS'],
    ['TPSL-BTCUSDT-L-1730800000-TP1', 'TAKE_PROFIT'],
    ['TPSL-ETHUSDT-S-1730800000-TP2', 'TAKE_PROFIT'],
    ['MTF_X_SL_BTCUSDT', 'STOP_LOSS'],
    ['mtf_x_tp_btcusdt', 'TAKE_PROFIT'],
    ['MY_STOP_LOSS_1', 'STOP_LOSS'],
    ['MY_TAKE_PROFIT_1', 'TAKE_PROFIT'],
    ['CLISTOPAB12CD34', undefined],
    ['CLI_TPSL_WORKER', undefined],
    ['CLISLTP123', undefined],
  ])('classes %s as %s', (clientOrderId, expected) => {
    expect(kindFromClientOrderId(clientOrderId)).toBe(expected);
  });
});

describe('fallbackOrderRole: what an order tells by itself', () => {
  it.each([
    ['the worker’s own entry', { clientOrderId: 'REQ1' }, 'ENTRY'],
    ['a re-placed entry', { clientOrderId: 'REQ1r2' }, 'ENTRY'],
    ['the worker’s own close <id>c<n>', { clientOrderId: 'REQ1c1', side: 'close_long' }, 'CLOSE'],
    ['a short close', { clientOrderId: 'REQ2c3', side: 'close_short' }, 'CLOSE'],
    ['a marked protection', { clientOrderId: 'TPSL-BTCUSDT-L-1-SL', side: 'close_long' }, 'STOP_LOSS'],
    ['a preset stop loss firing', { clientOrderId: '', side: 'close_long', trigger: 'stop_loss' }, 'STOP_LOSS'],
    ['a preset take profit firing', { clientOrderId: '', side: 'close_short', trigger: 'take_profit' }, 'TAKE_PROFIT'],
    ['a liquidation', { clientOrderId: '', side: 'close_long', type: 'liquidation' }, 'LIQUIDATION'],
    ['a close by another tool', { clientOrderId: '', side: 'close_long' }, 'MANUAL'],
    ['an entry by another tool', { clientOrderId: '', side: 'open_short' }, 'MANUAL'],
    ['a plan the user set up', { clientOrderId: 'PLAN_3000097492004577', side: 'close_short' }, 'MANUAL'],
  ] as const)('%s is %s', (_what, overrides, kind) => {
    expect(fallbackOrderRole(order(overrides as Partial<Order>)).kind).toBe(kind);
  });

  it('asks the execution first, and keeps the MTF parent rule when it names no parent', () => {
    const close = order({ clientOrderId: 'REQ1c1', side: 'close_long' });
    expect(orderRoleOf(close, () => ({ kind: 'TAKE_PROFIT', requestId: 'REQ1' }))).toEqual({
      kind: 'TAKE_PROFIT',
      requestId: 'REQ1',
    });
    expect(orderRoleOf(close, () => undefined)).toEqual({ kind: 'CLOSE' });
    const child = order({ clientOrderId: 'MTF_R1_SL_BTC_7', side: 'close_long' });
    expect(orderRoleOf(child, () => ({ kind: 'STOP_LOSS' }))).toEqual({
      kind: 'STOP_LOSS',
      parentClientOrderId: 'MTF_R1_OPEN_BTC_7',
    });
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
  it("builds the seeds' balance payload, valid against the balance signal schema", () => {
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

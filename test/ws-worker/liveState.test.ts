import { describe, expect, it, vi } from 'vitest';
import type { MarketStream, Order, Position, UserStream } from '../../src/exchange/port/index.ts';
import { Dec } from '../../src/platform/decimal/index.ts';
import { LiveState } from '../../src/ws-worker/streams/LiveState.ts';
import { SharedSubscriptions } from '../../src/ws-worker/streams/SharedSubscriptions.ts';

const order = (orderId: string, status: Order['status'], updatedAt: number): Order => ({
  orderId,
  clientOrderId: `C${orderId}`,
  symbol: 'BTCUSDT',
  side: 'open_long',
  type: 'limit',
  status,
  price: new Dec(90000),
  size: new Dec(1),
  filledSize: new Dec(0),
  averageFillPrice: undefined,
  leverage: undefined,
  marginMode: 'isolated',
  createdAt: 1,
  updatedAt,
});

const position = (side: Position['side'], size: string): Position => ({
  symbol: 'BTCUSDT',
  side,
  mode: 'hedge',
  size: new Dec(size),
  entryPrice: new Dec(95000),
  markPrice: undefined,
  leverage: undefined,
  marginMode: 'cross',
  margin: undefined,
  unrealizedPnl: undefined,
  realizedPnl: undefined,
  liquidationPrice: undefined,
  updatedAt: 5,
});

describe('LiveState', () => {
  it('keys positions {symbol}_{position_type} and lets a stream event win over a slower REST read', () => {
    const state = new LiveState();
    const marks = state.generations();
    state.applyUser({ type: 'positions', positions: [position('short', '3')] });
    state.reconciledPositions([position('long', '1')], marks.positions);
    expect([...state.positions().keys()]).toEqual(['BTCUSDT_2']);
  });

  it('never brings back from REST an order the stream saw end', () => {
    const state = new LiveState();
    state.applyUser({ type: 'order', order: order('1', 'canceled', 20), fill: undefined });
    state.reconciledOrders([order('1', 'open', 10), order('2', 'open', 10)]);
    expect(state.openOrders().map((known) => known.orderId)).toEqual(['2']);
  });
});

describe('SharedSubscriptions', () => {
  it('keeps a channel on the wire while another owner still holds it', () => {
    const user = { subscribe: vi.fn(), unsubscribe: vi.fn() } as unknown as UserStream;
    const market = { subscribeKlines: vi.fn(), unsubscribeKlines: vi.fn() } as unknown as MarketStream;
    const shared = new SharedSubscriptions(market, user);
    shared.claimUser('control', ['orders']);
    shared.userFor('execution')?.subscribe(['orders', 'positions']);
    expect(user.subscribe).toHaveBeenNthCalledWith(1, ['orders']);
    expect(user.subscribe).toHaveBeenNthCalledWith(2, ['positions']);
    shared.releaseUser('control', ['orders']);
    expect(user.unsubscribe).not.toHaveBeenCalled();
    expect(shared.userChannelHolders('orders')).toEqual(['execution']);
    shared.userFor('execution')?.unsubscribe(['orders']);
    expect(user.unsubscribe).toHaveBeenCalledWith(['orders']);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, harness, openLong, SYMBOL, settle } from './harness.ts';

const closes = (h: Harness) => h.exchange.submitted.filter((sent) => sent.side === 'close_long');

describe('SL/TP monitor on the in-process simulator', () => {
  let h: Harness;
  afterEach(async () => h.teardown());

  it('closes at market on the stop loss (within the slippage tolerance) and only once', async () => {
    h = await harness();
    await openLong(h, 'sl1');
    h.setPrice(93_040); // ≤ 93000·1.0005 = 93046.5, above the exchange-side stop
    expect(closes(h)).toHaveLength(1); // synchronously, from the price event
    expect(closes(h)[0]).toMatchObject({ type: 'market', clientOrderId: 'sl1c1' });
    expect(closes(h)[0]?.size.toFixed()).toBe('10');
    h.setPrice(93_030); // a second trigger while the close is settling
    await settle();
    h.setPrice(93_020);
    await settle();
    expect(closes(h)).toHaveLength(1);
    expect(await h.venue.exchange.positions(SYMBOL)).toEqual([]);
    const closed = h.outbox.last('closed');
    expect(closed).toMatchObject({ position_id: 'sl1', reason: 'stop_loss', trace_id: 'sl1-closed' });
    expect(Number(closed?.['close_price'])).toBeLessThan(93_040);
    expect(closed?.['close_order_id']).not.toBe('');
    expect(h.outbox.statuses()).toEqual(['placed', 'closed']);
    expect(await h.venue.exchange.planOrders(SYMBOL)).toEqual([]);
    expect(h.execution.status()).toMatchObject({ pending_orders: 0, monitored_positions: 0 });
  });

  it('closes at market on the take profit', async () => {
    h = await harness();
    await openLong(h, 'tp1');
    h.setPrice(96_960); // ≥ 97000·0.9995 = 96951.5
    await settle();
    expect(closes(h)).toHaveLength(1);
    expect(h.outbox.last('closed')).toMatchObject({ position_id: 'tp1', reason: 'take_profit' });
    expect(await h.venue.exchange.positions(SYMBOL)).toEqual([]);
  });

  it('reports a close by the exchange when the preset fires first, as a stop-loss exit', async () => {
    h = await harness();
    await openLong(h, 'ex1');
    await h.execution.stop(); // nobody watches while the price crosses the stop
    h.setPrice(92_900);
    expect(await h.venue.exchange.positions(SYMBOL)).toEqual([]);
    await h.restart();
    await settle();
    // The price read at start-up is past the stop: a close may be tried before the venue is read,
    // and is refused (nothing to reduce). Either way the position is reported closed by the exchange.
    const history = await h.venue.exchange.orderHistory(SYMBOL);
    expect(history.filter((order) => order.clientOrderId.startsWith('ex1c') && order.filledSize.gt(0))).toEqual([]);
    expect(h.outbox.statuses()).toEqual(['placed', 'closed']);
    expect(h.outbox.last('closed')).toMatchObject({ position_id: 'ex1', reason: 'stop_loss', closed_quantity: '10' });
    expect(h.outbox.last('closed')?.['close_order_id']).not.toBe('');
    expect(h.execution.status().monitored_positions).toBe(0);
  });

  it('reports a close by another tool, seen on the positions stream, as manual', async () => {
    h = await harness();
    await openLong(h, 'ex2');
    const [position] = await h.venue.exchange.positions(SYMBOL);
    if (!position) throw new Error('no position');
    // Someone closes it by hand on the venue: the position push shows it gone.
    await h.venue.exchange.submitOrder({
      symbol: SYMBOL,
      clientOrderId: 'manual1',
      side: 'close_long',
      type: 'market',
      size: position.size,
    });
    await settle();
    expect(h.outbox.last('closed')).toMatchObject({ position_id: 'ex2', reason: 'manual' });
    h.setPrice(92_000);
    expect(closes(h)).toHaveLength(0);
  });
});

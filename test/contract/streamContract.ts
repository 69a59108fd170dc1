import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  FuturesExchange,
  MarketEvent,
  MarketStream,
  StreamEvent,
  UserEvent,
  UserStream,
} from '../../src/exchange/port/index.ts';
import { Dec } from '../../src/platform/decimal/index.ts';
import { waitFor } from '../support/waitFor.ts';
import { newClientOrderId, priceAtFactor } from './contractKit.ts';

/** What the stream contracts need: the stream, an exchange on the same account and market, time. */
export interface StreamHarness<S> {
  readonly stream: S;
  readonly exchange: FuturesExchange;
  readonly symbol: string;
  readonly controllableTime: boolean;
  setPrice(symbol: string, price: Dec): Promise<void>;
  advance(ms: number): Promise<void>;
  teardown(): Promise<void>;
}

type Setup<S> = () => Promise<StreamHarness<S>>;

function withHarness<S>(setup: Setup<S>): () => StreamHarness<S> {
  let harness: StreamHarness<S> | undefined;
  beforeEach(async () => {
    harness = await setup();
  });
  afterEach(async () => {
    await harness?.teardown();
    harness = undefined;
  });
  return () => {
    if (!harness) throw new Error('the stream harness is not set up');
    return harness;
  };
}

function record<E>(stream: { onEvent(listener: (event: E) => void): unknown }): E[] {
  const events: E[] = [];
  stream.onEvent((event) => events.push(event));
  return events;
}

async function untilSubscribed(stream: MarketStream | UserStream, topics: number): Promise<void> {
  await waitFor(() => stream.health().filter((topic) => topic.subscribed).length >= topics, `${topics} topics`);
}

/** A price a little above the last one, on the tick. */
function nudgedPrice(exchange: FuturesExchange, symbol: string, factor = 1.001): Promise<Dec> {
  return priceAtFactor(exchange, symbol, factor);
}

/** The port's `MarketStream` contract (docs/style.md#test-style). */
export function describeMarketStreamContract(name: string, setup: Setup<MarketStream>): void {
  describe(`MarketStream contract: ${name}`, () => {
    const harness = withHarness(setup);

    it('announces that it is connected when started', async () => {
      const { stream } = harness();
      const statuses: StreamEvent[] = [];
      stream.onStatus((event) => statuses.push(event));
      stream.subscribeTicker(harness().symbol);
      await stream.start();
      await waitFor(() => statuses.some((event) => event.type === 'connected'), 'connected');
    });

    it('reports the forming candle of each subscribed timeframe after a price change', async () => {
      const { stream, exchange, symbol, setPrice } = harness();
      const events = record<MarketEvent>(stream);
      stream.subscribeKlines(symbol, ['1m', '5m']);
      await stream.start();
      await untilSubscribed(stream, 2);
      const price = await nudgedPrice(exchange, symbol);
      await setPrice(symbol, price);
      for (const timeframe of ['1m', '5m'] as const) {
        await waitFor(
          () =>
            events.some(
              (event) =>
                event.type === 'kline' &&
                event.kline.symbol === symbol &&
                event.kline.timeframe === timeframe &&
                event.kline.close.eq(price),
            ),
          `${timeframe} kline closing at ${price}`,
        );
      }
    });

    it('closes each candle exactly once, in order, when time passes its end', async (context) => {
      if (!harness().controllableTime) context.skip();
      const { stream, exchange, symbol, setPrice, advance } = harness();
      const events = record<MarketEvent>(stream);
      stream.subscribeKlines(symbol, ['1m']);
      await stream.start();
      await untilSubscribed(stream, 1);
      await setPrice(symbol, await nudgedPrice(exchange, symbol));
      const formingOpen = Math.floor((await exchange.serverTime()) / 60_000) * 60_000;
      // The stream has seen the forming candle: its closing is then owed, however slow the subscription.
      await waitFor(
        () => events.some((event) => event.type === 'kline' && event.kline.openTime === formingOpen),
        'the forming candle',
      );
      const closed = () => events.flatMap((event) => (event.type === 'kline_closed' ? [event.kline.openTime] : []));
      await advance(formingOpen + 60_000 - (await exchange.serverTime()) + 1_000);
      await waitFor(() => closed().length >= 1, 'the first closed candle');
      await advance(60_000);
      await waitFor(() => closed().length >= 2, 'the second closed candle');
      expect(closed().slice(0, 2)).toEqual([formingOpen, formingOpen + 60_000]);
      expect(new Set(closed()).size).toBe(closed().length);
    });

    it('reports ticker and trade events after a price change', async () => {
      const { stream, exchange, symbol, setPrice } = harness();
      const events = record<MarketEvent>(stream);
      stream.subscribeTicker(symbol);
      stream.subscribeTrades(symbol);
      await stream.start();
      await untilSubscribed(stream, 2);
      const price = await nudgedPrice(exchange, symbol, 1.002);
      await setPrice(symbol, price);
      await waitFor(
        () => events.some((event) => event.type === 'ticker' && event.ticker.lastPrice.eq(price)),
        `a ticker at ${price}`,
      );
      await waitFor(
        () => events.some((event) => event.type === 'trade' && event.trade.price.eq(price)),
        `a trade at ${price}`,
      );
      const topics = stream.health();
      expect(topics.some((topic) => topic.subscribed && topic.lastMessageAt !== undefined)).toBe(true);
    });
  });
}

/** The port's `UserStream` contract (docs/style.md#test-style). */
export function describeUserStreamContract(name: string, setup: Setup<UserStream>): void {
  describe(`UserStream contract: ${name}`, () => {
    const harness = withHarness(setup);

    it('reports the order, the position and the balance after a market order fills', async () => {
      const { stream, exchange, symbol } = harness();
      const events = record<UserEvent>(stream);
      stream.subscribe(['orders', 'positions', 'balance']);
      await stream.start();
      await untilSubscribed(stream, 3);
      const size = new Dec(1);
      const clientOrderId = newClientOrderId();
      const ack = await exchange.submitOrder({ symbol, clientOrderId, side: 'open_long', type: 'market', size });
      const ofOrder = () =>
        events.flatMap((event) => (event.type === 'order' && event.order.orderId === ack.orderId ? [event] : []));
      await waitFor(() => ofOrder().some((event) => event.order.status === 'filled'), 'the filled order event');
      expect(ofOrder().some((event) => event.fill?.size.gt(0) === true)).toBe(true);
      expect(ofOrder()[0]?.order.clientOrderId).toBe(clientOrderId);
      await waitFor(
        () =>
          events.some(
            (event) =>
              event.type === 'positions' &&
              event.positions.some((position) => position.symbol === symbol && position.side === 'long'),
          ),
        'a positions event with the long',
      );
      await waitFor(
        () => events.some((event) => event.type === 'balance' && event.balance.currency === 'USDT'),
        'a USDT balance event',
      );
    });

    it('reports the close a position stop-loss submits when its trigger is crossed, named as such', async () => {
      const { stream, exchange, symbol, setPrice } = harness();
      const events = record<UserEvent>(stream);
      stream.subscribe(['orders']);
      await stream.start();
      await untilSubscribed(stream, 1);
      const size = new Dec(1);
      await exchange.submitOrder({
        symbol,
        clientOrderId: newClientOrderId(),
        side: 'open_long',
        type: 'market',
        size,
      });
      const trigger = await priceAtFactor(exchange, symbol, 0.9);
      await exchange.submitPositionTpSl({
        symbol,
        kind: 'stop_loss',
        positionSide: 'long',
        triggerPrice: trigger,
        priceSource: 'last',
      });
      await setPrice(symbol, await priceAtFactor(exchange, symbol, 0.85));
      await waitFor(
        () =>
          events.some(
            (event) =>
              event.type === 'order' &&
              event.order.trigger === 'stop_loss' &&
              event.order.side === 'close_long' &&
              event.order.status === 'filled',
          ),
        'the filled stop-loss close',
      );
    });

    it('reports a canceled limit order', async () => {
      const { stream, exchange, symbol } = harness();
      const events = record<UserEvent>(stream);
      stream.subscribe(['orders']);
      await stream.start();
      await untilSubscribed(stream, 1);
      const price = await priceAtFactor(exchange, symbol, 0.8);
      const request = { symbol, clientOrderId: newClientOrderId(), side: 'open_long' as const, type: 'limit' as const };
      const ack = await exchange.submitOrder({ ...request, size: new Dec(1), price });
      await exchange.cancelOrder({ symbol, orderId: ack.orderId });
      await waitFor(
        () =>
          events.some(
            (event) =>
              event.type === 'order' && event.order.orderId === ack.orderId && event.order.status === 'canceled',
          ),
        'the canceled order event',
      );
    });
  });
}

import { afterEach, describe, expect, it } from 'vitest';
import { type Dec, toWire } from '../../../platform/decimal/index.ts';
import { type Harness, startHarness, type TestClient } from './testHarness.ts';

let harness: Harness | undefined;

async function start(): Promise<Harness> {
  harness = await startHarness();
  return harness;
}

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function subscribe(client: TestClient, group: string): Promise<void> {
  client.send({ action: 'subscribe', args: [group] });
  expect(await client.nextReply('subscribe')).toMatchObject({ group, success: true });
}

/** A price one percent away from the current one, on the contract's tick. */
function movedPrice(h: Harness, symbol: string, ratio = '1.01'): Dec {
  const tick = h.market.contract(symbol)!.tickSize;
  return h.market.lastPrice(symbol).mul(ratio).div(tick).floor().mul(tick);
}

describe('public futures channels', () => {
  it('pushes the forming candle under the group exactly as subscribed, upper-case 1H included', async () => {
    const h = await start();
    const client = await h.connect();
    await subscribe(client, 'futures/klineBin1H:BTCUSDT');
    const snapshot = await client.nextPush('futures/klineBin1H:BTCUSDT');
    expect(snapshot.data).toMatchObject({ symbol: 'BTCUSDT', items: [expect.any(Object)] });
    const price = movedPrice(h, 'BTCUSDT');
    h.market.setPrice('BTCUSDT', price);
    const push = await client.nextPush('futures/klineBin1H:BTCUSDT');
    const candle = h.market.currentCandle('BTCUSDT', 60);
    expect(push).toEqual({
      group: 'futures/klineBin1H:BTCUSDT',
      data: {
        symbol: 'BTCUSDT',
        items: [
          {
            o: toWire(candle.open),
            h: toWire(candle.high),
            l: toWire(candle.low),
            c: toWire(price),
            v: String(candle.volume),
            ts: candle.openTime,
          },
        ],
      },
    });
    expect(candle.openTime % 3600).toBe(0);
  });

  it('echoes a lower-case kline alias as subscribed', async () => {
    const h = await start();
    const client = await h.connect();
    await subscribe(client, 'futures/klineBin1h:BTCUSDT');
    expect(await client.nextPush('futures/klineBin1h:BTCUSDT')).toHaveProperty('data.items');
  });

  it('pushes the final state of a closed candle before the first push of the next one', async () => {
    const h = await start();
    const client = await h.connect();
    await subscribe(client, 'futures/klineBin1m:BTCUSDT');
    const opening = (await client.nextPush('futures/klineBin1m:BTCUSDT')) as {
      data: { items: [{ ts: number }] };
    };
    const firstOpen = opening.data.items[0].ts;
    h.market.setPrice('BTCUSDT', movedPrice(h, 'BTCUSDT', '1.002'));
    await client.nextPush('futures/klineBin1m:BTCUSDT');
    const finalClose = toWire(h.market.lastPrice('BTCUSDT'));
    h.clock.advance(60_000);
    h.market.setPrice('BTCUSDT', movedPrice(h, 'BTCUSDT', '0.995'));
    const pushes = await client.drainUntilPong();
    const items = pushes.map((push) => (push.json as { data: { items: [{ ts: number; c: string }] } }).data.items[0]);
    expect(items.map((item) => item.ts)).toEqual([firstOpen, firstOpen + 60]);
    expect(items[0]?.c).toBe(finalClose);
  });

  it('pushes a per-symbol ticker under the @100ms group on every tick', async () => {
    const h = await start();
    const client = await h.connect();
    await subscribe(client, 'futures/ticker:BTCUSDT');
    await client.nextPush('futures/ticker:BTCUSDT@100ms');
    const price = movedPrice(h, 'BTCUSDT');
    h.market.setPrice('BTCUSDT', price);
    const push = await client.nextPush('futures/ticker:BTCUSDT@100ms');
    expect(Object.keys(push.data as object)).toEqual([
      'symbol',
      'last_price',
      'volume_24',
      'range',
      'mark_price',
      'index_price',
      'ask_price',
      'ask_vol',
      'bid_price',
      'bid_vol',
    ]);
    expect(push.data).toMatchObject({ symbol: 'BTCUSDT', last_price: toWire(price) });
  });

  it('pushes the legacy all-symbol ticker once per listed symbol', async () => {
    const h = await start();
    const client = await h.connect();
    await subscribe(client, 'futures/ticker');
    const pushes = await client.drainUntilPong();
    const symbols = pushes.map((push) => (push.json as { group: string; data: { symbol: string } }).data.symbol);
    expect(symbols).toEqual(h.market.contracts().map((contract) => contract.symbol));
    expect(pushes.every((push) => push.json?.group === 'futures/ticker')).toBe(true);
  });

  it('pushes depth as one message per side, bids then asks, capped at the subscribed levels', async () => {
    const h = await start();
    const client = await h.connect();
    const group = 'futures/depth20:BTCUSDT@200ms';
    await subscribe(client, group);
    await client.drainUntilPong();
    h.market.setPrice('BTCUSDT', movedPrice(h, 'BTCUSDT'));
    const [bids, asks, ...rest] = await client.drainUntilPong();
    expect(rest).toEqual([]);
    expect(bids?.json).toMatchObject({ group, data: { symbol: 'BTCUSDT', way: 1 } });
    expect(asks?.json).toMatchObject({ group, data: { symbol: 'BTCUSDT', way: 2 } });
    const depths = (asks?.json as { data: { depths: { price: string; vol: string }[]; ms_t: number } } | undefined)!
      .data;
    expect(depths.depths.length).toBeGreaterThan(0);
    expect(depths.depths.length).toBeLessThanOrEqual(20);
    expect(depths.ms_t).toBe(h.clock.now());
  });

  it('pushes a trade for each tick that carries one, as an array with a string id', async () => {
    const h = await start();
    const client = await h.connect();
    await subscribe(client, 'futures/trade:BTCUSDT');
    const price = movedPrice(h, 'BTCUSDT');
    const tick = h.market.setPrice('BTCUSDT', price);
    const push = await client.nextPush('futures/trade:BTCUSDT');
    expect(push.data).toEqual([
      {
        trade_id: tick.trade?.tradeId,
        symbol: 'BTCUSDT',
        deal_price: toWire(price),
        deal_vol: String(tick.trade?.size),
        way: tick.trade?.buyerIsMaker ? 5 : 1,
        m: tick.trade?.buyerIsMaker,
        created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/),
      },
    ]);
  });

  it('pushes funding on subscribe, every minute, and once per request', async () => {
    const h = await start();
    const client = await h.connect();
    const group = 'futures/fundingRate:BTCUSDT';
    await subscribe(client, group);
    const first = await client.nextPush(group);
    expect(first.data).toMatchObject({ symbol: 'BTCUSDT', ts: h.clock.now() });
    h.clock.advance(60_000);
    expect((await client.nextPush(group)).data).toMatchObject({ ts: h.clock.now() });
    client.send({ action: 'request', args: [group] });
    expect((await client.next()).json).toMatchObject({ group, data: { symbol: 'BTCUSDT' } });
  });

  it('stops pushing a topic once unsubscribed', async () => {
    const h = await start();
    const client = await h.connect();
    await subscribe(client, 'futures/klineBin1m:BTCUSDT');
    client.send({ action: 'unsubscribe', args: ['futures/klineBin1m:BTCUSDT'] });
    await client.nextReply('unsubscribe');
    h.market.setPrice('BTCUSDT', movedPrice(h, 'BTCUSDT'));
    expect(await client.drainUntilPong()).toEqual([]);
    expect(h.stats().subscriptions).toBe(0);
  });

  it('sends every subscriber the same bytes for one tick', async () => {
    const h = await start();
    const first = await h.connect();
    const second = await h.connect();
    await subscribe(first, 'futures/klineBin5m:ETHUSDT');
    await subscribe(second, 'futures/klineBin5m:ETHUSDT');
    await first.drainUntilPong();
    await second.drainUntilPong();
    h.market.setPrice('ETHUSDT', movedPrice(h, 'ETHUSDT'));
    const [a] = await first.drainUntilPong();
    const [b] = await second.drainUntilPong();
    expect(a?.text).toBe(b?.text);
    expect(h.stats()).toEqual({ connections: 2, subscriptions: 2 });
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServerTestKit, type ServerTestKit } from '../serverTestKit.ts';

const DECIMAL = /^-?\d+(\.\d+)?$/;

describe('public market endpoints', () => {
  let kit: ServerTestKit;
  beforeEach(async () => {
    kit = await createServerTestKit();
  });
  afterEach(async () => kit.close());

  it('lists every contract with the fields of the BitMart details sample', async () => {
    const body = (await kit.publicGet('/contract/public/details')).json();
    expect(body.data.symbols.length).toBe(kit.market.contracts().length);
    const btc = body.data.symbols.find((row: { symbol: string }) => row.symbol === 'BTCUSDT');
    expect(btc).toMatchObject({
      symbol: 'BTCUSDT',
      product_type: 1,
      status: 'Trading',
      base_currency: 'BTC',
      quote_currency: 'USDT',
      contract_size: '0.001',
      price_precision: '0.1',
      vol_precision: '1',
      min_volume: '1',
      max_volume: '500000',
      market_max_volume: '200000',
      min_leverage: '1',
      max_leverage: '125',
      funding_interval_hours: expect.any(Number),
      funding_time: expect.any(Number),
      open_timestamp: 1594080000000,
      expire_timestamp: 0,
      delist_time: 0,
    });
    for (const field of [
      'last_price',
      'index_price',
      'volume_24h',
      'turnover_24h',
      'funding_rate',
      'high_24h',
      'low_24h',
    ]) {
      expect(btc[field]).toMatch(DECIMAL);
    }
  });

  it('filters details by symbol and answers 40034 for an unknown one', async () => {
    const one = (await kit.publicGet('/contract/public/details?symbol=ETHUSDT')).json();
    expect(one.data.symbols.map((row: { symbol: string }) => row.symbol)).toEqual(['ETHUSDT']);
    const unknown = await kit.publicGet('/contract/public/details?symbol=NOPEUSDT');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().code).toBe(40034);
  });

  it('serves depth as [price, size, cumulative] strings, at most 50 per side', async () => {
    const body = (await kit.publicGet('/contract/public/depth?symbol=BTCUSDT')).json();
    const { asks, bids, symbol, timestamp } = body.data;
    expect(symbol).toBe('BTCUSDT');
    expect(timestamp).toBe(kit.clock.now());
    expect(asks.length).toBeGreaterThan(0);
    expect(asks.length).toBeLessThanOrEqual(50);
    expect(bids.length).toBeLessThanOrEqual(50);
    const [first, second] = asks as [string, string, string][];
    expect(first?.[2]).toBe(first?.[1]);
    expect(Number(second?.[2])).toBe(Number(first?.[2]) + Number(second?.[1]));
    expect(Number(asks[0][0])).toBeGreaterThan(Number(bids[0][0]));
  });

  it('serves klines ascending in seconds, like ccxt asks for them', async () => {
    const end = Math.floor(kit.clock.now() / 1000);
    const response = await kit.publicGet(
      `/contract/public/kline?symbol=BTCUSDT&step=5&start_time=${end - 3600}&end_time=${end}`,
    );
    const candles = response.json().data;
    expect(candles.length).toBeGreaterThanOrEqual(12);
    expect(Object.keys(candles[0]).sort()).toEqual(
      ['close_price', 'high_price', 'low_price', 'open_price', 'timestamp', 'volume'].sort(),
    );
    expect(candles[0].timestamp % 300).toBe(0);
    expect(candles[1].timestamp - candles[0].timestamp).toBe(300);
    expect(candles[0].open_price).toMatch(DECIMAL);
  });

  it('answers 40038 for a step not in the list and 40007 without start/end times', async () => {
    const end = Math.floor(kit.clock.now() / 1000);
    const badStep = await kit.publicGet(
      `/contract/public/kline?symbol=BTCUSDT&step=7&start_time=${end - 60}&end_time=${end}`,
    );
    expect(badStep.json().code).toBe(40038);
    const noRange = await kit.publicGet('/contract/public/kline?symbol=BTCUSDT&step=1');
    expect(noRange.json().code).toBe(40007);
  });

  it('serves mark-price klines in the same shape', async () => {
    const end = Math.floor(kit.clock.now() / 1000);
    const body = (
      await kit.publicGet(
        `/contract/public/markprice-kline?symbol=ETHUSDT&step=1&start_time=${end - 300}&end_time=${end}`,
      )
    ).json();
    expect(body.data.length).toBeGreaterThan(0);
    expect(body.data[0]).toHaveProperty('close_price');
  });

  it('serves recent trades with qty in base coin and time in seconds, 50 by default', async () => {
    kit.market.start();
    kit.clock.advance(60_000);
    const body = (await kit.publicGet('/contract/public/market-trade?symbol=BTCUSDT')).json();
    expect(body.data.length).toBeGreaterThan(0);
    expect(body.data.length).toBeLessThanOrEqual(50);
    const trade = body.data[0];
    expect(trade).toMatchObject({ symbol: 'BTCUSDT', is_buyer_maker: expect.any(Boolean) });
    expect(trade.time).toBeLessThan(1e11);
    expect(Number(trade.qty) * 1000).toSatisfy(Number.isInteger);
  });

  it('serves funding rate, its synthesised history, open interest and a leverage bracket', async () => {
    const funding = (await kit.publicGet('/contract/public/funding-rate?symbol=BTCUSDT')).json().data;
    expect(funding).toMatchObject({ symbol: 'BTCUSDT', timestamp: kit.clock.now(), funding_time: expect.any(Number) });
    expect(funding.rate_value).toMatch(DECIMAL);
    const history = (await kit.publicGet('/contract/public/funding-rate-history?symbol=BTCUSDT&limit=3')).json().data;
    expect(history.list).toHaveLength(3);
    expect(typeof history.list[0].funding_time).toBe('string');
    const interest = (await kit.publicGet('/contract/public/open-interest?symbol=BTCUSDT')).json().data;
    expect(interest.open_interest).toMatch(DECIMAL);
    const bracket = (await kit.publicGet('/contract/public/leverage-bracket?symbol=BTCUSDT')).json().data;
    expect(bracket.rules[0].brackets[0]).toMatchObject({ bracket: 1, initial_leverage: 125 });
  });

  it('answers /system/service with an empty maintenance list', async () => {
    expect((await kit.publicGet('/system/service')).json().data).toEqual({ service: [] });
  });
});

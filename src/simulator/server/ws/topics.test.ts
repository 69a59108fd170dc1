import { describe, expect, it } from 'vitest';
import { isPrivateTopic, parseTopic } from './topics.ts';

const listed = (symbol: string) => symbol === 'BTCUSDT' || symbol === 'ETHUSDT';

describe('WebSocket topics', () => {
  it('reads kline intervals in BitMart case and keeps the group exactly as subscribed', () => {
    expect(parseTopic('futures/klineBin1H:BTCUSDT', listed)).toEqual({
      channel: 'kline',
      group: 'futures/klineBin1H:BTCUSDT',
      symbol: 'BTCUSDT',
      step: 60,
    });
    expect(parseTopic('futures/klineBin1m:BTCUSDT', listed)).toMatchObject({ step: 1 });
    expect(parseTopic('futures/klineBin1W:BTCUSDT', listed)).toMatchObject({ step: 10080 });
  });

  it('accepts the lower-case hour, day and week aliases of bitmart-api docs', () => {
    expect(parseTopic('futures/klineBin1h:BTCUSDT', listed)).toMatchObject({
      group: 'futures/klineBin1h:BTCUSDT',
      step: 60,
    });
    expect(parseTopic('futures/klineBin4h:BTCUSDT', listed)).toMatchObject({ step: 240 });
    expect(parseTopic('futures/klineBin1d:BTCUSDT', listed)).toMatchObject({ step: 1440 });
    expect(parseTopic('futures/klineBin1w:BTCUSDT', listed)).toMatchObject({ step: 10080 });
  });

  it('refuses intervals BitMart does not stream, such as 1M (one month) or 7m', () => {
    expect(parseTopic('futures/klineBin1M:BTCUSDT', listed)).toBeUndefined();
    expect(parseTopic('futures/klineBin7m:BTCUSDT', listed)).toBeUndefined();
  });

  it('pushes a per-symbol ticker under the @100ms group', () => {
    expect(parseTopic('futures/ticker:ETHUSDT', listed)).toMatchObject({
      channel: 'ticker',
      pushGroup: 'futures/ticker:ETHUSDT@100ms',
    });
    expect(parseTopic('futures/ticker', listed)).toEqual({ channel: 'tickerAll', group: 'futures/ticker' });
  });

  it('reads depth levels with or without a speed suffix', () => {
    expect(parseTopic('futures/depth50:BTCUSDT', listed)).toMatchObject({ channel: 'depth', levels: 50 });
    expect(parseTopic('futures/depth20:BTCUSDT@200ms', listed)).toMatchObject({ channel: 'depth', levels: 20 });
    expect(parseTopic('futures/depthAll5:BTCUSDT@100ms', listed)).toMatchObject({ channel: 'depthAll', levels: 5 });
    expect(parseTopic('futures/depth10:BTCUSDT', listed)).toBeUndefined();
  });

  it('knows the private topics and marks them private', () => {
    const order = parseTopic('futures/order', listed);
    const asset = parseTopic('futures/asset:BTC', listed);
    expect(order && isPrivateTopic(order)).toBe(true);
    expect(asset).toEqual({ channel: 'asset', group: 'futures/asset:BTC', currency: 'BTC' });
    expect(parseTopic('futures/asset:DOGE', listed)).toBeUndefined();
    const trade = parseTopic('futures/trade:BTCUSDT', listed);
    expect(trade && isPrivateTopic(trade)).toBe(false);
  });

  it('has no group on an unlisted symbol or an unknown business', () => {
    expect(parseTopic('futures/trade:NOPEUSDT', listed)).toBeUndefined();
    expect(parseTopic('sfutures/depth50:BTCUSDT', listed)).toBeUndefined();
    expect(parseTopic('futures/fundingRate:BTCUSDT', listed)).toMatchObject({ channel: 'fundingRate' });
  });
});

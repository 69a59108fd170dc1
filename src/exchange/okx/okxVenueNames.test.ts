import { describe, expect, it } from 'vitest';
import { okxVenueNames } from './okxVenueNames.ts';

describe('okxVenueNames', () => {
  it("names kline channels as the business WebSocket's candle channel and instId, UTC-aligned from 6 h", () => {
    expect(okxVenueNames.klineChannel('BTCUSDT', '1h')).toBe('candle1H:BTC-USDT-SWAP');
    expect(okxVenueNames.klineChannel('ETHUSDT', '1d')).toBe('candle1Dutc:ETH-USDT-SWAP');
    expect(okxVenueNames.klineChannel('BTCUSD', '1m')).toBeUndefined();
  });

  it("tells order sides by the seeds' codes, which the trading-app reads whatever the venue", () => {
    expect(okxVenueNames.orderSide('open_long')).toBe('1');
    expect(okxVenueNames.orderSide('close_short')).toBe('2');
    expect(okxVenueNames.orderSide('close_long')).toBe('3');
    expect(okxVenueNames.orderSide('open_short')).toBe('4');
  });
});

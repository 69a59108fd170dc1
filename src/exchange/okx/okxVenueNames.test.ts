import { describe, expect, it } from 'vitest';
import { okxVenueNames } from './okxVenueNames.ts';

describe('okxVenueNames', () => {
  it("names kline channels as the business WebSocket's candle channel and instId, UTC-aligned from 6 h", () => {
    expect(okxVenueNames.klineChannel('BTCUSDT', '1h')).toBe('candle1H:BTC-USDT-SWAP');
    expect(okxVenueNames.klineChannel('ETHUSDT', '1d')).toBe('candle1Dutc:ETH-USDT-SWAP');
    expect(okxVenueNames.klineChannel('BTCUSD', '1m')).toBeUndefined();
  });

  it("names sides by OKX's side, a close by its reduce-only reading", () => {
    expect(okxVenueNames.orderSide('open_long')).toBe('buy');
    expect(okxVenueNames.orderSide('close_long')).toBe('sell:reduce');
    expect(okxVenueNames.orderSide('open_short')).toBe('sell');
    expect(okxVenueNames.orderSide('close_short')).toBe('buy:reduce');
  });
});

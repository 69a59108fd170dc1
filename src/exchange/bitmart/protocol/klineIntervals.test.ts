import { describe, expect, it } from 'vitest';
import { TIMEFRAMES } from '../../port/types.ts';
import { klineStep, klineTopic, parseKlineTopic, timeframeOfWsInterval } from './klineIntervals.ts';

describe('BitMart kline intervals', () => {
  it('names hours, days and weeks in upper case in WebSocket topics', () => {
    expect(klineTopic('BTCUSDT', '1m')).toBe('futures/klineBin1m:BTCUSDT');
    expect(klineTopic('BTCUSDT', '4h')).toBe('futures/klineBin4H:BTCUSDT');
    expect(klineTopic('BTCUSDT', '1d')).toBe('futures/klineBin1D:BTCUSDT');
    expect(klineTopic('BTCUSDT', '1w')).toBe('futures/klineBin1W:BTCUSDT');
  });

  it('has a REST step for every timeframe but no WebSocket channel for 3d', () => {
    expect(TIMEFRAMES.map(klineStep)).toEqual([1, 3, 5, 15, 30, 60, 120, 240, 360, 720, 1440, 4320, 10080]);
    expect(klineTopic('BTCUSDT', '3d')).toBeUndefined();
    expect(parseKlineTopic('futures/klineBin3D:BTCUSDT')).toBeUndefined();
  });

  it('parses back every topic it builds, and the lower-case spelling of the same interval', () => {
    for (const timeframe of TIMEFRAMES) {
      const topic = klineTopic('ETHUSDT', timeframe);
      if (topic) expect(parseKlineTopic(topic)).toEqual({ symbol: 'ETHUSDT', timeframe });
    }
    expect(timeframeOfWsInterval('12h')).toBe('12h');
    expect(parseKlineTopic('futures/klineBin1h:BTCUSDT')).toEqual({ symbol: 'BTCUSDT', timeframe: '1h' });
  });

  it('refuses other topics and unknown intervals', () => {
    expect(parseKlineTopic('futures/klineBin7m:BTCUSDT')).toBeUndefined();
    expect(parseKlineTopic('futures/ticker:BTCUSDT')).toBeUndefined();
    expect(parseKlineTopic('futures/klineBin1m:btcusdt')).toBeUndefined();
  });
});

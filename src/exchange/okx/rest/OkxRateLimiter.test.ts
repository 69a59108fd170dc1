import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../platform/clock/index.ts';
import { OKX_REST_RATE_LIMITS } from '../protocol/rateLimits.ts';
import { OkxRateLimiter } from './OkxRateLimiter.ts';

const PLACE = OKX_REST_RATE_LIMITS['/api/v5/trade/order'] ?? { limit: 60, windowMs: 2000, per: 'userInstId' as const };

describe('OkxRateLimiter', () => {
  it('counts place-order per instrument: a full BTC window does not hold back ETH', () => {
    const limiter = new OkxRateLimiter({ clock: new ManualClock(0) });
    for (let index = 0; index < 50; index += 1)
      expect(limiter.tryAcquire('POST order|k|BTC-USDT-SWAP', PLACE)).toBe(true);
    expect(limiter.tryAcquire('POST order|k|BTC-USDT-SWAP', PLACE)).toBe(false);
    expect(limiter.tryAcquire('POST order|k|ETH-USDT-SWAP', PLACE)).toBe(true);
  });

  it('keeps the last sixth of a window for protective requests', () => {
    const limiter = new OkxRateLimiter({ clock: new ManualClock(0) });
    for (let index = 0; index < 50; index += 1) limiter.tryAcquire('b', PLACE);
    expect(limiter.tryAcquire('b', PLACE, 'normal')).toBe(false);
    for (let index = 0; index < 10; index += 1) expect(limiter.tryAcquire('b', PLACE, 'protective')).toBe(true);
    expect(limiter.tryAcquire('b', PLACE, 'protective')).toBe(false);
  });

  it('a waiting request goes once the window slides, on the injected clock', async () => {
    const clock = new ManualClock(0);
    const limiter = new OkxRateLimiter({ clock, marginMs: 0 });
    const rule = { limit: 1, windowMs: 1000, per: 'user' as const };
    await limiter.acquire('b', rule);
    let done = false;
    const waiting = limiter.acquire('b', rule).then(() => {
      done = true;
    });
    clock.advance(999);
    await Promise.resolve();
    expect(done).toBe(false);
    clock.advance(2);
    await waiting;
    expect(done).toBe(true);
  });

  it('after a 50011 the bucket waits a whole window', () => {
    const clock = new ManualClock(0);
    const limiter = new OkxRateLimiter({ clock });
    limiter.backOff('b', 2000);
    expect(limiter.tryAcquire('b', PLACE, 'protective')).toBe(false);
    clock.advance(2000);
    expect(limiter.tryAcquire('b', PLACE, 'protective')).toBe(true);
  });
});

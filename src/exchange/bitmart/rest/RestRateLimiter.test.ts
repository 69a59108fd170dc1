import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../platform/clock/index.ts';
import { RestRateLimiter } from './RestRateLimiter.ts';

const family = { limit: 2, windowMs: 2_000, per: 'key' as const };

/** Lets awaiting promises run without moving the clock. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('RestRateLimiter', () => {
  it('lets `limit` requests through at once and holds the next until the window (plus margin) passes', async () => {
    const clock = new ManualClock(1_000_000);
    const limiter = new RestRateLimiter({ clock, marginMs: 100 });
    await limiter.acquire('b', family);
    await limiter.acquire('b', family);
    let third = false;
    void limiter.acquire('b', family).then(() => {
      third = true;
    });
    await settle();
    expect(third).toBe(false);
    clock.advance(2_099);
    await settle();
    expect(third).toBe(false);
    clock.advance(1);
    await settle();
    expect(third).toBe(true);
  });

  it('counts requests BitMart saw from elsewhere (the Remaining header) and blocks a full window', async () => {
    const clock = new ManualClock(1_000_000);
    const limiter = new RestRateLimiter({ clock });
    limiter.observe('b', family, { used: 2, limit: 2, resetMs: 2_000 });
    let admitted = false;
    void limiter.acquire('b', family).then(() => {
      admitted = true;
    });
    await settle();
    expect(admitted).toBe(false);
    // The unseen requests are counted as sent now, so they leave the window with its margin.
    clock.advance(2_099);
    await settle();
    expect(admitted).toBe(false);
    clock.advance(1);
    await settle();
    await settle();
    expect(admitted).toBe(true);
  });

  it('after a 429 holds the bucket for the retry delay only', async () => {
    const clock = new ManualClock(1_000_000);
    const limiter = new RestRateLimiter({ clock });
    limiter.backOff('b', 500);
    let other = false;
    let held = false;
    void limiter.acquire('other', family).then(() => {
      other = true;
    });
    void limiter.acquire('b', family).then(() => {
      held = true;
    });
    await settle();
    expect(other).toBe(true);
    expect(held).toBe(false);
    clock.advance(500);
    await settle();
    await settle();
    expect(held).toBe(true);
  });

  it('keeps the last sixth of each window for protective requests (closes), which normal ones cannot take', async () => {
    const clock = new ManualClock(1_000_000);
    const limiter = new RestRateLimiter({ clock });
    const submitOrder = { limit: 24, windowMs: 2_000, per: 'key' as const };
    for (let sent = 0; sent < 20; sent++) expect(limiter.tryAcquire('submit', submitOrder)).toBe(true);
    expect(limiter.tryAcquire('submit', submitOrder)).toBe(false);
    let entry = false;
    void limiter.acquire('submit', submitOrder).then(() => {
      entry = true;
    });
    for (let sent = 0; sent < 4; sent++) expect(limiter.tryAcquire('submit', submitOrder, 'protective')).toBe(true);
    expect(limiter.tryAcquire('submit', submitOrder, 'protective')).toBe(false);
    await settle();
    expect(entry).toBe(false);
    clock.advance(2_100);
    await settle();
    expect(entry).toBe(true);
  });

  it('reports each window it counts: used, limit, and the wait a 429 imposed', async () => {
    const clock = new ManualClock(1_000_000);
    const limiter = new RestRateLimiter({ clock, marginMs: 100 });
    expect(limiter.usage()).toEqual([]);
    await limiter.acquire('a', family);
    limiter.backOff('a', 5_000);
    expect(limiter.usage()).toEqual([{ bucket: 'a', used: 1, limit: 2, blockedForMs: 5_000 }]);
    clock.advance(5_000);
    expect(limiter.usage()).toEqual([{ bucket: 'a', used: 0, limit: 2, blockedForMs: 0 }]);
  });
});

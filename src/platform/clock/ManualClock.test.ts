import { describe, expect, it } from 'vitest';
import { ManualClock } from './ManualClock.ts';

describe('ManualClock.sleep', () => {
  it('resolves once the clock is advanced past the delay, and not before', async () => {
    const clock = new ManualClock(0);
    let wokeAt: number | undefined;
    const sleeping = clock.sleep(1_000).then(() => {
      wokeAt = clock.now();
    });
    clock.advance(999);
    await Promise.resolve();
    expect(wokeAt).toBeUndefined();
    clock.advance(1);
    await sleeping;
    expect(wokeAt).toBe(1_000);
    expect(clock.pendingTimers).toBe(0);
  });

  it('wakes sleepers in due order when one advance passes several', async () => {
    const clock = new ManualClock(0);
    const woken: number[] = [];
    const sleepers = [300, 100, 200].map((delay) => clock.sleep(delay).then(() => woken.push(delay)));
    clock.advance(1_000);
    await Promise.all(sleepers);
    expect(woken).toEqual([100, 200, 300]);
  });
});

describe('ManualClock.nextDueAt', () => {
  it('names the earliest pending timer, a repeating one at its next period, and nothing once all are cleared', () => {
    const clock = new ManualClock(0);
    expect(clock.nextDueAt()).toBeUndefined();
    const late = clock.setTimeout(() => {}, 500);
    const every = clock.setInterval(() => {}, 200);
    expect(clock.nextDueAt()).toBe(200);
    clock.advanceTo(200);
    expect(clock.nextDueAt()).toBe(400);
    clock.clearTimer(every);
    expect(clock.nextDueAt()).toBe(500);
    clock.clearTimer(late);
    expect(clock.nextDueAt()).toBeUndefined();
  });
});

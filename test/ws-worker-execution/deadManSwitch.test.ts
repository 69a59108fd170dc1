import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/platform/clock/index.ts';
import { silentLogger } from '../../src/platform/logging/logger.ts';
import { DeadManSwitch } from '../../src/ws-worker/execution/DeadManSwitch.ts';

/** A venue whose cancel-all-after answers only when the test releases it, recording what arrived. */
class SlowVenue {
  readonly received: number[] = [];
  readonly #pending: (() => void)[] = [];
  readonly port = {
    cancelAllAfter: (_symbol: string, timeoutSeconds: number) =>
      new Promise<{ cancelAt: number | undefined }>((resolve) => {
        this.received.push(timeoutSeconds);
        this.#pending.push(() => resolve({ cancelAt: undefined }));
      }),
  };

  async answerAll(): Promise<void> {
    while (this.#pending.length > 0) {
      this.#pending.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

describe('the dead-man switch', () => {
  it('never lets an arm land after the disarm that followed it, and sends only the latest wish', async () => {
    const venue = new SlowVenue();
    const deadMan = new DeadManSwitch({ exchange: venue.port, clock: new ManualClock(), logger: silentLogger() });
    deadMan.update('BTCUSDT', 1);
    deadMan.update('BTCUSDT', 0);
    deadMan.update('BTCUSDT', 1);
    deadMan.update('BTCUSDT', 0);
    expect(venue.received).toEqual([60]);
    await venue.answerAll();
    expect(venue.received).toEqual([60, 0]);
    deadMan.stop();
  });

  it('refreshes while armed and disarms with 0', async () => {
    const venue = new SlowVenue();
    const clock = new ManualClock();
    const deadMan = new DeadManSwitch({ exchange: venue.port, clock, logger: silentLogger(), refreshMs: 20_000 });
    deadMan.update('ETHUSDT', 2);
    await venue.answerAll();
    clock.advance(20_000);
    await venue.answerAll();
    deadMan.update('ETHUSDT', 0);
    await venue.answerAll();
    expect(venue.received).toEqual([60, 60, 0]);
    expect(deadMan.armedSymbols()).toEqual([]);
  });
});

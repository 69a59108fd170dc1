import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../platform/clock/index.ts';
import { silentLogger } from '../../platform/logging/logger.ts';
import { Scheduler } from './Scheduler.ts';

const START = Date.UTC(2026, 0, 5, 12, 0, 0);

/** A job whose runs the test ends by hand, to hold one in progress. */
function heldJob() {
  const releases: (() => void)[] = [];
  let started = 0;
  return {
    get started() {
      return started;
    },
    run: () =>
      new Promise<{ outcome: string }>((resolve) => {
        started += 1;
        releases.push(() => resolve({ outcome: 'ok' }));
      }),
    release: async () => {
      releases.shift()?.();
      await settle();
    },
  };
}

/** Lets the runs' promise chains finish (no time passes). */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

describe('Scheduler', () => {
  it('runs a job at its cron second every minute, on the injected clock, and reports last and next run', async () => {
    const clock = new ManualClock(START);
    const scheduler = new Scheduler({ clock, logger: silentLogger() });
    const runs: number[] = [];
    scheduler.add({
      name: 'mtf-run',
      cron: '5 * * * * *',
      enabled: true,
      run: async () => {
        runs.push(clock.now());
        return { outcome: 'ok', summary: 'ran' };
      },
    });
    scheduler.start();
    expect(scheduler.status()[0]?.next_run_at).toBe('2026-01-05T12:00:05.000Z');
    for (let minute = 0; minute < 3; minute++) {
      clock.advance(60_000);
      await settle(); // a quick run ends before the next tick, as on the wall clock
    }
    expect(runs.map((at) => new Date(at).toISOString())).toEqual([
      '2026-01-05T12:00:05.000Z',
      '2026-01-05T12:01:05.000Z',
      '2026-01-05T12:02:05.000Z',
    ]);
    expect(scheduler.status()[0]).toMatchObject({
      last_run_at: '2026-01-05T12:02:05.000Z',
      last_outcome: 'ok',
      last_summary: 'ran',
      next_run_at: '2026-01-05T12:03:05.000Z',
      runs: 3,
    });
    await scheduler.stop();
  });

  it('never runs a job twice at once: one tick waits for the running one, later ticks are dropped (BUFFER_ONE)', async () => {
    const clock = new ManualClock(START);
    const scheduler = new Scheduler({ clock, logger: silentLogger() });
    const job = heldJob();
    scheduler.add({ name: 'slow', cron: '0 * * * * *', enabled: true, run: job.run });
    scheduler.start();
    clock.advance(60_000); // tick 1 starts and is held
    await settle();
    clock.advance(3 * 60_000); // ticks 2, 3, 4 fall due while it runs
    await settle();
    expect(job.started).toBe(1);
    expect(scheduler.status()[0]).toMatchObject({ running: true, queued: true });
    await job.release(); // tick 1 ends: exactly one waiting run starts
    expect(job.started).toBe(2);
    await job.release();
    expect(job.started).toBe(2);
    expect(scheduler.status()[0]).toMatchObject({ running: false, queued: false, runs: 2 });
    await scheduler.stop();
  });

  it('records a failed run and keeps the schedule; a job switched off or disabled never runs', async () => {
    const clock = new ManualClock(START);
    const scheduler = new Scheduler({ clock, logger: silentLogger() });
    let disabledRuns = 0;
    scheduler.add({ name: 'broken', cron: '0 * * * * *', enabled: true, run: () => Promise.reject(new Error('boom')) });
    scheduler.add({ name: 'no-schedule', cron: undefined, enabled: true, run: () => Promise.reject(new Error('ran')) });
    scheduler.add({
      name: 'off',
      cron: '0 * * * * *',
      enabled: false,
      run: async () => {
        disabledRuns += 1;
        return { outcome: 'ok' };
      },
    });
    scheduler.start();
    clock.advance(2 * 60_000);
    await settle();
    const [broken, noSchedule, off] = scheduler.status();
    expect(broken).toMatchObject({ last_outcome: 'failed', last_summary: 'boom', runs: 2, failures: 2 });
    expect(noSchedule).toMatchObject({ cron: 'off', enabled: false, next_run_at: null, runs: 0 });
    expect(off).toMatchObject({ enabled: false, next_run_at: null, runs: 0 });
    expect(disabledRuns).toBe(0);
    await scheduler.stop();
  });

  it('refuses a malformed cron expression and a duplicate name at add()', () => {
    const scheduler = new Scheduler({ clock: new ManualClock(START), logger: silentLogger() });
    const run = async () => ({ outcome: 'ok' });
    expect(() => scheduler.add({ name: 'bad', cron: 'every minute', enabled: true, run })).toThrow();
    scheduler.add({ name: 'twice', cron: '0 9 * * *', enabled: true, run });
    expect(() => scheduler.add({ name: 'twice', cron: '0 9 * * *', enabled: true, run })).toThrow(/defined twice/);
  });
});
